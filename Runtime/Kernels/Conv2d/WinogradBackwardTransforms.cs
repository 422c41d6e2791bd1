using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNets.Kernels;

/// <summary>
/// The adjoints of F(2×2,3×3)'s output and filter transforms (see <see cref="WinogradTransforms"/>) for the weight
/// gradient: output-gradient tiles dM = A dY Aᵀ and filter gradients dg = Gᵀ dU G. Both work with signs flipped on
/// point row 3 and column 3: dM̃[i][j] = sᵢsⱼ·dM[i][j] with s = (1, 1, 1, -1), whose products dŨ = Σ dM̃·Vᵀ carry the
/// same signs, undone by G̃ = diag(s)·G in the filter adjoint. That turns A's -1 entries in row 3 into +1, so the tile
/// transform needs no negations, and costs the filter adjoint nothing (x2 - x3 instead of x2 + x3).
/// </summary>
/// <remarks>Vectorised like <see cref="WinogradTransforms"/>: across the tiles of one tile row, and across filters.</remarks>
internal static class WinogradBackwardTransforms
{
    /// <summary>
    /// dM̃[ξ][o][first + t] for the <paramref name="tiles"/> tiles of one tile row: tile t's 2×2 output gradient starts
    /// at <paramref name="gradient"/> + 2t, in rows <paramref name="rowStride"/> floats apart that hold every column
    /// the tiles read (an odd output's missing column and row are zeros the caller provides).
    /// <paramref name="tile"/> points at dM̃[0][o][first]; points are <paramref name="pointStride"/> floats apart.
    /// </summary>
    public static void GradientRow<TVector>(ref float tile, nint pointStride, ref float gradient, nint rowStride, int tiles)
        where TVector : struct, IVector<TVector>
    {
        int t = GradientRun<TVector>(ref tile, pointStride, ref gradient, rowStride, 0, tiles);
        if (TVector.Count > Vector256Ops.Count)
        {
            t = GradientRun<Vector256Ops>(ref tile, pointStride, ref gradient, rowStride, t, tiles);
        }

        if (TVector.Count > Vector128Ops.Count)
        {
            t = GradientRun<Vector128Ops>(ref tile, pointStride, ref gradient, rowStride, t, tiles);
        }

        if (TVector.Count > 1)
        {
            GradientRun<ScalarOps>(ref tile, pointStride, ref gradient, rowStride, t, tiles);
        }
    }

    // Not inlined into GradientRow, for the same reason as WinogradTransforms.InputRun.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int GradientRun<TV>(ref float tile, nint pointStride, ref float gradient, nint rowStride, int t, int tiles)
        where TV : struct, IVector<TV>
    {
        for (; t <= tiles - TV.Count; t += TV.Count)
        {
            ref float top = ref Unsafe.Add(ref gradient, 2 * t);
            ref float destination = ref Unsafe.Add(ref tile, t);
            TV upperLeft = TV.Load(ref top), upperRight = TV.Load(ref Unsafe.Add(ref top, TV.Count));
            TV lowerLeft = TV.Load(ref Unsafe.Add(ref top, rowStride)), lowerRight = TV.Load(ref Unsafe.Add(ref top, rowStride + TV.Count));
            TV y00 = TV.Evens(upperLeft, upperRight), y01 = TV.Odds(upperLeft, upperRight);
            TV y10 = TV.Evens(lowerLeft, lowerRight), y11 = TV.Odds(lowerLeft, lowerRight);

            // Ã·dY rows: [y0, y0 + y1, y0 - y1, y1] down each column; then each row times Ãᵀ the same way.
            StoreRowTimesAt(ref destination, pointStride, y00, y01);
            StoreRowTimesAt(ref Unsafe.Add(ref destination, 4 * pointStride), pointStride, TV.Add(y00, y10), TV.Add(y01, y11));
            StoreRowTimesAt(ref Unsafe.Add(ref destination, 8 * pointStride), pointStride, TV.Subtract(y00, y10), TV.Subtract(y01, y11));
            StoreRowTimesAt(ref Unsafe.Add(ref destination, 12 * pointStride), pointStride, y10, y11);
        }

        return t;
    }

    // One row [a, b] of Ã·dY times Ãᵀ: [a, a + b, a - b, b], into four consecutive points.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRowTimesAt<TV>(ref float destination, nint pointStride, TV a, TV b)
        where TV : struct, IVector<TV>
    {
        TV.Store(a, ref destination);
        TV.Store(TV.Add(a, b), ref Unsafe.Add(ref destination, pointStride));
        TV.Store(TV.Subtract(a, b), ref Unsafe.Add(ref destination, 2 * pointStride));
        TV.Store(b, ref Unsafe.Add(ref destination, 3 * pointStride));
    }

    /// <summary>
    /// dWeight[f] = G̃ᵀ dŨ[·][f] G̃ for each of the <paramref name="filters"/> filters: the sixteen points' rows of
    /// <paramref name="transformed"/> are <paramref name="pointStride"/> floats apart; <paramref name="weight"/> is
    /// (filters, 9), overwritten.
    /// </summary>
    public static void Filters<TVector>(Span<float> weight, ReadOnlySpan<float> transformed, int pointStride, int filters)
        where TVector : struct, IVector<TVector>
    {
        ref float taps = ref MemoryMarshal.GetReference(weight);
        ref float points = ref MemoryMarshal.GetReference(transformed);
        // Count filters' taps as nine rows of one vector, scattered to (filters, 9) afterwards.
        Span<float> rowsBuffer = stackalloc float[9 * 16];
        ref float rows = ref MemoryMarshal.GetReference(rowsBuffer);
        int f = FilterRun<TVector>(ref taps, ref points, pointStride, ref rows, filters, 0);
        if (TVector.Count > Vector256Ops.Count)
        {
            f = FilterRun<Vector256Ops>(ref taps, ref points, pointStride, ref rows, filters, f);
        }

        if (TVector.Count > Vector128Ops.Count)
        {
            f = FilterRun<Vector128Ops>(ref taps, ref points, pointStride, ref rows, filters, f);
        }

        if (TVector.Count > 1)
        {
            FilterRun<ScalarOps>(ref taps, ref points, pointStride, ref rows, filters, f);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int FilterRun<TV>(ref float weight, ref float u, nint stride, ref float rows, int filters, int f)
        where TV : struct, IVector<TV>
    {
        int count = TV.Count;
        TV half = TV.Broadcast(0.5f);
        for (; f <= filters - count; f += count)
        {
            // G̃ᵀ dŨ, one point column j at a time: b[p][j] for the three filter rows p.
            ref float point = ref Unsafe.Add(ref u, f);
            ColumnTimesGt(ref point, stride, 0, half, out TV b00, out TV b10, out TV b20);
            ColumnTimesGt(ref point, stride, 1, half, out TV b01, out TV b11, out TV b21);
            ColumnTimesGt(ref point, stride, 2, half, out TV b02, out TV b12, out TV b22);
            ColumnTimesGt(ref point, stride, 3, half, out TV b03, out TV b13, out TV b23);

            // (G̃ᵀ dŨ) G̃: row p gives taps 3p .. 3p + 2.
            StoreTimesGt(ref rows, count, 0, b00, b01, b02, b03, half);
            StoreTimesGt(ref rows, count, 3, b10, b11, b12, b13, half);
            StoreTimesGt(ref rows, count, 6, b20, b21, b22, b23, half);

            // The scatter mirrors WinogradTransforms' gather and is written out for the same reason.
            ref float filter = ref Unsafe.Add(ref weight, (nint)f * 9);
            for (int lane = 0; lane < count; lane++, filter = ref Unsafe.Add(ref filter, 9))
            {
                ref float column = ref Unsafe.Add(ref rows, lane);
                filter = column;
                Unsafe.Add(ref filter, 1) = Unsafe.Add(ref column, count);
                Unsafe.Add(ref filter, 2) = Unsafe.Add(ref column, 2 * count);
                Unsafe.Add(ref filter, 3) = Unsafe.Add(ref column, 3 * count);
                Unsafe.Add(ref filter, 4) = Unsafe.Add(ref column, 4 * count);
                Unsafe.Add(ref filter, 5) = Unsafe.Add(ref column, 5 * count);
                Unsafe.Add(ref filter, 6) = Unsafe.Add(ref column, 6 * count);
                Unsafe.Add(ref filter, 7) = Unsafe.Add(ref column, 7 * count);
                Unsafe.Add(ref filter, 8) = Unsafe.Add(ref column, 8 * count);
            }
        }

        return f;
    }

    // G̃ᵀ·[x0, x1, x2, x3] = [x0 + (x1 + x2)/2, (x1 - x2)/2, (x1 + x2)/2 - x3].
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TimesGt<TV>(TV x0, TV x1, TV x2, TV x3, TV half, out TV y0, out TV y1, out TV y2)
        where TV : struct, IVector<TV>
    {
        TV inner = TV.Multiply(TV.Add(x1, x2), half);
        y0 = TV.Add(x0, inner);
        y1 = TV.Multiply(TV.Subtract(x1, x2), half);
        y2 = TV.Subtract(inner, x3);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ColumnTimesGt<TV>(ref float point, nint stride, int j, TV half, out TV y0, out TV y1, out TV y2)
        where TV : struct, IVector<TV>
    {
        TV x0 = TV.Load(ref Unsafe.Add(ref point, j * stride));
        TV x1 = TV.Load(ref Unsafe.Add(ref point, (4 + j) * stride));
        TV x2 = TV.Load(ref Unsafe.Add(ref point, (8 + j) * stride));
        TV x3 = TV.Load(ref Unsafe.Add(ref point, (12 + j) * stride));
        TimesGt(x0, x1, x2, x3, half, out y0, out y1, out y2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreTimesGt<TV>(ref float rows, int count, int firstTap, TV x0, TV x1, TV x2, TV x3, TV half)
        where TV : struct, IVector<TV>
    {
        TimesGt(x0, x1, x2, x3, half, out TV y0, out TV y1, out TV y2);
        TV.Store(y0, ref Unsafe.Add(ref rows, firstTap * count));
        TV.Store(y1, ref Unsafe.Add(ref rows, (firstTap + 1) * count));
        TV.Store(y2, ref Unsafe.Add(ref rows, (firstTap + 2) * count));
    }
}
