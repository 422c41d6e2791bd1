using System;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace StaticNets.Kernels;

/// <summary>
/// Runs the parts of one kernel call: the caller runs part 0 and long-lived background workers run parts 1.. at once.
/// Work is a function pointer and a pointer to the caller's state (typically a struct on its stack holding pinned
/// pointers), so a call allocates nothing; the caller waits for every part before returning, which keeps that state
/// alive for as long as any part can read it.
/// </summary>
/// <remarks>
/// <para>
/// Parts 1.. are claimed one at a time by whichever thread gets to them first: the woken workers, and the caller once
/// its own part is done. On a loaded machine a worker may not be scheduled for milliseconds; the caller then runs its
/// part too rather than wait. Which thread runs a part never changes its result (parts only use their own range and
/// per-thread scratch), so the bits depend on the partition alone.
/// </para>
/// <para>
/// One call at a time owns the workers. A call that finds them busy (another thread's kernel, or a part that itself
/// calls a kernel) runs all its parts itself, in order, with the same partition, so its results do not depend on
/// whether the pool was free. Waiting threads spin briefly, for the back-to-back calls of a network's layers, then
/// block, so idle workers cost nothing on a shared machine.
/// </para>
/// </remarks>
internal static unsafe class KernelPool
{
    /// <summary>
    /// How long a waiting thread spins before blocking: 200 µs. Waking a worker that has blocked took about 120 µs
    /// (median, on the shared 2-core machine under load), paid by the next call; 200 µs spans the elementwise layers a network runs between two
    /// parallel calls (ReLU over cifar's largest activations, 2M floats, takes about 170 µs), yet an idle worker gives
    /// its core back within a fifth of a millisecond. The caller spins as long for the same reason: a part that started
    /// late finishes late, and a blocked caller would pay a second wake-up.
    /// </summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 5_000;

    // The current call, written by its owner before it publishes the call's first ticket and read by claimants after.
    private static delegate*<void*, int, void> work;
    private static void* state;
    private static readonly Exception?[] Failures = new Exception?[KernelThreads.MaxCount];

    // (call number << 32) | (parts << 16) | next unclaimed part. A claim is a compare-exchange on the whole word. A call
    // ends only once every part is claimed, so a finished call's ticket offers nothing, and a worker that wakes late,
    // or reads the fields of one call and the ticket of the next, can never claim.
    private static long ticket;
    private static int remaining;
    private static readonly SemaphoreSlim AllDone = new(0);

    // 1 while a call owns the workers; only the owner reads or grows `workers`.
    private static int busy;
    private static Worker[] workers = [];

    /// <summary>
    /// Runs <c>part(state, p)</c> for p in [0, <paramref name="parts"/>) and returns when all have finished. An exception
    /// from a part is rethrown here, the lowest-numbered part's, after every part has stopped.
    /// </summary>
    public static void Run(delegate*<void*, int, void> part, void* partState, int parts)
    {
        if ((uint)parts > KernelThreads.MaxCount)
        {
            throw new ArgumentOutOfRangeException(nameof(parts), parts, $"A call has at most {KernelThreads.MaxCount} parts.");
        }

        if (parts <= 1 || Interlocked.CompareExchange(ref busy, 1, 0) != 0)
        {
            for (int p = 0; p < parts; p++)
            {
                part(partState, p);
            }

            return;
        }

        Exception? failure = null;
        try
        {
            Worker[] pool = EnsureWorkers(parts - 1);
            work = part;
            state = partState;
            Volatile.Write(ref remaining, parts - 1);
            long call = (Volatile.Read(ref ticket) >> 32) + 1;
            Volatile.Write(ref ticket, (call << 32) | ((long)parts << 16) | 1);
            for (int w = 0; w < parts - 1; w++)
            {
                pool[w].Start.Release();
            }

            try
            {
                part(partState, 0);
            }
            catch (Exception e)
            {
                failure = e;
            }

            // Parts no worker has reached yet; then, even after a failure, wait for the ones in flight, which may
            // still be reading the caller's state.
            RunClaimedParts();
            WaitForWorkers();
            for (int p = 1; p < parts; p++)
            {
                failure ??= Failures[p];
                Failures[p] = null;
            }
        }
        finally
        {
            work = null;
            state = null;
            Volatile.Write(ref busy, 0);
        }

        if (failure is not null)
        {
            ExceptionDispatchInfo.Throw(failure);
        }
    }

    /// <summary>
    /// The pointer-based Run for callers without pointers: runs <c>work.Run(p)</c> for p in [0, <paramref name="parts"/>),
    /// every part on the same struct (pinned for the call), with no boxing or allocation.
    /// </summary>
    public static void Run<TPart>(ref TPart work, int parts)
        where TPart : unmanaged, IKernelPart
    {
        fixed (TPart* shared = &work)
        {
            Run(&RunPart<TPart>, shared, parts);
        }
    }

    private static void RunPart<TPart>(void* work, int part)
        where TPart : unmanaged, IKernelPart => ((TPart*)work)->Run(part);

    // Claims and runs parts of the current call until none is left; returns at once for a call that has ended.
    private static void RunClaimedParts()
    {
        while (true)
        {
            long claim = Volatile.Read(ref ticket);
            var current = work;
            void* currentState = state;
            int part = (int)(claim & 0xFFFF), parts = (int)((claim >> 16) & 0xFFFF);
            if (part >= parts)
            {
                return;
            }

            // Success proves the fields just read belong to this claim's call: the call cannot end, and the next cannot
            // begin, while this part is unclaimed.
            if (Interlocked.CompareExchange(ref ticket, claim + 1, claim) != claim)
            {
                continue;
            }

            try
            {
                current(currentState, part);
            }
            catch (Exception e)
            {
                Failures[part] = e;
            }

            if (Interlocked.Decrement(ref remaining) == 0)
            {
                AllDone.Release();
            }
        }
    }

    private static void WaitForWorkers()
    {
        long deadline = Stopwatch.GetTimestamp() + SpinTicks;
        while (Volatile.Read(ref remaining) != 0 && Stopwatch.GetTimestamp() < deadline)
        {
            Thread.SpinWait(8);
        }

        // Whoever finishes the last part releases AllDone exactly once per call; this returns at once if it already has.
        AllDone.Wait();
    }

    // Called only by the owner of the pool; starting threads is warm-up, once per new highest count.
    private static Worker[] EnsureWorkers(int count)
    {
        Worker[] pool = workers;
        if (pool.Length >= count)
        {
            return pool;
        }

        var grown = new Worker[count];
        pool.CopyTo(grown, 0);
        for (int w = pool.Length; w < count; w++)
        {
            grown[w] = new Worker(w + 1);
        }

        workers = grown;
        return grown;
    }

    private sealed class Worker
    {
        public Worker(int number)
        {
            var thread = new Thread(Loop) { IsBackground = true, Name = $"StaticNets kernel worker {number}" };
            thread.Start();
        }

        /// <summary>Released once per call that wants this worker's help.</summary>
        public SemaphoreSlim Start { get; } = new(0);

        private void Loop()
        {
            while (true)
            {
                long deadline = Stopwatch.GetTimestamp() + SpinTicks;
                while (Start.CurrentCount == 0 && Stopwatch.GetTimestamp() < deadline)
                {
                    Thread.SpinWait(8);
                }

                Start.Wait();
                RunClaimedParts();
            }
        }
    }
}
