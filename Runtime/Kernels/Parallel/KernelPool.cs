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
/// One call at a time owns the workers. A call that finds them busy (another thread's kernel, or a part that itself
/// calls a kernel) runs all its parts itself, in order, with the same partition, so its results do not depend on
/// whether the pool was free. Waiting threads spin briefly, for the back-to-back calls of a network's layers, then
/// block, so idle workers cost nothing on a shared machine.
/// </remarks>
internal static unsafe class KernelPool
{
    /// <summary>
    /// How long a waiting thread spins before blocking: 200 µs. A worker that has blocked takes 20-120 µs to wake (more
    /// on a loaded machine), paid by the next call; 200 µs spans the elementwise layers a network runs between two
    /// parallel calls (ReLU over cifar's largest activations, 2M floats, takes about 170 µs), yet an idle worker gives
    /// its core back within a fifth of a millisecond. The caller spins as long for the same reason: a part that started
    /// late finishes late, and a blocked caller would pay a second wake-up.
    /// </summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 5_000;

    // The current call, written by its owner before it releases the workers and read by them after.
    private static delegate*<void*, int, void> work;
    private static void* state;
    private static int remaining;
    private static readonly SemaphoreSlim AllDone = new(0);

    // 1 while a call owns the workers; only the owner reads or grows `workers`.
    private static int busy;
    private static Worker[] workers = [];

    /// <summary>
    /// Runs <c>part(state, p)</c> for p in [0, <paramref name="parts"/>) and returns when all have finished. An exception
    /// from a part is rethrown here (part 0's first, then the lowest-numbered worker's), after every part has stopped.
    /// </summary>
    public static void Run(delegate*<void*, int, void> part, void* partState, int parts)
    {
        if (parts <= 1 || Interlocked.CompareExchange(ref busy, 1, 0) != 0)
        {
            for (int p = 0; p < parts; p++)
            {
                part(partState, p);
            }

            return;
        }

        Exception? workerFailure = null;
        try
        {
            Worker[] pool = EnsureWorkers(parts - 1);
            work = part;
            state = partState;
            Volatile.Write(ref remaining, parts - 1);
            for (int w = 0; w < parts - 1; w++)
            {
                pool[w].Start.Release();
            }

            try
            {
                part(partState, 0);
            }
            finally
            {
                // Even when part 0 throws, the workers may still be reading the caller's state: wait for them.
                WaitForWorkers();
                for (int w = 0; w < parts - 1; w++)
                {
                    workerFailure ??= pool[w].Failure;
                    pool[w].Failure = null;
                }
            }
        }
        finally
        {
            work = null;
            state = null;
            Volatile.Write(ref busy, 0);
        }

        if (workerFailure is not null)
        {
            ExceptionDispatchInfo.Throw(workerFailure);
        }
    }

    /// <summary>
    /// The pointer-based Run for callers without pointers: runs
    /// <c>work.Run(p)</c> for p in [0, <paramref name="parts"/>), every part on the same struct (pinned for the call),
    /// with no boxing or allocation.
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

    private static void WaitForWorkers()
    {
        long deadline = Stopwatch.GetTimestamp() + SpinTicks;
        while (Volatile.Read(ref remaining) != 0 && Stopwatch.GetTimestamp() < deadline)
        {
            Thread.SpinWait(8);
        }

        // The last worker to finish releases AllDone exactly once per call; this returns at once if it already has.
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
        private readonly int part;

        public Worker(int part)
        {
            this.part = part;
            var thread = new Thread(Loop) { IsBackground = true, Name = $"StaticNets kernel worker {part}" };
            thread.Start();
        }

        /// <summary>Released once per call that gives this worker a part.</summary>
        public SemaphoreSlim Start { get; } = new(0);

        /// <summary>What this worker's part threw in the current call, if anything; read and cleared by the owner.</summary>
        public Exception? Failure { get; set; }

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
                try
                {
                    work(state, part);
                }
                catch (Exception e)
                {
                    Failure = e;
                }

                if (Interlocked.Decrement(ref remaining) == 0)
                {
                    AllDone.Release();
                }
            }
        }
    }
}
