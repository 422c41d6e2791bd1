using System.Runtime.CompilerServices;

namespace StaticNets.Kernels;

/// <summary>How a 2×2 window's four values become one output: the only difference between max and average pooling's fast path.</summary>
internal interface IPairPooling
{
    /// <summary>Combines, lane by lane, the window's top-left, top-right, bottom-left and bottom-right values.</summary>
    static abstract TVector Combine<TVector>(TVector topLeft, TVector topRight, TVector bottomLeft, TVector bottomRight)
        where TVector : struct, IVector<TVector>;
}

internal readonly struct MaxPairPooling : IPairPooling
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Combine<TVector>(TVector topLeft, TVector topRight, TVector bottomLeft, TVector bottomRight)
        where TVector : struct, IVector<TVector> =>
        TVector.Max(TVector.Max(topLeft, topRight), TVector.Max(bottomLeft, bottomRight));
}

internal readonly struct AveragePairPooling : IPairPooling
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Combine<TVector>(TVector topLeft, TVector topRight, TVector bottomLeft, TVector bottomRight)
        where TVector : struct, IVector<TVector> =>
        TVector.Multiply(TVector.Add(TVector.Add(topLeft, topRight), TVector.Add(bottomLeft, bottomRight)), TVector.Broadcast(0.25f));
}

/// <summary>
/// The vectorised 2×2, stride-2 forward row shared by <see cref="MaxPool2d"/> and <see cref="AvgPool2d"/>: two input
/// rows are loaded, adjacent columns split with <see cref="IVector{TSelf}.Evens"/>/<see cref="IVector{TSelf}.Odds"/>,
/// and an <see cref="IPairPooling"/> combines the four values of each window.
/// </summary>
internal static class PairPooling
{
    // One output row from input rows `top` and `bottom` (2·width floats each).
    public static void RowForward<TPool, TVector>(ref float output, ref float top, ref float bottom, int width)
        where TPool : struct, IPairPooling
        where TVector : struct, IVector<TVector>
    {
        int x = 0;
        for (; x <= width - TVector.Count; x += TVector.Count)
        {
            Forward<TPool, TVector>(ref output, ref top, ref bottom, x);
        }

        if (x < width)
        {
            // Recomputing a few outputs with one overlapping vector is harmless: they get the same values again.
            if (width >= TVector.Count)
            {
                Forward<TPool, TVector>(ref output, ref top, ref bottom, width - TVector.Count);
                return;
            }

            // A row narrower than one vector: step down to the widths below (LeNet-5's rows are 14 and 5 outputs).
            if (TVector.Count > Vector256Ops.Count && width >= Vector256Ops.Count)
            {
                RowForward<TPool, Vector256Ops>(ref output, ref top, ref bottom, width);
                return;
            }

            if (TVector.Count > Vector128Ops.Count && width >= Vector128Ops.Count)
            {
                RowForward<TPool, Vector128Ops>(ref output, ref top, ref bottom, width);
                return;
            }

            for (; x < width; x++)
            {
                Forward<TPool, ScalarOps>(ref output, ref top, ref bottom, x);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Forward<TPool, TVector>(ref float output, ref float top, ref float bottom, int x)
        where TPool : struct, IPairPooling
        where TVector : struct, IVector<TVector>
    {
        ref float t = ref Unsafe.Add(ref top, 2 * x);
        ref float b = ref Unsafe.Add(ref bottom, 2 * x);
        TVector t0 = TVector.Load(ref t), t1 = TVector.Load(ref Unsafe.Add(ref t, TVector.Count));
        TVector b0 = TVector.Load(ref b), b1 = TVector.Load(ref Unsafe.Add(ref b, TVector.Count));
        TVector.Store(TPool.Combine(TVector.Evens(t0, t1), TVector.Odds(t0, t1), TVector.Evens(b0, b1), TVector.Odds(b0, b1)), ref Unsafe.Add(ref output, x));
    }
}
