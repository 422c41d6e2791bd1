using System.Runtime.CompilerServices;

namespace StaticNets.Kernels;

/// <summary>
/// C = [C +] A·Bᵀ with A (m, k) and B (n, k) dense, C (m, n): every C entry is a dot product of two contiguous rows,
/// so vectors run along k and each accumulator's lanes are summed once at the end.
/// </summary>
/// <remarks>
/// A tile holds 4 rows of A × 3 rows of B as 12 vector accumulators (+ 3 B vectors + 1 A vector = 16 registers):
/// each loaded vector feeds 3 or 4 FMAs. When k is not a multiple of the width, the last vector ends at k and
/// overlaps lanes already summed; those lanes of A are zeroed so each product is counted once.
/// </remarks>
internal static class GemmDotKernel
{
    private const int RowBlock = 4;
    private const int ColumnBlock = 3;

    /// <summary>Runs the product; m, n, k &gt; 0, spans already checked by the caller.</summary>
    public static void Run<TVector>(ref float c, ref float a, ref float b, int m, int n, int k, bool accumulate)
        where TVector : struct, IVector<TVector>
    {
        if (k < TVector.Count)
        {
            // Shorter than one vector: there is no whole vector to overlap the tail with.
            Run<ScalarOps>(ref c, ref a, ref b, m, n, k, accumulate);
            return;
        }

        int row = 0;
        for (; row <= m - RowBlock; row += RowBlock)
        {
            Rows<TVector, Tile4>(ref Unsafe.Add(ref c, (nint)row * n), ref Unsafe.Add(ref a, (nint)row * k), ref b, n, k, accumulate);
        }

        ref float cRows = ref Unsafe.Add(ref c, (nint)row * n);
        ref float aRows = ref Unsafe.Add(ref a, (nint)row * k);
        switch (m - row)
        {
            case 1: Rows<TVector, Tile1>(ref cRows, ref aRows, ref b, n, k, accumulate); break;
            case 2: Rows<TVector, Tile2>(ref cRows, ref aRows, ref b, n, k, accumulate); break;
            case 3: Rows<TVector, Tile3>(ref cRows, ref aRows, ref b, n, k, accumulate); break;
        }
    }

    private static void Rows<TVector, TRows>(ref float c, ref float a, ref float b, int n, int k, bool accumulate)
        where TVector : struct, IVector<TVector>
        where TRows : struct, ITileSize
    {
        int column = 0;
        for (; column <= n - ColumnBlock; column += ColumnBlock)
        {
            Tile<TVector, TRows, Tile3>(ref Unsafe.Add(ref c, column), ref a, ref Unsafe.Add(ref b, (nint)column * k), n, k, accumulate);
        }

        ref float cColumns = ref Unsafe.Add(ref c, column);
        ref float bRows = ref Unsafe.Add(ref b, (nint)column * k);
        switch (n - column)
        {
            case 1: Tile<TVector, TRows, Tile1>(ref cColumns, ref a, ref bRows, n, k, accumulate); break;
            case 2: Tile<TVector, TRows, Tile2>(ref cColumns, ref a, ref bRows, n, k, accumulate); break;
        }
    }

    private static void Tile<TVector, TRows, TCols>(ref float c, ref float a, ref float b, nint n, nint k, bool accumulate)
        where TVector : struct, IVector<TVector>
        where TRows : struct, ITileSize
        where TCols : struct, ITileSize
    {
        nint width = TVector.Count;
        TVector s00 = TVector.Zero, s01 = TVector.Zero, s02 = TVector.Zero;
        TVector s10 = TVector.Zero, s11 = TVector.Zero, s12 = TVector.Zero;
        TVector s20 = TVector.Zero, s21 = TVector.Zero, s22 = TVector.Zero;
        TVector s30 = TVector.Zero, s31 = TVector.Zero, s32 = TVector.Zero;
        nint p = 0;
        for (; p <= k - width; p += width)
        {
            TVector b0 = TVector.Load(ref Unsafe.Add(ref b, p));
            TVector b1 = TCols.Value > 1 ? TVector.Load(ref Unsafe.Add(ref b, p + k)) : TVector.Zero;
            TVector b2 = TCols.Value > 2 ? TVector.Load(ref Unsafe.Add(ref b, p + 2 * k)) : TVector.Zero;
            TVector a0 = TVector.Load(ref Unsafe.Add(ref a, p));
            s00 = TVector.MultiplyAdd(a0, b0, s00);
            if (TCols.Value > 1) { s01 = TVector.MultiplyAdd(a0, b1, s01); }
            if (TCols.Value > 2) { s02 = TVector.MultiplyAdd(a0, b2, s02); }
            if (TRows.Value > 1)
            {
                TVector a1 = TVector.Load(ref Unsafe.Add(ref a, p + k));
                s10 = TVector.MultiplyAdd(a1, b0, s10);
                if (TCols.Value > 1) { s11 = TVector.MultiplyAdd(a1, b1, s11); }
                if (TCols.Value > 2) { s12 = TVector.MultiplyAdd(a1, b2, s12); }
            }
            if (TRows.Value > 2)
            {
                TVector a2 = TVector.Load(ref Unsafe.Add(ref a, p + 2 * k));
                s20 = TVector.MultiplyAdd(a2, b0, s20);
                if (TCols.Value > 1) { s21 = TVector.MultiplyAdd(a2, b1, s21); }
                if (TCols.Value > 2) { s22 = TVector.MultiplyAdd(a2, b2, s22); }
            }
            if (TRows.Value > 3)
            {
                TVector a3 = TVector.Load(ref Unsafe.Add(ref a, p + 3 * k));
                s30 = TVector.MultiplyAdd(a3, b0, s30);
                if (TCols.Value > 1) { s31 = TVector.MultiplyAdd(a3, b1, s31); }
                if (TCols.Value > 2) { s32 = TVector.MultiplyAdd(a3, b2, s32); }
            }
        }

        if (p < k)
        {
            nint start = k - width;
            TVector fresh = TVector.LanesFrom((int)(p - start));
            TVector b0 = TVector.Load(ref Unsafe.Add(ref b, start));
            TVector b1 = TCols.Value > 1 ? TVector.Load(ref Unsafe.Add(ref b, start + k)) : TVector.Zero;
            TVector b2 = TCols.Value > 2 ? TVector.Load(ref Unsafe.Add(ref b, start + 2 * k)) : TVector.Zero;
            TVector a0 = TVector.ConditionalSelect(fresh, TVector.Load(ref Unsafe.Add(ref a, start)), TVector.Zero);
            s00 = TVector.MultiplyAdd(a0, b0, s00);
            if (TCols.Value > 1) { s01 = TVector.MultiplyAdd(a0, b1, s01); }
            if (TCols.Value > 2) { s02 = TVector.MultiplyAdd(a0, b2, s02); }
            if (TRows.Value > 1)
            {
                TVector a1 = TVector.ConditionalSelect(fresh, TVector.Load(ref Unsafe.Add(ref a, start + k)), TVector.Zero);
                s10 = TVector.MultiplyAdd(a1, b0, s10);
                if (TCols.Value > 1) { s11 = TVector.MultiplyAdd(a1, b1, s11); }
                if (TCols.Value > 2) { s12 = TVector.MultiplyAdd(a1, b2, s12); }
            }
            if (TRows.Value > 2)
            {
                TVector a2 = TVector.ConditionalSelect(fresh, TVector.Load(ref Unsafe.Add(ref a, start + 2 * k)), TVector.Zero);
                s20 = TVector.MultiplyAdd(a2, b0, s20);
                if (TCols.Value > 1) { s21 = TVector.MultiplyAdd(a2, b1, s21); }
                if (TCols.Value > 2) { s22 = TVector.MultiplyAdd(a2, b2, s22); }
            }
            if (TRows.Value > 3)
            {
                TVector a3 = TVector.ConditionalSelect(fresh, TVector.Load(ref Unsafe.Add(ref a, start + 3 * k)), TVector.Zero);
                s30 = TVector.MultiplyAdd(a3, b0, s30);
                if (TCols.Value > 1) { s31 = TVector.MultiplyAdd(a3, b1, s31); }
                if (TCols.Value > 2) { s32 = TVector.MultiplyAdd(a3, b2, s32); }
            }
        }

        Write(ref c, s00, accumulate);
        if (TCols.Value > 1) { Write(ref Unsafe.Add(ref c, 1), s01, accumulate); }
        if (TCols.Value > 2) { Write(ref Unsafe.Add(ref c, 2), s02, accumulate); }
        if (TRows.Value > 1) { Write(ref Unsafe.Add(ref c, n), s10, accumulate); }
        if (TRows.Value > 1 && TCols.Value > 1) { Write(ref Unsafe.Add(ref c, n + 1), s11, accumulate); }
        if (TRows.Value > 1 && TCols.Value > 2) { Write(ref Unsafe.Add(ref c, n + 2), s12, accumulate); }
        if (TRows.Value > 2) { Write(ref Unsafe.Add(ref c, 2 * n), s20, accumulate); }
        if (TRows.Value > 2 && TCols.Value > 1) { Write(ref Unsafe.Add(ref c, 2 * n + 1), s21, accumulate); }
        if (TRows.Value > 2 && TCols.Value > 2) { Write(ref Unsafe.Add(ref c, 2 * n + 2), s22, accumulate); }
        if (TRows.Value > 3) { Write(ref Unsafe.Add(ref c, 3 * n), s30, accumulate); }
        if (TRows.Value > 3 && TCols.Value > 1) { Write(ref Unsafe.Add(ref c, 3 * n + 1), s31, accumulate); }
        if (TRows.Value > 3 && TCols.Value > 2) { Write(ref Unsafe.Add(ref c, 3 * n + 2), s32, accumulate); }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Write<TVector>(ref float c, TVector sum, bool accumulate)
        where TVector : struct, IVector<TVector>
    {
        float dot = TVector.Sum(sum);
        c = accumulate ? c + dot : dot;
    }
}
