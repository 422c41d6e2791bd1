using System;

namespace StaticNets.Kernels;

/// <summary>
/// How a kernel call is cut into parts: the number of parts from the work's size and <see cref="KernelThreads.Count"/>,
/// and each part's contiguous range of units (examples, planes or rows). Both depend only on their arguments, which is
/// what makes results repeatable for a given count.
/// </summary>
internal static class Partition
{
    /// <summary>
    /// Least multiply-adds worth handing to another thread: 4M, about 100 µs of one core's SGEMM (measured at 40
    /// multiply-adds per ns on the 2-core AVX-512 test machine: cifar's 32→32 convolution, 604M at batch 64, in 15 ms).
    /// Handing a part to a worker that is still spinning costs about 0.5 µs, but waking one that has blocked and waiting
    /// for it took about 120 µs (median, on the shared machine under load). If the caller finishes its own part first
    /// it runs the unclaimed ones itself, so a late worker costs nothing; the loss is when the worker claims its part
    /// just before that, and the caller waits up to one part's time for it. At 100 µs per part that worst case stays
    /// near the time of not splitting, and every other case is faster; smaller parts would risk losing more than the
    /// split can win.
    /// </summary>
    public const long MinMultiplyAddsPerPart = 4_000_000;

    /// <summary>
    /// Least input floats per part for max pooling, which is memory-bound: 256K floats take about 20 µs forward and
    /// 85 µs backward at 2×2/2 (cifar's first pool, 2M floats, in 0.16 and 0.67 ms on one core), about the size of
    /// a convolution part's 100 µs. Narrow rows (cifar's 8×8 maps) run several times slower and gain the most.
    /// </summary>
    public const long MinFloatsPerPart = 256 * 1024;

    /// <summary>
    /// Parts for <paramref name="work"/> (in the same unit as <paramref name="minWorkPerPart"/>) split over
    /// <paramref name="units"/> indivisible units: at most the configured count, at most one per unit, and none
    /// smaller than <paramref name="minWorkPerPart"/>.
    /// </summary>
    public static int Parts(long work, long minWorkPerPart, int units, int threads)
    {
        long byWork = work / minWorkPerPart;
        return (int)Math.Max(1, Math.Min(Math.Min(threads, units), byWork));
    }

    /// <summary>Part <paramref name="part"/> of <paramref name="parts"/> near-equal contiguous ranges of <paramref name="units"/>.</summary>
    public static (int Start, int End) Range(int units, int parts, int part) =>
        ((int)((long)units * part / parts), (int)((long)units * (part + 1) / parts));
}
