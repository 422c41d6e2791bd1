using System;
using System.Runtime.CompilerServices;

namespace StaticNets.Kernels;

/// <summary>
/// C = [C +] op(A)·op(B) for products whose B rows lie far apart: the cache-blocked formulation of BLIS/GotoBLAS with
/// B packed. A is read as A[i, p] = a[i*aRowStride + p*aStepStride] and B as B[p, j] = b[p*bStepStride + j*bColumnStride],
/// so one routine serves A, Aᵀ, B and Bᵀ.
/// </summary>
/// <remarks>
/// <para>
/// Blocks of <see cref="DepthBlock"/> steps of k and <see cref="ColumnBlock"/> columns of B are copied ("packed") into a
/// per-thread buffer as panels of <c>2·width</c> columns, each laid out in the order the micro-kernel reads it. The
/// micro-kernel streams one panel (256 × 32 floats = 32 KB, resident in L1) through a tile of C held in registers
/// (12 rows × 2 vectors = 24 accumulators with 512-bit vectors; 6 × 2 for narrower ones, which have 16 registers on
/// AVX2) while every row block of A passes; the 512 KB block stays in L2. Unpacked, consecutive rows of B are a whole
/// row of C apart (4 KB for a 32×32 convolution's column matrix), which aliases in L1 and needs a new page per step.
/// </para>
/// <para>
/// A is not packed. It feeds broadcasts, one float per row and step, so its layout barely matters to the micro-kernel,
/// and packing it cost more than it saved on every shape the reference networks use (AVX-512, Stopwatch medians,
/// GFLOP/s packing A and B / packing B only: cifar conv6 forward 125 / 222, conv2 input gradient 151 / 164, cifar fc1
/// weight gradient 184 / 188): copying a row-major A into row-interleaved panels is a scalar transpose.
/// </para>
/// <para>
/// The buffer is one array per thread (about 520 KB), allocated on the first product that thread computes, so
/// products run in parallel without sharing and allocate nothing after the first. The <see cref="GemmEpilogue"/>
/// (bias per row or column, ReLU) is applied while storing the last depth block, when each entry of C is final and
/// still in a register.
/// </para>
/// </remarks>
internal static class PackedGemm
{
    /// <summary>Steps of k per packed block.</summary>
    internal const int DepthBlock = 256;

    /// <summary>Rows of A per packed block; a multiple of every tile height (12 and 6).</summary>
    internal const int RowBlock = 144;

    /// <summary>Columns of B per packed block; a multiple of every tile width (32, 16, 8, 2).</summary>
    internal const int ColumnBlock = 512;

    private const int MaxTileRows = 12;
    private const int MaxTileColumns = 32;
    private const int PackedBLength = DepthBlock * ColumnBlock;
    private const int BufferLength = PackedBLength + MaxTileColumns;

    [ThreadStatic]
    private static float[]? t_buffer;

    /// <summary>Rows of C per register tile: 24 accumulators need the 32 registers of AVX-512.</summary>
    internal static int TileRows<TVector>() where TVector : struct, IVector<TVector> => TVector.Count >= 16 ? MaxTileRows : 6;

    /// <summary>Columns of C per register tile: two vectors.</summary>
    internal static int TileColumns<TVector>() where TVector : struct, IVector<TVector> => 2 * TVector.Count;

    /// <summary>Runs the product; m, n, k &gt; 0 and every operand already checked by the caller.</summary>
    public static void Run<TVector>(
        ref float c, nint cRowStride,
        ref float a, nint aRowStride, nint aStepStride,
        ref float b, nint bStepStride, nint bColumnStride,
        int m, int n, int k, bool accumulate, GemmEpilogue epilogue)
        where TVector : struct, IVector<TVector>
    {
        float[] buffer = t_buffer ??= new float[BufferLength];
        ref float packedB = ref buffer[0];
        ref float scratch = ref buffer[PackedBLength];
        int tileRows = TileRows<TVector>();
        int tileColumns = TileColumns<TVector>();

        for (int jc = 0; jc < n; jc += ColumnBlock)
        {
            int nc = Math.Min(ColumnBlock, n - jc);
            ReadOnlySpan<float> columnBias = epilogue.ColumnBias.IsEmpty ? default : epilogue.ColumnBias.Slice(jc, nc);
            for (int pc = 0; pc < k; pc += DepthBlock)
            {
                int kc = Math.Min(DepthBlock, k - pc);
                bool addToC = accumulate || pc > 0;
                bool finish = pc + kc == k;
                PackB<TVector>(ref packedB, ref Unsafe.Add(ref b, pc * bStepStride + jc * bColumnStride), bStepStride, bColumnStride, kc, nc);

                for (int ic = 0; ic < m; ic += RowBlock)
                {
                    int mc = Math.Min(RowBlock, m - ic);
                    ref float aBlock = ref Unsafe.Add(ref a, ic * aRowStride + pc * aStepStride);
                    for (int jr = 0; jr < nc; jr += tileColumns)
                    {
                        int columns = Math.Min(tileColumns, nc - jr);
                        ref float bPanel = ref Unsafe.Add(ref packedB, (nint)jr * kc);
                        ReadOnlySpan<float> tileColumnBias = finish && !columnBias.IsEmpty ? columnBias.Slice(jr, columns) : default;
                        for (int ir = 0; ir < mc; ir += tileRows)
                        {
                            int rows = Math.Min(tileRows, mc - ir);
                            var store = new TileStore(
                                addToC,
                                finish && !epilogue.RowBias.IsEmpty ? epilogue.RowBias.Slice(ic + ir, rows) : default,
                                tileColumnBias,
                                finish && epilogue.Relu,
                                columns);
                            ref float cTile = ref Unsafe.Add(ref c, (ic + ir) * cRowStride + jc + jr);
                            ref float aPanel = ref Unsafe.Add(ref aBlock, ir * aRowStride);
                            Tile<TVector>(rows, kc, ref aPanel, aRowStride, aStepStride, ref bPanel, ref cTile, cRowStride, store, ref scratch);
                        }
                    }
                }
            }
        }
    }

    // Packed B: panels of tileColumns columns; within a panel, step p holds columns 0..tileColumns-1. A short last
    // panel is padded with zeros so the micro-kernel can load whole vectors; the padded lanes are never stored.
    private static void PackB<TVector>(ref float packed, ref float b, nint stepStride, nint columnStride, int depth, int columns)
        where TVector : struct, IVector<TVector>
    {
        int width = TVector.Count;
        int tileColumns = 2 * width;
        for (int panel = 0; panel < columns; panel += tileColumns)
        {
            int panelColumns = Math.Min(tileColumns, columns - panel);
            ref float destination = ref Unsafe.Add(ref packed, (nint)panel * depth);
            ref float source = ref Unsafe.Add(ref b, panel * columnStride);
            if (columnStride == 1 && panelColumns == tileColumns)
            {
                for (int p = 0; p < depth; p++)
                {
                    ref float row = ref Unsafe.Add(ref source, p * stepStride);
                    ref float target = ref Unsafe.Add(ref destination, (nint)p * tileColumns);
                    TVector.Store(TVector.Load(ref row), ref target);
                    TVector.Store(TVector.Load(ref Unsafe.Add(ref row, width)), ref Unsafe.Add(ref target, width));
                }

                continue;
            }

            if (panelColumns < tileColumns)
            {
                for (int p = 0; p < depth; p++)
                {
                    ref float target = ref Unsafe.Add(ref destination, (nint)p * tileColumns);
                    TVector.Store(TVector.Zero, ref target);
                    TVector.Store(TVector.Zero, ref Unsafe.Add(ref target, width));
                }
            }

            // Bᵀ storage (or a ragged panel): read each column along k, write it down the panel.
            for (int column = 0; column < panelColumns; column++)
            {
                ref float sourceColumn = ref Unsafe.Add(ref source, column * columnStride);
                ref float destinationColumn = ref Unsafe.Add(ref destination, column);
                for (int p = 0; p < depth; p++)
                {
                    Unsafe.Add(ref destinationColumn, (nint)p * tileColumns) = Unsafe.Add(ref sourceColumn, p * stepStride);
                }
            }
        }
    }

    private static void Tile<TVector>(int rows, int depth, ref float aPanel, nint aRowStride, nint aStepStride, ref float bPanel, ref float c, nint cRowStride, TileStore store, ref float scratch)
        where TVector : struct, IVector<TVector>
    {
        switch (rows)
        {
            case 1: Tile<TVector, Tile1>(depth, ref aPanel, aRowStride, aStepStride, ref bPanel, ref c, cRowStride, store, ref scratch); break;
            case 2: Tile<TVector, Tile2>(depth, ref aPanel, aRowStride, aStepStride, ref bPanel, ref c, cRowStride, store, ref scratch); break;
            case 3: Tile<TVector, Tile3>(depth, ref aPanel, aRowStride, aStepStride, ref bPanel, ref c, cRowStride, store, ref scratch); break;
            case 4: Tile<TVector, Tile4>(depth, ref aPanel, aRowStride, aStepStride, ref bPanel, ref c, cRowStride, store, ref scratch); break;
            case 5: Tile<TVector, Tile5>(depth, ref aPanel, aRowStride, aStepStride, ref bPanel, ref c, cRowStride, store, ref scratch); break;
            case 6: Tile<TVector, Tile6>(depth, ref aPanel, aRowStride, aStepStride, ref bPanel, ref c, cRowStride, store, ref scratch); break;
            case 7: Tile<TVector, Tile7>(depth, ref aPanel, aRowStride, aStepStride, ref bPanel, ref c, cRowStride, store, ref scratch); break;
            case 8: Tile<TVector, Tile8>(depth, ref aPanel, aRowStride, aStepStride, ref bPanel, ref c, cRowStride, store, ref scratch); break;
            case 9: Tile<TVector, Tile9>(depth, ref aPanel, aRowStride, aStepStride, ref bPanel, ref c, cRowStride, store, ref scratch); break;
            case 10: Tile<TVector, Tile10>(depth, ref aPanel, aRowStride, aStepStride, ref bPanel, ref c, cRowStride, store, ref scratch); break;
            case 11: Tile<TVector, Tile11>(depth, ref aPanel, aRowStride, aStepStride, ref bPanel, ref c, cRowStride, store, ref scratch); break;
            default: Tile<TVector, Tile12>(depth, ref aPanel, aRowStride, aStepStride, ref bPanel, ref c, cRowStride, store, ref scratch); break;
        }
    }

    // The micro-kernel: TRows rows × 2 vectors of C accumulate in registers over the whole depth; each step loads two
    // B vectors and broadcasts TRows values of A, for 2·TRows FMAs. Every `if (TRows.Value > r)` folds away per
    // instantiation.
    [SkipLocalsInit]
    private static void Tile<TVector, TRows>(int depth, ref float aPanel, nint aRowStride, nint aStepStride, ref float bPanel, ref float c, nint cRowStride, TileStore store, ref float scratch)
        where TVector : struct, IVector<TVector>
        where TRows : struct, ITileSize
    {
        nint width = TVector.Count;
        TVector c00 = TVector.Zero, c01 = TVector.Zero, c10 = TVector.Zero, c11 = TVector.Zero, c20 = TVector.Zero, c21 = TVector.Zero;
        TVector c30 = TVector.Zero, c31 = TVector.Zero, c40 = TVector.Zero, c41 = TVector.Zero, c50 = TVector.Zero, c51 = TVector.Zero;
        TVector c60 = TVector.Zero, c61 = TVector.Zero, c70 = TVector.Zero, c71 = TVector.Zero, c80 = TVector.Zero, c81 = TVector.Zero;
        TVector c90 = TVector.Zero, c91 = TVector.Zero, cA0 = TVector.Zero, cA1 = TVector.Zero, cB0 = TVector.Zero, cB1 = TVector.Zero;
        ref float ap = ref aPanel;
        ref float bp = ref bPanel;
        for (int p = 0; p < depth; p++)
        {
            TVector b0 = TVector.Load(ref bp);
            TVector b1 = TVector.Load(ref Unsafe.Add(ref bp, width));
            TVector ai = TVector.Broadcast(ap);
            c00 = TVector.MultiplyAdd(ai, b0, c00);
            c01 = TVector.MultiplyAdd(ai, b1, c01);
            if (TRows.Value > 1) { ai = TVector.Broadcast(Unsafe.Add(ref ap, 1 * aRowStride)); c10 = TVector.MultiplyAdd(ai, b0, c10); c11 = TVector.MultiplyAdd(ai, b1, c11); }
            if (TRows.Value > 2) { ai = TVector.Broadcast(Unsafe.Add(ref ap, 2 * aRowStride)); c20 = TVector.MultiplyAdd(ai, b0, c20); c21 = TVector.MultiplyAdd(ai, b1, c21); }
            if (TRows.Value > 3) { ai = TVector.Broadcast(Unsafe.Add(ref ap, 3 * aRowStride)); c30 = TVector.MultiplyAdd(ai, b0, c30); c31 = TVector.MultiplyAdd(ai, b1, c31); }
            if (TRows.Value > 4) { ai = TVector.Broadcast(Unsafe.Add(ref ap, 4 * aRowStride)); c40 = TVector.MultiplyAdd(ai, b0, c40); c41 = TVector.MultiplyAdd(ai, b1, c41); }
            if (TRows.Value > 5) { ai = TVector.Broadcast(Unsafe.Add(ref ap, 5 * aRowStride)); c50 = TVector.MultiplyAdd(ai, b0, c50); c51 = TVector.MultiplyAdd(ai, b1, c51); }
            if (TRows.Value > 6) { ai = TVector.Broadcast(Unsafe.Add(ref ap, 6 * aRowStride)); c60 = TVector.MultiplyAdd(ai, b0, c60); c61 = TVector.MultiplyAdd(ai, b1, c61); }
            if (TRows.Value > 7) { ai = TVector.Broadcast(Unsafe.Add(ref ap, 7 * aRowStride)); c70 = TVector.MultiplyAdd(ai, b0, c70); c71 = TVector.MultiplyAdd(ai, b1, c71); }
            if (TRows.Value > 8) { ai = TVector.Broadcast(Unsafe.Add(ref ap, 8 * aRowStride)); c80 = TVector.MultiplyAdd(ai, b0, c80); c81 = TVector.MultiplyAdd(ai, b1, c81); }
            if (TRows.Value > 9) { ai = TVector.Broadcast(Unsafe.Add(ref ap, 9 * aRowStride)); c90 = TVector.MultiplyAdd(ai, b0, c90); c91 = TVector.MultiplyAdd(ai, b1, c91); }
            if (TRows.Value > 10) { ai = TVector.Broadcast(Unsafe.Add(ref ap, 10 * aRowStride)); cA0 = TVector.MultiplyAdd(ai, b0, cA0); cA1 = TVector.MultiplyAdd(ai, b1, cA1); }
            if (TRows.Value > 11) { ai = TVector.Broadcast(Unsafe.Add(ref ap, 11 * aRowStride)); cB0 = TVector.MultiplyAdd(ai, b0, cB0); cB1 = TVector.MultiplyAdd(ai, b1, cB1); }
            ap = ref Unsafe.Add(ref ap, aStepStride);
            bp = ref Unsafe.Add(ref bp, 2 * width);
        }

        store.Row(0, ref c, c00, c01, ref scratch);
        if (TRows.Value > 1) { store.Row(1, ref Unsafe.Add(ref c, cRowStride), c10, c11, ref scratch); }
        if (TRows.Value > 2) { store.Row(2, ref Unsafe.Add(ref c, 2 * cRowStride), c20, c21, ref scratch); }
        if (TRows.Value > 3) { store.Row(3, ref Unsafe.Add(ref c, 3 * cRowStride), c30, c31, ref scratch); }
        if (TRows.Value > 4) { store.Row(4, ref Unsafe.Add(ref c, 4 * cRowStride), c40, c41, ref scratch); }
        if (TRows.Value > 5) { store.Row(5, ref Unsafe.Add(ref c, 5 * cRowStride), c50, c51, ref scratch); }
        if (TRows.Value > 6) { store.Row(6, ref Unsafe.Add(ref c, 6 * cRowStride), c60, c61, ref scratch); }
        if (TRows.Value > 7) { store.Row(7, ref Unsafe.Add(ref c, 7 * cRowStride), c70, c71, ref scratch); }
        if (TRows.Value > 8) { store.Row(8, ref Unsafe.Add(ref c, 8 * cRowStride), c80, c81, ref scratch); }
        if (TRows.Value > 9) { store.Row(9, ref Unsafe.Add(ref c, 9 * cRowStride), c90, c91, ref scratch); }
        if (TRows.Value > 10) { store.Row(10, ref Unsafe.Add(ref c, 10 * cRowStride), cA0, cA1, ref scratch); }
        if (TRows.Value > 11) { store.Row(11, ref Unsafe.Add(ref c, 11 * cRowStride), cB0, cB1, ref scratch); }
    }

    /// <summary>How one register tile is written back: added to C or not, and the epilogue if this is the last block.</summary>
    private readonly ref struct TileStore
    {
        private readonly bool _addToC;
        private readonly ReadOnlySpan<float> _rowBias;
        private readonly ReadOnlySpan<float> _columnBias;
        private readonly bool _relu;
        private readonly int _columns;

        public TileStore(bool addToC, ReadOnlySpan<float> rowBias, ReadOnlySpan<float> columnBias, bool relu, int columns)
        {
            _addToC = addToC;
            _rowBias = rowBias;
            _columnBias = columnBias;
            _relu = relu;
            _columns = columns;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Row<TVector>(int row, ref float c, TVector low, TVector high, ref float scratch)
            where TVector : struct, IVector<TVector>
        {
            int width = TVector.Count;
            if (_columns == 2 * width)
            {
                if (_addToC)
                {
                    low = TVector.Add(low, TVector.Load(ref c));
                    high = TVector.Add(high, TVector.Load(ref Unsafe.Add(ref c, width)));
                }

                if (!_rowBias.IsEmpty)
                {
                    TVector bias = TVector.Broadcast(_rowBias[row]);
                    low = TVector.Add(low, bias);
                    high = TVector.Add(high, bias);
                }

                if (!_columnBias.IsEmpty)
                {
                    ref readonly float columnBias = ref _columnBias[0];
                    low = TVector.Add(low, TVector.Load(ref Unsafe.AsRef(in columnBias)));
                    high = TVector.Add(high, TVector.Load(ref Unsafe.Add(ref Unsafe.AsRef(in columnBias), width)));
                }

                if (_relu)
                {
                    low = TVector.Max(low, TVector.Zero);
                    high = TVector.Max(high, TVector.Zero);
                }

                TVector.Store(low, ref c);
                TVector.Store(high, ref Unsafe.Add(ref c, width));
                return;
            }

            // A ragged last panel: spill the tile row and finish the valid columns one by one, in the same order of
            // operations as the vector path.
            TVector.Store(low, ref scratch);
            TVector.Store(high, ref Unsafe.Add(ref scratch, width));
            float rowBias = _rowBias.IsEmpty ? 0f : _rowBias[row];
            for (int column = 0; column < _columns; column++)
            {
                float value = Unsafe.Add(ref scratch, column);
                if (_addToC)
                {
                    value += Unsafe.Add(ref c, column);
                }

                if (!_rowBias.IsEmpty)
                {
                    value += rowBias;
                }

                if (!_columnBias.IsEmpty)
                {
                    value += _columnBias[column];
                }

                if (_relu)
                {
                    value = MathF.Max(value, 0f);
                }

                Unsafe.Add(ref c, column) = value;
            }
        }
    }
}
