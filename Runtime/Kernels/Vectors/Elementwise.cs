using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNets.Kernels;

/// <summary>
/// The vectorised loops every elementwise operator shares: whole vectors, then a scalar tail. All spans have the
/// caller-checked same length; the destination may be one of the inputs itself (element i is read before it is
/// written), but not a shifted overlap.
/// </summary>
internal static class Elementwise
{
    /// <summary>destination[i] = TOperator(x[i], parameter).</summary>
    public static void Unary<TOperator, TVector>(Span<float> destination, ReadOnlySpan<float> x, float parameter)
        where TOperator : IUnaryOperator
        where TVector : struct, IVector<TVector>
    {
        ref float d = ref MemoryMarshal.GetReference(destination);
        ref float xs = ref MemoryMarshal.GetReference(x);
        nint length = destination.Length;
        nint i = 0;
        TVector p = TVector.Broadcast(parameter);
        for (; i <= length - TVector.Count; i += TVector.Count)
        {
            TVector.Store(TOperator.Invoke(TVector.Load(ref Unsafe.Add(ref xs, i)), p), ref Unsafe.Add(ref d, i));
        }

        ScalarOps scalarParameter = ScalarOps.Broadcast(parameter);
        for (; i < length; i++)
        {
            ScalarOps.Store(TOperator.Invoke(ScalarOps.Load(ref Unsafe.Add(ref xs, i)), scalarParameter), ref Unsafe.Add(ref d, i));
        }
    }

    /// <summary>destination[i] = TOperator(x[i], parameters[i]): a parameter per element, e.g. a slope per channel along a row.</summary>
    public static void Unary<TOperator, TVector>(Span<float> destination, ReadOnlySpan<float> x, ReadOnlySpan<float> parameters)
        where TOperator : IUnaryOperator
        where TVector : struct, IVector<TVector>
    {
        ref float d = ref MemoryMarshal.GetReference(destination);
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ps = ref MemoryMarshal.GetReference(parameters);
        nint length = destination.Length;
        nint i = 0;
        for (; i <= length - TVector.Count; i += TVector.Count)
        {
            TVector.Store(TOperator.Invoke(TVector.Load(ref Unsafe.Add(ref xs, i)), TVector.Load(ref Unsafe.Add(ref ps, i))), ref Unsafe.Add(ref d, i));
        }

        for (; i < length; i++)
        {
            ScalarOps.Store(TOperator.Invoke(ScalarOps.Load(ref Unsafe.Add(ref xs, i)), ScalarOps.Load(ref Unsafe.Add(ref ps, i))), ref Unsafe.Add(ref d, i));
        }
    }

    /// <summary>destination[i] = TOperator(x[i], y[i], parameter).</summary>
    public static void Binary<TOperator, TVector>(Span<float> destination, ReadOnlySpan<float> x, ReadOnlySpan<float> y, float parameter = 0)
        where TOperator : IBinaryOperator
        where TVector : struct, IVector<TVector>
    {
        ref float d = ref MemoryMarshal.GetReference(destination);
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ys = ref MemoryMarshal.GetReference(y);
        nint length = destination.Length;
        nint i = 0;
        TVector p = TVector.Broadcast(parameter);
        for (; i <= length - TVector.Count; i += TVector.Count)
        {
            TVector.Store(TOperator.Invoke(TVector.Load(ref Unsafe.Add(ref xs, i)), TVector.Load(ref Unsafe.Add(ref ys, i)), p), ref Unsafe.Add(ref d, i));
        }

        ScalarOps scalarParameter = ScalarOps.Broadcast(parameter);
        for (; i < length; i++)
        {
            ScalarOps.Store(TOperator.Invoke(ScalarOps.Load(ref Unsafe.Add(ref xs, i)), ScalarOps.Load(ref Unsafe.Add(ref ys, i)), scalarParameter), ref Unsafe.Add(ref d, i));
        }
    }

    /// <summary>destination[i] = TOperator(x[i], y[i], z[i]).</summary>
    public static void Ternary<TOperator, TVector>(Span<float> destination, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<float> z)
        where TOperator : ITernaryOperator
        where TVector : struct, IVector<TVector>
    {
        ref float d = ref MemoryMarshal.GetReference(destination);
        ref float xs = ref MemoryMarshal.GetReference(x);
        ref float ys = ref MemoryMarshal.GetReference(y);
        ref float zs = ref MemoryMarshal.GetReference(z);
        nint length = destination.Length;
        nint i = 0;
        for (; i <= length - TVector.Count; i += TVector.Count)
        {
            TVector.Store(
                TOperator.Invoke(TVector.Load(ref Unsafe.Add(ref xs, i)), TVector.Load(ref Unsafe.Add(ref ys, i)), TVector.Load(ref Unsafe.Add(ref zs, i))),
                ref Unsafe.Add(ref d, i));
        }

        for (; i < length; i++)
        {
            ScalarOps.Store(
                TOperator.Invoke(ScalarOps.Load(ref Unsafe.Add(ref xs, i)), ScalarOps.Load(ref Unsafe.Add(ref ys, i)), ScalarOps.Load(ref Unsafe.Add(ref zs, i))),
                ref Unsafe.Add(ref d, i));
        }
    }
}
