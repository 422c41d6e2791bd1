using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNets.Kernels;

/// <summary>The one vectorised loop every elementwise operator shares: whole vectors, then a scalar tail.</summary>
internal static class Elementwise
{
    /// <summary>
    /// destination[i] = TOperator(x[i], y[i]). All three have the caller-checked same length; destination may be x or
    /// y itself (element i is read before it is written), but not a shifted overlap.
    /// </summary>
    public static void Binary<TOperator, TVector>(Span<float> destination, ReadOnlySpan<float> x, ReadOnlySpan<float> y)
        where TOperator : IBinaryOperator
        where TVector : struct, IVector<TVector>
    {
        ref float d = ref MemoryMarshal.GetReference(destination);
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ys = ref MemoryMarshal.GetReference(y);
        nint length = destination.Length;
        nint i = 0;
        for (; i <= length - TVector.Count; i += TVector.Count)
        {
            TVector.Store(TOperator.Invoke(TVector.Load(ref Unsafe.Add(ref xs, i)), TVector.Load(ref Unsafe.Add(ref ys, i))), ref Unsafe.Add(ref d, i));
        }

        for (; i < length; i++)
        {
            ScalarOps.Store(TOperator.Invoke(ScalarOps.Load(ref Unsafe.Add(ref xs, i)), ScalarOps.Load(ref Unsafe.Add(ref ys, i))), ref Unsafe.Add(ref d, i));
        }
    }
}
