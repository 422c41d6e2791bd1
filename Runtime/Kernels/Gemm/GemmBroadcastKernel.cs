using System.Runtime.CompilerServices;

namespace StaticNets.Kernels;

/// <summary>
/// C = [C +] op(A)·B with B and C read along their contiguous rows: C is (m, n), B is (k, n) dense, and
/// op(A)[i, p] = A[i*aRowStride + p*aStepStride], so one kernel serves A (m, k) and Aᵀ with A stored (k, m).
/// </summary>
/// <remarks>
/// A tile holds up to 6 rows × 2 vectors of C in registers for the whole k loop (12 accumulators + 2 B vectors +
/// 1 broadcast = 15 registers, within the 16 of AVX2): each B vector loaded feeds 6 FMAs and each broadcast A value 2.
/// The loop runs over column panels outside row blocks so a (k × 2 vectors) panel of B stays in L1 across row blocks.
/// A row whose length is not a multiple of the vector width ends with one vector that overlaps the columns already
/// done; a lane mask keeps their values, so no scalar tail loop is needed.
/// </remarks>
internal static class GemmBroadcastKernel
{
    private const int RowBlock = 6;

    /// <summary>Runs the product; m, n, k &gt; 0, spans already checked by the caller.</summary>
    public static void Run<TVector>(ref float c, ref float a, nint aRowStride, nint aStepStride, ref float b, int m, int n, int k, bool accumulate)
        where TVector : struct, IVector<TVector>
    {
        int width = TVector.Count;
        if (n < width)
        {
            // Narrower than one vector: there is no whole vector to overlap the tail with.
            Run<ScalarOps>(ref c, ref a, aRowStride, aStepStride, ref b, m, n, k, accumulate);
            return;
        }

        int column = 0;
        for (; column <= n - 2 * width; column += 2 * width)
        {
            Columns<TVector, Tile2>(ref Unsafe.Add(ref c, column), ref a, aRowStride, aStepStride, ref Unsafe.Add(ref b, column), m, n, k, accumulate, 0);
        }

        if (column <= n - width)
        {
            Columns<TVector, Tile1>(ref Unsafe.Add(ref c, column), ref a, aRowStride, aStepStride, ref Unsafe.Add(ref b, column), m, n, k, accumulate, 0);
            column += width;
        }

        if (column < n)
        {
            int start = n - width;
            Columns<TVector, Tile1>(ref Unsafe.Add(ref c, start), ref a, aRowStride, aStepStride, ref Unsafe.Add(ref b, start), m, n, k, accumulate, column - start);
        }
    }

    private static void Columns<TVector, TCols>(ref float c, ref float a, nint aRowStride, nint aStepStride, ref float b, int m, int n, int k, bool accumulate, int firstNewLane)
        where TVector : struct, IVector<TVector>
        where TCols : struct, ITileSize
    {
        int row = 0;
        for (; row <= m - RowBlock; row += RowBlock)
        {
            Tile<TVector, Tile6, TCols>(ref Unsafe.Add(ref c, (nint)row * n), ref Unsafe.Add(ref a, row * aRowStride), aRowStride, aStepStride, ref b, n, k, accumulate, firstNewLane);
        }

        ref float cRows = ref Unsafe.Add(ref c, (nint)row * n);
        ref float aRows = ref Unsafe.Add(ref a, row * aRowStride);
        switch (m - row)
        {
            case 1: Tile<TVector, Tile1, TCols>(ref cRows, ref aRows, aRowStride, aStepStride, ref b, n, k, accumulate, firstNewLane); break;
            case 2: Tile<TVector, Tile2, TCols>(ref cRows, ref aRows, aRowStride, aStepStride, ref b, n, k, accumulate, firstNewLane); break;
            case 3: Tile<TVector, Tile3, TCols>(ref cRows, ref aRows, aRowStride, aStepStride, ref b, n, k, accumulate, firstNewLane); break;
            case 4: Tile<TVector, Tile4, TCols>(ref cRows, ref aRows, aRowStride, aStepStride, ref b, n, k, accumulate, firstNewLane); break;
            case 5: Tile<TVector, Tile5, TCols>(ref cRows, ref aRows, aRowStride, aStepStride, ref b, n, k, accumulate, firstNewLane); break;
        }
    }

    private static void Tile<TVector, TRows, TCols>(ref float c, ref float a, nint aRowStride, nint aStepStride, ref float b, nint n, int k, bool accumulate, int firstNewLane)
        where TVector : struct, IVector<TVector>
        where TRows : struct, ITileSize
        where TCols : struct, ITileSize
    {
        nint width = TVector.Count;
        TVector c00 = TVector.Zero, c01 = TVector.Zero, c10 = TVector.Zero, c11 = TVector.Zero, c20 = TVector.Zero, c21 = TVector.Zero;
        TVector c30 = TVector.Zero, c31 = TVector.Zero, c40 = TVector.Zero, c41 = TVector.Zero, c50 = TVector.Zero, c51 = TVector.Zero;
        ref float aStep = ref a;
        ref float bRow = ref b;
        for (int p = 0; p < k; p++)
        {
            TVector b0 = TVector.Load(ref bRow);
            TVector b1 = TCols.Value > 1 ? TVector.Load(ref Unsafe.Add(ref bRow, width)) : TVector.Zero;

            TVector ai = TVector.Broadcast(aStep);
            c00 = TVector.MultiplyAdd(ai, b0, c00);
            if (TCols.Value > 1) { c01 = TVector.MultiplyAdd(ai, b1, c01); }

            if (TRows.Value > 1)
            {
                ai = TVector.Broadcast(Unsafe.Add(ref aStep, aRowStride));
                c10 = TVector.MultiplyAdd(ai, b0, c10);
                if (TCols.Value > 1) { c11 = TVector.MultiplyAdd(ai, b1, c11); }
            }

            if (TRows.Value > 2)
            {
                ai = TVector.Broadcast(Unsafe.Add(ref aStep, 2 * aRowStride));
                c20 = TVector.MultiplyAdd(ai, b0, c20);
                if (TCols.Value > 1) { c21 = TVector.MultiplyAdd(ai, b1, c21); }
            }

            if (TRows.Value > 3)
            {
                ai = TVector.Broadcast(Unsafe.Add(ref aStep, 3 * aRowStride));
                c30 = TVector.MultiplyAdd(ai, b0, c30);
                if (TCols.Value > 1) { c31 = TVector.MultiplyAdd(ai, b1, c31); }
            }

            if (TRows.Value > 4)
            {
                ai = TVector.Broadcast(Unsafe.Add(ref aStep, 4 * aRowStride));
                c40 = TVector.MultiplyAdd(ai, b0, c40);
                if (TCols.Value > 1) { c41 = TVector.MultiplyAdd(ai, b1, c41); }
            }

            if (TRows.Value > 5)
            {
                ai = TVector.Broadcast(Unsafe.Add(ref aStep, 5 * aRowStride));
                c50 = TVector.MultiplyAdd(ai, b0, c50);
                if (TCols.Value > 1) { c51 = TVector.MultiplyAdd(ai, b1, c51); }
            }

            aStep = ref Unsafe.Add(ref aStep, aStepStride);
            bRow = ref Unsafe.Add(ref bRow, n);
        }

        StoreRow<TVector, TCols>(ref c, c00, c01, accumulate, firstNewLane);
        if (TRows.Value > 1) { StoreRow<TVector, TCols>(ref Unsafe.Add(ref c, n), c10, c11, accumulate, firstNewLane); }
        if (TRows.Value > 2) { StoreRow<TVector, TCols>(ref Unsafe.Add(ref c, 2 * n), c20, c21, accumulate, firstNewLane); }
        if (TRows.Value > 3) { StoreRow<TVector, TCols>(ref Unsafe.Add(ref c, 3 * n), c30, c31, accumulate, firstNewLane); }
        if (TRows.Value > 4) { StoreRow<TVector, TCols>(ref Unsafe.Add(ref c, 4 * n), c40, c41, accumulate, firstNewLane); }
        if (TRows.Value > 5) { StoreRow<TVector, TCols>(ref Unsafe.Add(ref c, 5 * n), c50, c51, accumulate, firstNewLane); }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<TVector, TCols>(ref float c, TVector first, TVector second, bool accumulate, int firstNewLane)
        where TVector : struct, IVector<TVector>
        where TCols : struct, ITileSize
    {
        // Only a one-vector tile can be a masked tail, so the second vector never needs the mask.
        StoreVector(ref c, first, accumulate, firstNewLane);
        if (TCols.Value > 1)
        {
            StoreVector(ref Unsafe.Add(ref c, TVector.Count), second, accumulate, 0);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreVector<TVector>(ref float c, TVector value, bool accumulate, int firstNewLane)
        where TVector : struct, IVector<TVector>
    {
        if (accumulate)
        {
            value = TVector.Add(TVector.Load(ref c), value);
        }

        if (firstNewLane != 0)
        {
            value = TVector.ConditionalSelect(TVector.LanesFrom(firstNewLane), value, TVector.Load(ref c));
        }

        TVector.Store(value, ref c);
    }
}
