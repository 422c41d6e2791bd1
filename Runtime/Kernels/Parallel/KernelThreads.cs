using System;
using System.Threading;

namespace StaticNets.Kernels;

/// <summary>
/// How many threads the convolution, fully-connected and max-pooling kernels split large work across. Small work always
/// runs on the calling thread alone, where dispatching would cost more than it saves.
/// </summary>
/// <remarks>
/// For a given <see cref="Count"/>, results are bit-identical from run to run: how work is split depends only on the
/// shapes and the count, never on timing or on whether the worker threads were free. Different counts may round
/// differently only where a kernel sums across the batch (the convolution's weight and bias gradients); forward passes
/// and the fully-connected backward pass give the same bits for every count. The count is read once at the start of each
/// kernel call, so changing it while other threads run kernels is safe.
/// </remarks>
public static class KernelThreads
{
    /// <summary>The largest allowed <see cref="Count"/>.</summary>
    public const int MaxCount = 256;

    private static int count = Math.Clamp(Environment.ProcessorCount, 1, MaxCount);

    /// <summary>
    /// Threads one kernel call may use, the caller included: 1 runs everything on the calling thread. Defaults to
    /// <see cref="Environment.ProcessorCount"/> (at most <see cref="MaxCount"/>). The worker threads are started the
    /// first time a kernel needs them and live for the rest of the process.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is below 1 or above <see cref="MaxCount"/>.</exception>
    public static int Count
    {
        get => Volatile.Read(ref count);
        set
        {
            if (value < 1 || value > MaxCount)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, $"KernelThreads.Count must be between 1 and {MaxCount} (1 runs every kernel on the calling thread).");
            }

            Volatile.Write(ref count, value);
        }
    }
}
