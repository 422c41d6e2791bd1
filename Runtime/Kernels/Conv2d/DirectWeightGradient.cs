using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNets.Kernels;

/// <summary>
/// The weight gradient of a stride-1 convolution without im2col: <c>dW[o, c, i, j] = Σ_n Σ_q dŶ[n, o, q] · P[n, c, q + i·PW + j]</c>,
/// where P is the zero-padded input plane flattened with row length PW and dŶ is the output gradient laid on the
/// same grid (zeros in the columns past the output's width). On that grid every filter tap is a shift of one flat
/// row, so each tap is a dot product of two contiguous vectors, and a tile of 4 output channels × up to 5 taps of one
/// filter row keeps 20 accumulators busy on 4 + 5 loads per step.
/// </summary>
/// <remarks>
/// The im2col route copies every input value k² times per example into a column matrix and then runs a product whose
/// depth is only outH·outW; for lenet5 at batch 64 that took 334 µs for conv1 (6 filters over one channel) and most of
/// conv2's 875 µs backward pass. Here each example is copied once into its padded planes. Lanes accumulate across the
/// whole batch in a vector per weight and are summed once at the end, so a call costs one horizontal sum per weight.
/// </remarks>
internal static class DirectWeightGradient
{
    private const int ChannelBlock = 4;
    private const int TapBlock = 5;
    private const int MaxWidth = 16;

    // Examples laid out together so a tile's accumulators run over all of them before being added to memory: with one
    // example a lenet5 conv2 tile ran 9 vector steps between its setup and its 20 read-modify-writes.
    private const int ExampleBlock = 16;

    // The per-weight vector accumulators take weights × 16 floats; past this many weights the im2col product, whose
    // depth then is large, is the better tool anyway.
    private const int MaxWeights = 1 << 16;

    /// <summary>Whether this kernel computes the weight gradient for the shape: stride 1 and a modest number of weights.</summary>
    public static bool Supports(in ConvGeometry g) => g.Stride == 1 && (long)g.OutChannels * g.ColumnRows <= MaxWeights;

    /// <summary>Floats of workspace <see cref="Run{TVector}"/> needs; independent of the batch.</summary>
    public static int WorkspaceLength(in ConvGeometry g)
    {
        var layout = new Layout(g, MaxWidth);
        return layout.Total;
    }

    /// <summary>
    /// Overwrites dWeight and dBias with their sums over examples [first, end); spans hold the whole batch and their
    /// lengths are checked by the caller.
    /// </summary>
    public static void Run<TVector>(Span<float> dWeight, Span<float> dBias, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> input, Span<float> workspace, int first, int end, in ConvGeometry g)
        where TVector : struct, IVector<TVector>
    {
        int width = TVector.Count;
        var layout = new Layout(g, width);
        Span<float> planes = workspace[..layout.PlanesLength];
        Span<float> grid = workspace.Slice(layout.PlanesLength, layout.GridLength);
        Span<float> sums = workspace.Slice(layout.PlanesLength + layout.GridLength, layout.SumsLength);

        // Padding borders, slack and the grid's unused columns stay zero: only interiors are written per example.
        planes.Clear();
        grid.Clear();
        sums.Clear();
        dBias.Clear();
        for (int chunk = first; chunk < end; chunk += ExampleBlock)
        {
            int count = Math.Min(ExampleBlock, end - chunk);
            for (int e = 0; e < count; e++)
            {
                int n = chunk + e;
                ReadOnlySpan<float> gradient = dOutput.Slice(n * g.OutputLength, g.OutputLength);
                Span<float> exampleGrid = grid.Slice(e * layout.ExampleGrid, layout.ExampleGrid);
                g.CopyIntoPaddedPlanes(input.Slice(n * g.InputLength, g.InputLength), planes.Slice(e * layout.ExamplePlanes, layout.ExamplePlanes), layout.PlaneStride);

                for (int o = 0; o < g.OutChannels; o++)
                {
                    ReadOnlySpan<float> plane = gradient.Slice(o * g.Positions, g.Positions);
                    dBias[o] += TensorPrimitives.Sum(plane);
                    for (int y = 0; y < g.OutHeight; y++)
                    {
                        plane.Slice(y * g.OutWidth, g.OutWidth).CopyTo(exampleGrid.Slice(o * layout.GridStride + y * layout.PaddedWidth, g.OutWidth));
                    }
                }
            }

            for (int o = 0; o < g.OutChannels; o += ChannelBlock)
            {
                switch (Math.Min(ChannelBlock, g.OutChannels - o))
                {
                    case 1: Channels<TVector, Tile1>(sums, planes, grid, o, count, layout, g); break;
                    case 2: Channels<TVector, Tile2>(sums, planes, grid, o, count, layout, g); break;
                    case 3: Channels<TVector, Tile3>(sums, planes, grid, o, count, layout, g); break;
                    default: Channels<TVector, Tile4>(sums, planes, grid, o, count, layout, g); break;
                }
            }
        }

        ref float lanes = ref MemoryMarshal.GetReference(sums);
        for (int w = 0; w < dWeight.Length; w++)
        {
            dWeight[w] = TVector.Sum(TVector.Load(ref Unsafe.Add(ref lanes, (nint)w * width)));
        }

    }

    private static void Channels<TVector, TChannels>(Span<float> sums, ReadOnlySpan<float> planes, ReadOnlySpan<float> grid, int firstChannel, int examples, in Layout layout, in ConvGeometry g)
        where TVector : struct, IVector<TVector>
        where TChannels : struct, ITileSize
    {
        int k = g.KernelSize;
        for (int c = 0; c < g.InChannels; c++)
        {
            for (int i = 0; i < k; i++)
            {
                for (int j = 0; j < k; j += TapBlock)
                {
                    ref float sum = ref sums[(((firstChannel * g.InChannels + c) * k + i) * k + j) * TVector.Count];
                    ref float shifted = ref Unsafe.AsRef(in planes[c * layout.PlaneStride + i * layout.PaddedWidth + j]);
                    ref float gradient = ref Unsafe.AsRef(in grid[firstChannel * layout.GridStride]);
                    switch (Math.Min(TapBlock, k - j))
                    {
                        case 1: Tile<TVector, TChannels, Tile1>(ref sum, ref shifted, ref gradient, examples, layout, g); break;
                        case 2: Tile<TVector, TChannels, Tile2>(ref sum, ref shifted, ref gradient, examples, layout, g); break;
                        case 3: Tile<TVector, TChannels, Tile3>(ref sum, ref shifted, ref gradient, examples, layout, g); break;
                        case 4: Tile<TVector, TChannels, Tile4>(ref sum, ref shifted, ref gradient, examples, layout, g); break;
                        default: Tile<TVector, TChannels, Tile5>(ref sum, ref shifted, ref gradient, examples, layout, g); break;
                    }
                }
            }
        }
    }

    // TChannels output channels × TTaps consecutive taps of one filter row, over the flat grids of a block of examples:
    // the accumulators stay in registers across the block (a grid is only 100-1000 floats, a handful of vectors).
    // sum points at the lane vector of (first channel, c, i, j); the next channel's is InChannels·k² weights on.
    [SkipLocalsInit]
    private static void Tile<TVector, TChannels, TTaps>(ref float sum, ref float shifted, ref float gradient, int examples, in Layout layout, in ConvGeometry g)
        where TVector : struct, IVector<TVector>
        where TChannels : struct, ITileSize
        where TTaps : struct, ITileSize
    {
        nint width = TVector.Count;
        nint gridStride = layout.GridStride;
        TVector s00 = TVector.Zero, s01 = TVector.Zero, s02 = TVector.Zero, s03 = TVector.Zero, s04 = TVector.Zero;
        TVector s10 = TVector.Zero, s11 = TVector.Zero, s12 = TVector.Zero, s13 = TVector.Zero, s14 = TVector.Zero;
        TVector s20 = TVector.Zero, s21 = TVector.Zero, s22 = TVector.Zero, s23 = TVector.Zero, s24 = TVector.Zero;
        TVector s30 = TVector.Zero, s31 = TVector.Zero, s32 = TVector.Zero, s33 = TVector.Zero, s34 = TVector.Zero;
        nint vectors = layout.GridVectors * width;
        for (int e = 0; e < examples; e++)
        {
            for (nint q = 0; q < vectors; q += width)
            {
                TVector p0 = TVector.Load(ref Unsafe.Add(ref shifted, q));
                TVector p1 = TTaps.Value > 1 ? TVector.Load(ref Unsafe.Add(ref shifted, q + 1)) : TVector.Zero;
                TVector p2 = TTaps.Value > 2 ? TVector.Load(ref Unsafe.Add(ref shifted, q + 2)) : TVector.Zero;
                TVector p3 = TTaps.Value > 3 ? TVector.Load(ref Unsafe.Add(ref shifted, q + 3)) : TVector.Zero;
                TVector p4 = TTaps.Value > 4 ? TVector.Load(ref Unsafe.Add(ref shifted, q + 4)) : TVector.Zero;

                TVector d = TVector.Load(ref Unsafe.Add(ref gradient, q));
                s00 = TVector.MultiplyAdd(d, p0, s00);
                if (TTaps.Value > 1) { s01 = TVector.MultiplyAdd(d, p1, s01); }
                if (TTaps.Value > 2) { s02 = TVector.MultiplyAdd(d, p2, s02); }
                if (TTaps.Value > 3) { s03 = TVector.MultiplyAdd(d, p3, s03); }
                if (TTaps.Value > 4) { s04 = TVector.MultiplyAdd(d, p4, s04); }
                if (TChannels.Value > 1)
                {
                    d = TVector.Load(ref Unsafe.Add(ref gradient, q + gridStride));
                    s10 = TVector.MultiplyAdd(d, p0, s10);
                    if (TTaps.Value > 1) { s11 = TVector.MultiplyAdd(d, p1, s11); }
                    if (TTaps.Value > 2) { s12 = TVector.MultiplyAdd(d, p2, s12); }
                    if (TTaps.Value > 3) { s13 = TVector.MultiplyAdd(d, p3, s13); }
                    if (TTaps.Value > 4) { s14 = TVector.MultiplyAdd(d, p4, s14); }
                }

                if (TChannels.Value > 2)
                {
                    d = TVector.Load(ref Unsafe.Add(ref gradient, q + 2 * gridStride));
                    s20 = TVector.MultiplyAdd(d, p0, s20);
                    if (TTaps.Value > 1) { s21 = TVector.MultiplyAdd(d, p1, s21); }
                    if (TTaps.Value > 2) { s22 = TVector.MultiplyAdd(d, p2, s22); }
                    if (TTaps.Value > 3) { s23 = TVector.MultiplyAdd(d, p3, s23); }
                    if (TTaps.Value > 4) { s24 = TVector.MultiplyAdd(d, p4, s24); }
                }

                if (TChannels.Value > 3)
                {
                    d = TVector.Load(ref Unsafe.Add(ref gradient, q + 3 * gridStride));
                    s30 = TVector.MultiplyAdd(d, p0, s30);
                    if (TTaps.Value > 1) { s31 = TVector.MultiplyAdd(d, p1, s31); }
                    if (TTaps.Value > 2) { s32 = TVector.MultiplyAdd(d, p2, s32); }
                    if (TTaps.Value > 3) { s33 = TVector.MultiplyAdd(d, p3, s33); }
                    if (TTaps.Value > 4) { s34 = TVector.MultiplyAdd(d, p4, s34); }
                }
            }

            shifted = ref Unsafe.Add(ref shifted, layout.ExamplePlanes);
            gradient = ref Unsafe.Add(ref gradient, layout.ExampleGrid);
        }

        nint channelStride = (nint)g.InChannels * g.KernelSize * g.KernelSize * width;
        AddRow<TVector, TTaps>(ref sum, s00, s01, s02, s03, s04);
        if (TChannels.Value > 1) { AddRow<TVector, TTaps>(ref Unsafe.Add(ref sum, channelStride), s10, s11, s12, s13, s14); }
        if (TChannels.Value > 2) { AddRow<TVector, TTaps>(ref Unsafe.Add(ref sum, 2 * channelStride), s20, s21, s22, s23, s24); }
        if (TChannels.Value > 3) { AddRow<TVector, TTaps>(ref Unsafe.Add(ref sum, 3 * channelStride), s30, s31, s32, s33, s34); }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AddRow<TVector, TTaps>(ref float sum, TVector t0, TVector t1, TVector t2, TVector t3, TVector t4)
        where TVector : struct, IVector<TVector>
        where TTaps : struct, ITileSize
    {
        nint width = TVector.Count;
        TVector.Store(TVector.Add(TVector.Load(ref sum), t0), ref sum);
        if (TTaps.Value > 1) { ref float next = ref Unsafe.Add(ref sum, width); TVector.Store(TVector.Add(TVector.Load(ref next), t1), ref next); }
        if (TTaps.Value > 2) { ref float next = ref Unsafe.Add(ref sum, 2 * width); TVector.Store(TVector.Add(TVector.Load(ref next), t2), ref next); }
        if (TTaps.Value > 3) { ref float next = ref Unsafe.Add(ref sum, 3 * width); TVector.Store(TVector.Add(TVector.Load(ref next), t3), ref next); }
        if (TTaps.Value > 4) { ref float next = ref Unsafe.Add(ref sum, 4 * width); TVector.Store(TVector.Add(TVector.Load(ref next), t4), ref next); }
    }

    /// <summary>Where the padded planes, the gradient grid and the lane sums sit in the workspace.</summary>
    private readonly struct Layout
    {
        public Layout(in ConvGeometry g, int width)
        {
            PaddedWidth = g.InWidth + 2 * g.Padding;
            int paddedHeight = g.InHeight + 2 * g.Padding;

            // The grid covers outH rows of PaddedWidth, rounded up to whole vectors; its rows past the output width are
            // zero. A tap's shifted read goes at most (k-1)·PW + k-1 past the grid's start plus the grid's length, which
            // for stride 1 ends within k-1 + one vector past the plane: that slack is kept zero.
            GridVectors = (g.OutHeight * PaddedWidth + width - 1) / width;
            GridStride = GridVectors * width;
            PlaneStride = paddedHeight * PaddedWidth + g.KernelSize + MaxWidth;
            ExamplePlanes = g.InChannels * PlaneStride;
            ExampleGrid = g.OutChannels * GridStride;
            PlanesLength = ExampleBlock * ExamplePlanes;
            GridLength = ExampleBlock * ExampleGrid;
            SumsLength = g.OutChannels * g.ColumnRows * width;
        }

        public int PaddedWidth { get; }
        public int GridVectors { get; }
        public int GridStride { get; }
        public int PlaneStride { get; }
        public int ExamplePlanes { get; }
        public int ExampleGrid { get; }
        public int PlanesLength { get; }
        public int GridLength { get; }
        public int SumsLength { get; }
        public int Total => PlanesLength + GridLength + SumsLength;
    }
}
