using System;
using System.Threading;
using StaticNets.Kernels;

namespace StaticNets.Runtime.Tests.Kernels;

/// <summary>
/// Tests that set <see cref="KernelThreads.Count"/> or need the kernel workers to themselves: they run alone, after
/// every parallel collection, so no other test sees a changed count or competes for the workers.
/// </summary>
[CollectionDefinition(nameof(KernelThreadsCollection), DisableParallelization = true)]
public sealed class KernelThreadsCollection
{
    /// <summary>Runs <paramref name="action"/> with the count set to <paramref name="count"/>, then restores the previous count.</summary>
    internal static void WithCount(int count, Action action)
    {
        int saved = KernelThreads.Count;
        KernelThreads.Count = count;
        try
        {
            action();
        }
        finally
        {
            KernelThreads.Count = saved;
        }
    }
}

[Collection(nameof(KernelThreadsCollection))]
public class KernelThreadsTests
{
    private const int Parts = 5;

    // What each part of a RecordingPart run saw; the collection runs alone, so statics are not shared with other tests.
    private static readonly int[] RunCounts = new int[Parts];
    private static readonly int[] ThreadIds = new int[Parts];
    private static readonly int[] NestedThreadIds = new int[Parts];

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(KernelThreads.MaxCount + 1)]
    [InlineData(int.MinValue)]
    public void CountOutsideOneToMaxCountThrowsAndKeepsTheOldCount(int count)
    {
        int before = KernelThreads.Count;
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => KernelThreads.Count = count);
        Assert.Equal("value", error.ParamName);
        Assert.Equal(count, error.ActualValue);
        Assert.Contains($"between 1 and {KernelThreads.MaxCount}", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, KernelThreads.Count);
    }

    [Fact]
    public void CountAcceptsOneToMaxCount()
    {
        foreach (int count in (int[])[1, 3, KernelThreads.MaxCount])
        {
            KernelThreadsCollection.WithCount(count, () => Assert.Equal(count, KernelThreads.Count));
        }
    }

    [Fact]
    public void DefaultCountIsTheProcessorCount()
    {
        // Every test that changes the count restores it, so the default is what the process started with.
        Assert.Equal(Math.Clamp(Environment.ProcessorCount, 1, KernelThreads.MaxCount), KernelThreads.Count);
    }

    [Fact]
    public void EveryPartRunsOnceWithPartZeroOnTheCallerAndTheOthersOnWorkersWhileItRuns()
    {
        // Part 0 holds the caller until every other part has run, so none of them can have run on the caller.
        Array.Clear(RunCounts);
        var work = new RecordingPart(throwOn: -1, nest: false, holdPartZero: true);
        KernelPool.Run(ref work, Parts);

        Assert.All(RunCounts, runs => Assert.Equal(1, runs));
        int caller = Environment.CurrentManagedThreadId;
        Assert.Equal(caller, ThreadIds[0]);
        for (int part = 1; part < Parts; part++)
        {
            Assert.NotEqual(caller, ThreadIds[part]);
        }
    }

    [Fact]
    public void ACallWhileThePoolIsBusyRunsEveryPartOnItsOwnThread()
    {
        // Part 0 runs on the caller while the workers are owned by the outer call; its nested call must not wait for
        // them (that would deadlock a worker that did the same) but run all of its parts itself.
        Array.Clear(RunCounts);
        var work = new RecordingPart(throwOn: -1, nest: true);
        KernelPool.Run(ref work, Parts);

        Assert.All(RunCounts, runs => Assert.Equal(1, runs));
        Assert.All(NestedThreadIds, id => Assert.Equal(Environment.CurrentManagedThreadId, id));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(Parts - 1)]
    public void AnExceptionInAnyPartReachesTheCallerAfterEveryPartHasRun(int throwOn)
    {
        Array.Clear(RunCounts);
        var work = new RecordingPart(throwOn, nest: false);
        var error = Assert.Throws<InvalidOperationException>(() => KernelPool.Run(ref work, Parts));
        Assert.Equal($"part {throwOn}", error.Message);
        Assert.All(RunCounts, runs => Assert.Equal(1, runs));

        // The pool is free and clean again: the next call runs every part without rethrowing the old failure.
        Array.Clear(RunCounts);
        var clean = new RecordingPart(throwOn: -1, nest: false);
        KernelPool.Run(ref clean, Parts);
        Assert.All(RunCounts, runs => Assert.Equal(1, runs));
    }

    [Fact]
    public void PartsSplitUnitsIntoContiguousNearEqualRangesCoveringAll()
    {
        foreach (int units in (int[])[1, 2, 3, 7, 64, 1000])
        {
            for (int parts = 1; parts <= Math.Min(units, 9); parts++)
            {
                int expectedStart = 0;
                for (int part = 0; part < parts; part++)
                {
                    (int start, int end) = Partition.Range(units, parts, part);
                    Assert.Equal(expectedStart, start);
                    Assert.InRange(end - start, units / parts, units / parts + 1);
                    expectedStart = end;
                }

                Assert.Equal(units, expectedStart);
            }
        }
    }

    [Fact]
    public void PartsAreCappedByCountUnitsAndLeastWorkPerPart()
    {
        const long Least = Partition.MinMultiplyAddsPerPart;
        Assert.Equal(1, Partition.Parts(Least - 1, Least, 64, 4));
        Assert.Equal(1, Partition.Parts(2 * Least - 1, Least, 64, 4));
        Assert.Equal(2, Partition.Parts(2 * Least, Least, 64, 4));
        Assert.Equal(4, Partition.Parts(100 * Least, Least, 64, 4));
        Assert.Equal(3, Partition.Parts(100 * Least, Least, 3, 4));
        Assert.Equal(1, Partition.Parts(100 * Least, Least, 64, 1));
    }

    [Fact]
    public void APartCountAboveMaxCountIsRejected()
    {
        var work = new NestedPart();
        Assert.Throws<ArgumentOutOfRangeException>(() => KernelPool.Run(ref work, KernelThreads.MaxCount + 1));
    }

    private readonly struct RecordingPart : IKernelPart
    {
        private readonly int throwOn;
        private readonly bool nest;
        private readonly bool holdPartZero;

        public RecordingPart(int throwOn, bool nest, bool holdPartZero = false) => (this.throwOn, this.nest, this.holdPartZero) = (throwOn, nest, holdPartZero);

        public void Run(int part)
        {
            ThreadIds[part] = Environment.CurrentManagedThreadId;
            Interlocked.Increment(ref RunCounts[part]);
            if (holdPartZero && part == 0)
            {
                var waited = System.Diagnostics.Stopwatch.StartNew();
                while (RunCounts.AsSpan(1).IndexOf(0) >= 0)
                {
                    Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), "the workers never ran parts 1..");
                    Thread.Yield();
                }
            }

            if (nest && part == 0)
            {
                var nested = new NestedPart();
                KernelPool.Run(ref nested, Parts);
            }

            if (part == throwOn)
            {
                throw new InvalidOperationException($"part {part}");
            }
        }
    }

    private readonly struct NestedPart : IKernelPart
    {
        public void Run(int part) => NestedThreadIds[part] = Environment.CurrentManagedThreadId;
    }
}
