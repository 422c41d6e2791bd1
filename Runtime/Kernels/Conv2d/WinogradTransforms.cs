using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNets.Kernels;

/// <summary>
/// The three transforms of Lavin &amp; Gray's F(2×2,3×3) (arXiv:1509.09308): filters U = G g Gᵀ, input tiles
/// V = Bᵀ d B, outputs Y = Aᵀ M A, with
/// G = [[1,0,0],[½,½,½],[½,-½,½],[0,0,1]], Bᵀ = [[1,0,-1,0],[0,1,1,0],[0,-1,1,0],[0,1,0,-1]], Aᵀ = [[1,1,1,0],[0,1,-1,-1]].
/// Point ξ = 4i + j is row i, column j of the 4×4 transform; every transformed matrix is stored point-major, so the
/// sixteen products M[ξ] = U[ξ]·V[ξ] are plain row-major SGEMMs.
/// </summary>
/// <remarks>
/// Each transform is vectorised across independent items whose results are contiguous: filters (U[ξ] is indexed by
/// o*inC + c, the filter's own index), and the tiles of one tile row (V[ξ] and M[ξ] are indexed by tile). A tile row
/// can be short (4 tiles on an 8×8 output), so after whole vectors the remainder steps down the widths as
/// <see cref="VectorRow"/> does, instead of one tile at a time.
/// </remarks>
internal static class WinogradTransforms
{
    private const int Points = WinogradGeometry.Points;

    /// <summary>
    /// u[ξ][f] = (G g Gᵀ)[ξ] for each of the <paramref name="filters"/> 3×3 filters in <paramref name="weight"/> (filters, 9);
    /// the sixteen points' rows are <paramref name="pointStride"/> floats apart.
    /// </summary>
    public static void Filters<TVector>(Span<float> u, int pointStride, ReadOnlySpan<float> weight, int filters)
        where TVector : struct, IVector<TVector>
    {
        ref float transformed = ref MemoryMarshal.GetReference(u);
        ref float taps = ref MemoryMarshal.GetReference(weight);
        // One vector of each tap for Count filters: weight is (filters, 9), so the taps are gathered into rows first.
        Span<float> gathered = stackalloc float[9 * 16];
        ref float rows = ref MemoryMarshal.GetReference(gathered);
        int f = FilterRun<TVector>(ref transformed, pointStride, ref taps, ref rows, filters, 0);
        if (TVector.Count > Vector256Ops.Count)
        {
            f = FilterRun<Vector256Ops>(ref transformed, pointStride, ref taps, ref rows, filters, f);
        }

        if (TVector.Count > Vector128Ops.Count)
        {
            f = FilterRun<Vector128Ops>(ref transformed, pointStride, ref taps, ref rows, filters, f);
        }

        if (TVector.Count > 1)
        {
            FilterRun<ScalarOps>(ref transformed, pointStride, ref taps, ref rows, filters, f);
        }
    }

    // The gather is the costly part (two scalar moves per tap), so it is written out: a loop over the nine taps is not
    // unrolled by the JIT and costs several index instructions per move.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int FilterRun<TV>(ref float u, nint stride, ref float weight, ref float rows, int filters, int f)
        where TV : struct, IVector<TV>
    {
        int count = TV.Count;
        TV half = TV.Broadcast(0.5f);
        for (; f <= filters - count; f += count)
        {
            ref float filter = ref Unsafe.Add(ref weight, (nint)f * 9);
            for (int lane = 0; lane < count; lane++, filter = ref Unsafe.Add(ref filter, 9))
            {
                ref float column = ref Unsafe.Add(ref rows, lane);
                column = filter;
                Unsafe.Add(ref column, count) = Unsafe.Add(ref filter, 1);
                Unsafe.Add(ref column, 2 * count) = Unsafe.Add(ref filter, 2);
                Unsafe.Add(ref column, 3 * count) = Unsafe.Add(ref filter, 3);
                Unsafe.Add(ref column, 4 * count) = Unsafe.Add(ref filter, 4);
                Unsafe.Add(ref column, 5 * count) = Unsafe.Add(ref filter, 5);
                Unsafe.Add(ref column, 6 * count) = Unsafe.Add(ref filter, 6);
                Unsafe.Add(ref column, 7 * count) = Unsafe.Add(ref filter, 7);
                Unsafe.Add(ref column, 8 * count) = Unsafe.Add(ref filter, 8);
            }

            // G g, one filter column q at a time: a[i][q] for the four rows i.
            TimesG(TV.Load(ref rows), TV.Load(ref Unsafe.Add(ref rows, 3 * count)), TV.Load(ref Unsafe.Add(ref rows, 6 * count)), half,
                out TV a00, out TV a10, out TV a20, out TV a30);
            TimesG(TV.Load(ref Unsafe.Add(ref rows, count)), TV.Load(ref Unsafe.Add(ref rows, 4 * count)), TV.Load(ref Unsafe.Add(ref rows, 7 * count)), half,
                out TV a01, out TV a11, out TV a21, out TV a31);
            TimesG(TV.Load(ref Unsafe.Add(ref rows, 2 * count)), TV.Load(ref Unsafe.Add(ref rows, 5 * count)), TV.Load(ref Unsafe.Add(ref rows, 8 * count)), half,
                out TV a02, out TV a12, out TV a22, out TV a32);

            // (G g) Gᵀ: each row i of the intermediate gives points 4i .. 4i + 3.
            ref float point = ref Unsafe.Add(ref u, f);
            StoreTimesG(ref point, stride, a00, a01, a02, half);
            StoreTimesG(ref Unsafe.Add(ref point, 4 * stride), stride, a10, a11, a12, half);
            StoreTimesG(ref Unsafe.Add(ref point, 8 * stride), stride, a20, a21, a22, half);
            StoreTimesG(ref Unsafe.Add(ref point, 12 * stride), stride, a30, a31, a32, half);
        }

        return f;
    }

    // G·[x0, x1, x2] = [x0, (x0 + x1 + x2)/2, (x0 - x1 + x2)/2, x2].
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void TimesG<TV>(TV x0, TV x1, TV x2, TV half, out TV y0, out TV y1, out TV y2, out TV y3)
        where TV : struct, IVector<TV>
    {
        TV outer = TV.Add(x0, x2);
        y0 = x0;
        y1 = TV.Multiply(TV.Add(outer, x1), half);
        y2 = TV.Multiply(TV.Subtract(outer, x1), half);
        y3 = x2;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreTimesG<TV>(ref float destination, nint stride, TV x0, TV x1, TV x2, TV half)
        where TV : struct, IVector<TV>
    {
        TimesG(x0, x1, x2, half, out TV y0, out TV y1, out TV y2, out TV y3);
        TV.Store(y0, ref destination);
        TV.Store(y1, ref Unsafe.Add(ref destination, stride));
        TV.Store(y2, ref Unsafe.Add(ref destination, 2 * stride));
        TV.Store(y3, ref Unsafe.Add(ref destination, 3 * stride));
    }

    /// <summary>
    /// V[ξ][c][first + t] = (Bᵀ d B)[ξ] for the <paramref name="tiles"/> tiles of one tile row, where tile t's 4×4 patch
    /// d starts at <paramref name="patch"/> + 2t in a plane of <paramref name="planeWidth"/> floats per row.
    /// <paramref name="tile"/> points at V[0][c][first]; points are <paramref name="pointStride"/> floats apart.
    /// </summary>
    public static void InputRow<TVector>(ref float tile, nint pointStride, ref float patch, nint planeWidth, int tiles)
        where TVector : struct, IVector<TVector>
    {
        int t = InputRun<TVector>(ref tile, pointStride, ref patch, planeWidth, 0, tiles);
        if (TVector.Count > Vector256Ops.Count)
        {
            t = InputRun<Vector256Ops>(ref tile, pointStride, ref patch, planeWidth, t, tiles);
        }

        if (TVector.Count > Vector128Ops.Count)
        {
            t = InputRun<Vector128Ops>(ref tile, pointStride, ref patch, planeWidth, t, tiles);
        }

        if (TVector.Count > 1)
        {
            InputRun<ScalarOps>(ref tile, pointStride, ref patch, planeWidth, t, tiles);
        }
    }

    // Not inlined into InputRow: four widths' worth of body would exceed the JIT's inlining budget for InputRow, and
    // the vector operations it then leaves as calls cost more than the transform.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int InputRun<TV>(ref float tile, nint pointStride, ref float patch, nint planeWidth, int t, int tiles)
        where TV : struct, IVector<TV>
    {
        for (; t <= tiles - TV.Count; t += TV.Count)
        {
            ref float top = ref Unsafe.Add(ref patch, 2 * t);
            ref float destination = ref Unsafe.Add(ref tile, t);

            // d·B on patch rows, ordered so at most three rows are live: V row 0 needs rows 0 and 2, rows 1 and 2 need
            // rows 1 and 2, row 3 needs rows 1 and 3.
            RowTimesB(ref Unsafe.Add(ref top, 2 * planeWidth), out TV e20, out TV e21, out TV e22, out TV e23);
            RowTimesB(ref top, out TV e00, out TV e01, out TV e02, out TV e03);
            TV.Store(TV.Subtract(e00, e20), ref destination);
            TV.Store(TV.Subtract(e01, e21), ref Unsafe.Add(ref destination, pointStride));
            TV.Store(TV.Subtract(e02, e22), ref Unsafe.Add(ref destination, 2 * pointStride));
            TV.Store(TV.Subtract(e03, e23), ref Unsafe.Add(ref destination, 3 * pointStride));

            RowTimesB(ref Unsafe.Add(ref top, planeWidth), out TV e10, out TV e11, out TV e12, out TV e13);
            TV.Store(TV.Add(e10, e20), ref Unsafe.Add(ref destination, 4 * pointStride));
            TV.Store(TV.Add(e11, e21), ref Unsafe.Add(ref destination, 5 * pointStride));
            TV.Store(TV.Add(e12, e22), ref Unsafe.Add(ref destination, 6 * pointStride));
            TV.Store(TV.Add(e13, e23), ref Unsafe.Add(ref destination, 7 * pointStride));
            TV.Store(TV.Subtract(e20, e10), ref Unsafe.Add(ref destination, 8 * pointStride));
            TV.Store(TV.Subtract(e21, e11), ref Unsafe.Add(ref destination, 9 * pointStride));
            TV.Store(TV.Subtract(e22, e12), ref Unsafe.Add(ref destination, 10 * pointStride));
            TV.Store(TV.Subtract(e23, e13), ref Unsafe.Add(ref destination, 11 * pointStride));

            RowTimesB(ref Unsafe.Add(ref top, 3 * planeWidth), out TV e30, out TV e31, out TV e32, out TV e33);
            TV.Store(TV.Subtract(e10, e30), ref Unsafe.Add(ref destination, 12 * pointStride));
            TV.Store(TV.Subtract(e11, e31), ref Unsafe.Add(ref destination, 13 * pointStride));
            TV.Store(TV.Subtract(e12, e32), ref Unsafe.Add(ref destination, 14 * pointStride));
            TV.Store(TV.Subtract(e13, e33), ref Unsafe.Add(ref destination, 15 * pointStride));
        }

        return t;
    }

    // One patch row of Count tiles two floats apart: columns 0/1 are the evens/odds of the 2·Count floats at the row,
    // columns 2/3 those of the 2·Count floats two further on. Then e = d·B: [d0 - d2, d1 + d2, d2 - d1, d1 - d3].
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RowTimesB<TV>(ref float row, out TV e0, out TV e1, out TV e2, out TV e3)
        where TV : struct, IVector<TV>
    {
        TV lower = TV.Load(ref row), upper = TV.Load(ref Unsafe.Add(ref row, TV.Count));
        TV shiftedLower = TV.Load(ref Unsafe.Add(ref row, 2)), shiftedUpper = TV.Load(ref Unsafe.Add(ref row, 2 + TV.Count));
        TV d0 = TV.Evens(lower, upper), d1 = TV.Odds(lower, upper);
        TV d2 = TV.Evens(shiftedLower, shiftedUpper), d3 = TV.Odds(shiftedLower, shiftedUpper);
        e0 = TV.Subtract(d0, d2);
        e1 = TV.Add(d1, d2);
        e2 = TV.Subtract(d2, d1);
        e3 = TV.Subtract(d1, d3);
    }

    /// <summary>
    /// Output rows 2·tileRow and 2·tileRow + 1 (the second only if <paramref name="bothRows"/>) of one channel, for the
    /// <paramref name="tiles"/> tiles of one tile row: Y = Aᵀ M A + bias, tile t writing columns 2t and 2t + 1 (the
    /// second only below <paramref name="width"/>, for the partial last tile of an odd width). <paramref name="output"/>
    /// points at the first tile's top-left output, whose row has <paramref name="width"/> outputs from there on;
    /// output rows are <paramref name="outWidth"/> floats apart. <paramref name="product"/> points at M[0][o][first];
    /// points are <paramref name="pointStride"/> floats apart.
    /// </summary>
    public static void OutputRow<TVector>(ref float output, nint outWidth, nint width, bool bothRows, ref float product, nint pointStride, int tiles, float bias)
        where TVector : struct, IVector<TVector>
    {
        int t = OutputRun<TVector>(ref output, outWidth, width, bothRows, ref product, pointStride, 0, tiles, bias);
        if (TVector.Count > Vector256Ops.Count)
        {
            t = OutputRun<Vector256Ops>(ref output, outWidth, width, bothRows, ref product, pointStride, t, tiles, bias);
        }

        if (TVector.Count > Vector128Ops.Count)
        {
            t = OutputRun<Vector128Ops>(ref output, outWidth, width, bothRows, ref product, pointStride, t, tiles, bias);
        }

        if (TVector.Count > 1)
        {
            OutputRun<ScalarOps>(ref output, outWidth, width, bothRows, ref product, pointStride, t, tiles, bias);
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int OutputRun<TV>(ref float output, nint outWidth, nint width, bool bothRows, ref float product, nint pointStride, int t, int tiles, float bias)
        where TV : struct, IVector<TV>
    {
        TV offset = TV.Broadcast(bias);
        for (; t <= tiles - TV.Count; t += TV.Count)
        {
            ref float m = ref Unsafe.Add(ref product, t);

            // Aᵀ M: s0 = m0 + m1 + m2 and s1 = m1 - m2 - m3 over the point rows, one column j at a time.
            AtColumn(ref m, pointStride, 0, out TV s00, out TV s10);
            AtColumn(ref m, pointStride, 1, out TV s01, out TV s11);
            AtColumn(ref m, pointStride, 2, out TV s02, out TV s12);
            AtColumn(ref m, pointStride, 3, out TV s03, out TV s13);

            // (Aᵀ M) A, plus the bias.
            TV y00 = TV.Add(TV.Add(s00, s01), TV.Add(s02, offset));
            TV y01 = TV.Subtract(TV.Subtract(s01, s02), TV.Subtract(s03, offset));
            nint column = 2 * t;
            bool whole = column + 2 * TV.Count <= width;
            StorePairs(ref Unsafe.Add(ref output, column), y00, y01, whole, (int)(width - column));
            if (bothRows)
            {
                TV y10 = TV.Add(TV.Add(s10, s11), TV.Add(s12, offset));
                TV y11 = TV.Subtract(TV.Subtract(s11, s12), TV.Subtract(s13, offset));
                StorePairs(ref Unsafe.Add(ref output, outWidth + column), y10, y11, whole, (int)(width - column));
            }
        }

        return t;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AtColumn<TV>(ref float m, nint pointStride, int j, out TV s0, out TV s1)
        where TV : struct, IVector<TV>
    {
        TV m0 = TV.Load(ref Unsafe.Add(ref m, j * pointStride));
        TV m1 = TV.Load(ref Unsafe.Add(ref m, (4 + j) * pointStride));
        TV m2 = TV.Load(ref Unsafe.Add(ref m, (8 + j) * pointStride));
        TV m3 = TV.Load(ref Unsafe.Add(ref m, (12 + j) * pointStride));
        s0 = TV.Add(TV.Add(m0, m1), m2);
        s1 = TV.Subtract(TV.Subtract(m1, m2), m3);
    }

    // Interleaves the tiles' left and right columns into 2·Count consecutive outputs. The last group of an odd-width
    // row has one output fewer than that, so it goes through a stack buffer instead of writing past the row.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StorePairs<TV>(ref float destination, TV left, TV right, bool whole, int available)
        where TV : struct, IVector<TV>
    {
        if (whole)
        {
            TV.Store(TV.InterleaveLower(left, right), ref destination);
            TV.Store(TV.InterleaveUpper(left, right), ref Unsafe.Add(ref destination, TV.Count));
            return;
        }

        StorePartial(ref destination, left, right, available);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void StorePartial<TV>(ref float destination, TV left, TV right, int available)
        where TV : struct, IVector<TV>
    {
        Span<float> pairs = stackalloc float[2 * 16];
        ref float buffer = ref MemoryMarshal.GetReference(pairs);
        TV.Store(TV.InterleaveLower(left, right), ref buffer);
        TV.Store(TV.InterleaveUpper(left, right), ref Unsafe.Add(ref buffer, TV.Count));
        pairs[..available].CopyTo(MemoryMarshal.CreateSpan(ref destination, available));
    }
}
