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
    /// Handing a part to a worker that is still spinning costs about 0.5 µs, but one that has gone to sleep (any gap
    /// over 50 µs between parallel calls, e.g. a ReLU between two convolutions) takes 20-40 µs to wake on an idle machine
    /// and about 120 µs on a loaded one, and the caller waits for it. At 4M per part, two parts finish within about
    /// 220 µs even in that worst case, against 200 µs run alone, and well under it otherwise; smaller parts could end up
    /// slower than not splitting at all.
    /// </summary>
    public const long MinMultiplyAddsPerPart = 4_000_000;

    /// <summary>
    /// Least input floats per part for memory-bound kernels (pooling), which read 2-4 floats per ns per core: 128K
    /// floats is about as long as a part of <see cref="MinMultiplyAddsPerPart"/>, for the same reason.
    /// </summary>
    public const long MinFloatsPerPart = 128 * 1024;

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
