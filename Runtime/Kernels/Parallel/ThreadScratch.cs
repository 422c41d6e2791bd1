using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNets.Kernels;

/// <summary>
/// Per-thread float buffers for kernel parts that cannot use the caller's workspace. Each thread owns its own, so
/// concurrent kernel calls never share one; a buffer is allocated (pinned, so its address can be handed to other
/// threads as a raw pointer) the first time a thread needs that much, and only grows when a larger shape arrives.
/// </summary>
internal static unsafe class ThreadScratch
{
    // Two independent buffers: a caller holds its Partials across a parallel call while also running parts inline,
    // which use Columns.
    [ThreadStatic]
    private static float[]? columns;

    [ThreadStatic]
    private static float[]? partials;

    /// <summary>Scratch for one part's working data (im2col columns, a copied slice); valid until this thread's next call.</summary>
    public static float* Columns(int length) => Get(ref columns, length);

    /// <summary>Scratch a caller keeps across one parallel call, for the partial sums its parts leave behind.</summary>
    public static float* Partials(int length) => Get(ref partials, length);

    private static float* Get(ref float[]? buffer, int length)
    {
        if (buffer is null || buffer.Length < length)
        {
            buffer = GC.AllocateUninitializedArray<float>(length, pinned: true);
        }

        return (float*)Unsafe.AsPointer(ref MemoryMarshal.GetArrayDataReference(buffer));
    }
}
