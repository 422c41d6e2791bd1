using System;
using System.Runtime.CompilerServices;

namespace StaticNets.Kernels;

/// <summary>
/// C = [C +] A·Bᵀ with A (m, k) and B (n, k) dense, C (m, n): every C entry is a dot product of two contiguous rows,
/// so vectors run along k and each accumulator's lanes are summed at the end.
/// </summary>
/// <remarks>
/// A tile holds 4 rows of A × 4 rows of B as 16 vector accumulators: each loaded vector feeds 4 FMAs. When k is not a
/// multiple of the width, the last vector ends at k and overlaps lanes already summed; those lanes of A are zeroed so
/// each product counts once. With short k (a convolution's weight gradient sums over only 100 positions) the lane sums
/// cost as much as the products, so the 16 are summed together as a tree of pairwise de-interleaves
/// (<see cref="SumSixteen{TVector}"/>), about 3 operations per sum instead of a full horizontal add each.
/// </remarks>
internal static class GemmDotKernel
{
    private const int RowBlock = 4;
    private const int ColumnBlock = 4;

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
            Tile<TVector, TRows, Tile4>(ref Unsafe.Add(ref c, column), ref a, ref Unsafe.Add(ref b, (nint)column * k), n, k, accumulate);
        }

        ref float cColumns = ref Unsafe.Add(ref c, column);
        ref float bRows = ref Unsafe.Add(ref b, (nint)column * k);
        switch (n - column)
        {
            case 1: Tile<TVector, TRows, Tile1>(ref cColumns, ref a, ref bRows, n, k, accumulate); break;
            case 2: Tile<TVector, TRows, Tile2>(ref cColumns, ref a, ref bRows, n, k, accumulate); break;
            case 3: Tile<TVector, TRows, Tile3>(ref cColumns, ref a, ref bRows, n, k, accumulate); break;
        }
    }

    [SkipLocalsInit]
    private static void Tile<TVector, TRows, TCols>(ref float c, ref float a, ref float b, nint n, nint k, bool accumulate)
        where TVector : struct, IVector<TVector>
        where TRows : struct, ITileSize
        where TCols : struct, ITileSize
    {
        nint width = TVector.Count;
        TVector s00 = TVector.Zero, s01 = TVector.Zero, s02 = TVector.Zero, s03 = TVector.Zero;
        TVector s10 = TVector.Zero, s11 = TVector.Zero, s12 = TVector.Zero, s13 = TVector.Zero;
        TVector s20 = TVector.Zero, s21 = TVector.Zero, s22 = TVector.Zero, s23 = TVector.Zero;
        TVector s30 = TVector.Zero, s31 = TVector.Zero, s32 = TVector.Zero, s33 = TVector.Zero;
        nint p = 0;
        for (; p <= k - width; p += width)
        {
            TVector b0 = TVector.Load(ref Unsafe.Add(ref b, p));
            TVector b1 = TCols.Value > 1 ? TVector.Load(ref Unsafe.Add(ref b, p + k)) : TVector.Zero;
            TVector b2 = TCols.Value > 2 ? TVector.Load(ref Unsafe.Add(ref b, p + 2 * k)) : TVector.Zero;
            TVector b3 = TCols.Value > 3 ? TVector.Load(ref Unsafe.Add(ref b, p + 3 * k)) : TVector.Zero;
            TVector a0 = TVector.Load(ref Unsafe.Add(ref a, p));
            s00 = TVector.MultiplyAdd(a0, b0, s00);
            if (TCols.Value > 1) { s01 = TVector.MultiplyAdd(a0, b1, s01); }
            if (TCols.Value > 2) { s02 = TVector.MultiplyAdd(a0, b2, s02); }
            if (TCols.Value > 3) { s03 = TVector.MultiplyAdd(a0, b3, s03); }

            if (TRows.Value > 1)
            {
                TVector a1 = TVector.Load(ref Unsafe.Add(ref a, p + k));
                s10 = TVector.MultiplyAdd(a1, b0, s10);
                if (TCols.Value > 1) { s11 = TVector.MultiplyAdd(a1, b1, s11); }
                if (TCols.Value > 2) { s12 = TVector.MultiplyAdd(a1, b2, s12); }
                if (TCols.Value > 3) { s13 = TVector.MultiplyAdd(a1, b3, s13); }
            }

            if (TRows.Value > 2)
            {
                TVector a2 = TVector.Load(ref Unsafe.Add(ref a, p + 2 * k));
                s20 = TVector.MultiplyAdd(a2, b0, s20);
                if (TCols.Value > 1) { s21 = TVector.MultiplyAdd(a2, b1, s21); }
                if (TCols.Value > 2) { s22 = TVector.MultiplyAdd(a2, b2, s22); }
                if (TCols.Value > 3) { s23 = TVector.MultiplyAdd(a2, b3, s23); }
            }

            if (TRows.Value > 3)
            {
                TVector a3 = TVector.Load(ref Unsafe.Add(ref a, p + 3 * k));
                s30 = TVector.MultiplyAdd(a3, b0, s30);
                if (TCols.Value > 1) { s31 = TVector.MultiplyAdd(a3, b1, s31); }
                if (TCols.Value > 2) { s32 = TVector.MultiplyAdd(a3, b2, s32); }
                if (TCols.Value > 3) { s33 = TVector.MultiplyAdd(a3, b3, s33); }
            }
        }

        if (p < k)
        {
            nint start = k - width;
            TVector fresh = TVector.LanesFrom((int)(p - start));
            TVector b0 = TVector.Load(ref Unsafe.Add(ref b, start));
            TVector b1 = TCols.Value > 1 ? TVector.Load(ref Unsafe.Add(ref b, start + k)) : TVector.Zero;
            TVector b2 = TCols.Value > 2 ? TVector.Load(ref Unsafe.Add(ref b, start + 2 * k)) : TVector.Zero;
            TVector b3 = TCols.Value > 3 ? TVector.Load(ref Unsafe.Add(ref b, start + 3 * k)) : TVector.Zero;
            TVector a0 = TVector.ConditionalSelect(fresh, TVector.Load(ref Unsafe.Add(ref a, start)), TVector.Zero);
            s00 = TVector.MultiplyAdd(a0, b0, s00);
            if (TCols.Value > 1) { s01 = TVector.MultiplyAdd(a0, b1, s01); }
            if (TCols.Value > 2) { s02 = TVector.MultiplyAdd(a0, b2, s02); }
            if (TCols.Value > 3) { s03 = TVector.MultiplyAdd(a0, b3, s03); }

            if (TRows.Value > 1)
            {
                TVector a1 = TVector.ConditionalSelect(fresh, TVector.Load(ref Unsafe.Add(ref a, start + k)), TVector.Zero);
                s10 = TVector.MultiplyAdd(a1, b0, s10);
                if (TCols.Value > 1) { s11 = TVector.MultiplyAdd(a1, b1, s11); }
                if (TCols.Value > 2) { s12 = TVector.MultiplyAdd(a1, b2, s12); }
                if (TCols.Value > 3) { s13 = TVector.MultiplyAdd(a1, b3, s13); }
            }

            if (TRows.Value > 2)
            {
                TVector a2 = TVector.ConditionalSelect(fresh, TVector.Load(ref Unsafe.Add(ref a, start + 2 * k)), TVector.Zero);
                s20 = TVector.MultiplyAdd(a2, b0, s20);
                if (TCols.Value > 1) { s21 = TVector.MultiplyAdd(a2, b1, s21); }
                if (TCols.Value > 2) { s22 = TVector.MultiplyAdd(a2, b2, s22); }
                if (TCols.Value > 3) { s23 = TVector.MultiplyAdd(a2, b3, s23); }
            }

            if (TRows.Value > 3)
            {
                TVector a3 = TVector.ConditionalSelect(fresh, TVector.Load(ref Unsafe.Add(ref a, start + 3 * k)), TVector.Zero);
                s30 = TVector.MultiplyAdd(a3, b0, s30);
                if (TCols.Value > 1) { s31 = TVector.MultiplyAdd(a3, b1, s31); }
                if (TCols.Value > 2) { s32 = TVector.MultiplyAdd(a3, b2, s32); }
                if (TCols.Value > 3) { s33 = TVector.MultiplyAdd(a3, b3, s33); }
            }
        }

        // Accumulators of rows or columns beyond the tile stayed zero; summing them too keeps one reduction for all tiles.
        Span<float> sums = stackalloc float[RowBlock * ColumnBlock];
        SumSixteen(s00, s01, s02, s03, s10, s11, s12, s13, s20, s21, s22, s23, s30, s31, s32, s33, ref sums[0]);
        for (int row = 0; row < TRows.Value; row++)
        {
            for (int column = 0; column < TCols.Value; column++)
            {
                ref float entry = ref Unsafe.Add(ref c, row * n + column);
                float dot = sums[row * ColumnBlock + column];
                entry = accumulate ? entry + dot : dot;
            }
        }
    }

    /// <summary>
    /// sums[i] = the lane sum of the i-th vector. Each level pairs vectors: Evens(x, y) + Odds(x, y) holds x's
    /// pair sums in its lower half and y's in its upper half, so after log2(Count) levels each lane is one whole sum,
    /// in order. Narrower widths stop earlier with several vectors of sums; one float per vector needs no level.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SumSixteen<TVector>(
        TVector s00, TVector s01, TVector s02, TVector s03, TVector s10, TVector s11, TVector s12, TVector s13,
        TVector s20, TVector s21, TVector s22, TVector s23, TVector s30, TVector s31, TVector s32, TVector s33, ref float sums)
        where TVector : struct, IVector<TVector>
    {
        if (TVector.Count == 1)
        {
            ReadOnlySpan<TVector> each = [s00, s01, s02, s03, s10, s11, s12, s13, s20, s21, s22, s23, s30, s31, s32, s33];
            for (int i = 0; i < each.Length; i++)
            {
                Unsafe.Add(ref sums, i) = TVector.Sum(each[i]);
            }

            return;
        }

        TVector v0 = Pair(s00, s01), v1 = Pair(s02, s03), v2 = Pair(s10, s11), v3 = Pair(s12, s13);
        TVector v4 = Pair(s20, s21), v5 = Pair(s22, s23), v6 = Pair(s30, s31), v7 = Pair(s32, s33);
        if (TVector.Count == 2)
        {
            StoreAll(ref sums, v0, v1, v2, v3, v4, v5, v6, v7);
            return;
        }

        TVector w0 = Pair(v0, v1), w1 = Pair(v2, v3), w2 = Pair(v4, v5), w3 = Pair(v6, v7);
        if (TVector.Count == 4)
        {
            StoreAll(ref sums, w0, w1, w2, w3);
            return;
        }

        TVector x0 = Pair(w0, w1), x1 = Pair(w2, w3);
        if (TVector.Count == 8)
        {
            StoreAll(ref sums, x0, x1);
            return;
        }

        TVector.Store(Pair(x0, x1), ref sums);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Pair<TVector>(TVector x, TVector y)
        where TVector : struct, IVector<TVector> =>
        TVector.Add(TVector.Evens(x, y), TVector.Odds(x, y));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreAll<TVector>(ref float destination, params ReadOnlySpan<TVector> vectors)
        where TVector : struct, IVector<TVector>
    {
        for (int i = 0; i < vectors.Length; i++)
        {
            TVector.Store(vectors[i], ref Unsafe.Add(ref destination, i * TVector.Count));
        }
    }
}
