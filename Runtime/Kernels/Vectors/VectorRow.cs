using System.Runtime.CompilerServices;

namespace StaticNets.Kernels;

/// <summary>
/// Copy and add over short contiguous rows (an image row inside im2col/col2im is often only 10-30 floats). Whole
/// vectors of the chosen width first, then the remainder with the narrower widths below it: this is the one place
/// that steps down the widths, so a 10-float row at 512 bits costs one 256-bit and two scalar operations, not ten.
/// </summary>
internal static class VectorRow
{
    /// <summary>destination[0..length) = source[0..length); the two rows must not overlap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Copy<TVector>(ref float destination, ref float source, nint length)
        where TVector : struct, IVector<TVector>
    {
        nint i = 0;
        for (; i <= length - TVector.Count; i += TVector.Count)
        {
            TVector.Store(TVector.Load(ref Unsafe.Add(ref source, i)), ref Unsafe.Add(ref destination, i));
        }

        if (TVector.Count > Vector256Ops.Count && i <= length - Vector256Ops.Count)
        {
            Vector256Ops.Store(Vector256Ops.Load(ref Unsafe.Add(ref source, i)), ref Unsafe.Add(ref destination, i));
            i += Vector256Ops.Count;
        }

        if (TVector.Count > Vector128Ops.Count && i <= length - Vector128Ops.Count)
        {
            Vector128Ops.Store(Vector128Ops.Load(ref Unsafe.Add(ref source, i)), ref Unsafe.Add(ref destination, i));
            i += Vector128Ops.Count;
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref destination, i) = Unsafe.Add(ref source, i);
        }
    }

    /// <summary>
    /// destination[0..length) = source[0..length), in whole vectors that may read and write up to
    /// <c>TVector.Count - 1</c> floats past the row. For rows filled in ascending order, where whatever comes next
    /// overwrites the spill: a 10-float row becomes one store instead of three. The caller guarantees both buffers
    /// extend at least <c>TVector.Count</c> floats past the row.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void CopySpilling<TVector>(ref float destination, ref float source, nint length)
        where TVector : struct, IVector<TVector>
    {
        // Short rows (a 5-tap filter row) take the narrowest vector that covers them, to spill less.
        if (TVector.Count > Vector128Ops.Count && length <= Vector128Ops.Count)
        {
            Vector128Ops.Store(Vector128Ops.Load(ref source), ref destination);
            return;
        }

        if (TVector.Count > Vector256Ops.Count && length <= Vector256Ops.Count)
        {
            Vector256Ops.Store(Vector256Ops.Load(ref source), ref destination);
            return;
        }

        for (nint i = 0; i < length; i += TVector.Count)
        {
            TVector.Store(TVector.Load(ref Unsafe.Add(ref source, i)), ref Unsafe.Add(ref destination, i));
        }
    }

    /// <summary>destination[0..length) += source[0..length); the two rows must not overlap.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Add<TVector>(ref float destination, ref float source, nint length)
        where TVector : struct, IVector<TVector>
    {
        nint i = 0;
        for (; i <= length - TVector.Count; i += TVector.Count)
        {
            ref float d = ref Unsafe.Add(ref destination, i);
            TVector.Store(TVector.Add(TVector.Load(ref d), TVector.Load(ref Unsafe.Add(ref source, i))), ref d);
        }

        if (TVector.Count > Vector256Ops.Count && i <= length - Vector256Ops.Count)
        {
            ref float d = ref Unsafe.Add(ref destination, i);
            Vector256Ops.Store(Vector256Ops.Add(Vector256Ops.Load(ref d), Vector256Ops.Load(ref Unsafe.Add(ref source, i))), ref d);
            i += Vector256Ops.Count;
        }

        if (TVector.Count > Vector128Ops.Count && i <= length - Vector128Ops.Count)
        {
            ref float d = ref Unsafe.Add(ref destination, i);
            Vector128Ops.Store(Vector128Ops.Add(Vector128Ops.Load(ref d), Vector128Ops.Load(ref Unsafe.Add(ref source, i))), ref d);
            i += Vector128Ops.Count;
        }

        for (; i < length; i++)
        {
            Unsafe.Add(ref destination, i) += Unsafe.Add(ref source, i);
        }
    }

    /// <summary>destination[0..length) = 0, for the few padding columns at a row's ends.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Clear(ref float destination, nint length)
    {
        for (nint i = 0; i < length; i++)
        {
            Unsafe.Add(ref destination, i) = 0;
        }
    }
}
