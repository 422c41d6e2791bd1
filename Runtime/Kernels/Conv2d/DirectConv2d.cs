using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNets.Kernels;

/// <summary>
/// Stride-1 convolution computed in place of the im2col product, for layers too small for the column matrix to pay
/// for itself: vectors run along an output row, and a tile of 3 output rows × 4 output channels accumulates in 12
/// registers over every input channel and filter tap. Each input vector loaded feeds 4 FMAs, each broadcast weight 3.
/// </summary>
/// <remarks>
/// im2col copies every input value k² times in rows of outWidth floats. For lenet5 at batch 1 that is 700 short rows
/// with padding for conv1 (6 filters over one channel) and 1,500 rows of 10 floats for conv2, and the copying took
/// longer than the product it prepared. Here the input is copied once, into a zero-padded plane per channel in the
/// workspace, and the taps are unaligned loads from it. The bias initialises the accumulators and ReLU, when fused,
/// clamps them at the store, so the output is written once.
/// </remarks>
internal static class DirectConv2d
{
    private const int ChannelBlock = 4;
    private const int RowBlock = 3;

    // The last tap's vector may read up to one vector past the last padded row, and a row narrower than a vector is
    // stored through one vector of scratch; 512-bit vectors are the widest.
    private const int Slack = 16;
    private const int Scratch = 16;

    /// <summary>
    /// Whether this kernel beats im2col + SGEMM for the shape at this vector width (Stopwatch medians on AVX-512,
    /// im2col → direct, batch 64: lenet5 conv1 76 → 145 GFLOP/s, conv2 93 → 115, cifar conv1 99 → 180, conv2 125 → 199,
    /// conv3 and conv4 159 → 203; at batch 1 lenet5's conv1 takes 1.6 µs instead of 3.0). It loses where rows fill
    /// half a vector or less (cifar conv5 and conv6, 8 wide: 174 → 110), so it needs 60 % of the lanes it computes to be
    /// outputs. Stride 1 only, and a filter wider than 1 (a 1×1 convolution is a plain product).
    /// </summary>
    public static bool Suits(in ConvGeometry g, int width)
    {
        int vectorsPerRow = (g.OutWidth + width - 1) / width;
        return g.Stride == 1
            && g.KernelSize > 1
            && g.OutWidth * 10 >= vectorsPerRow * width * 6;
    }

    /// <summary>Floats of workspace <see cref="Forward{TVector}"/> needs: the padded input planes and one vector of slack.</summary>
    public static int WorkspaceLength(int inChannels, int inHeight, int inWidth, int padding) =>
        new ExpectedLength("inChannels*(inHeight+2*padding)*(inWidth+2*padding)", inChannels, inHeight + 2 * padding, inWidth + 2 * padding).Product + Slack + Scratch;

    /// <summary>Forward pass with Conv2d.Forward's contract, for stride 1; lengths checked by the caller.</summary>
    public static void Forward<TVector>(Span<float> output, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> workspace, int batch, in ConvGeometry g, bool relu)
        where TVector : struct, IVector<TVector>
    {
        int paddedHeight = g.InHeight + 2 * g.Padding, paddedWidth = g.InWidth + 2 * g.Padding;
        int length = WorkspaceLength(g.InChannels, g.InHeight, g.InWidth, g.Padding);
        Span<float> padded = workspace[..(length - Scratch)];
        Span<float> scratch = workspace.Slice(length - Scratch, Scratch);

        // The padding border and the slack never change between examples: cleared once.
        padded.Clear();
        var shape = new TileShape(g.InChannels, g.KernelSize, paddedHeight, paddedWidth, g.OutHeight, g.OutWidth, relu);
        for (int n = 0; n < batch; n++)
        {
            g.CopyIntoPaddedPlanes(input.Slice(n * g.InputLength, g.InputLength), padded, paddedHeight * paddedWidth);

            Span<float> result = output.Slice(n * g.OutputLength, g.OutputLength);
            for (int o = 0; o < g.OutChannels; o += ChannelBlock)
            {
                switch (Math.Min(ChannelBlock, g.OutChannels - o))
                {
                    case 1: Channels<TVector, Tile1>(result, padded, weight, bias, o, shape, scratch); break;
                    case 2: Channels<TVector, Tile2>(result, padded, weight, bias, o, shape, scratch); break;
                    case 3: Channels<TVector, Tile3>(result, padded, weight, bias, o, shape, scratch); break;
                    default: Channels<TVector, Tile4>(result, padded, weight, bias, o, shape, scratch); break;
                }
            }
        }
    }

    private static void Channels<TVector, TChannels>(Span<float> result, ReadOnlySpan<float> padded, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int firstChannel, in TileShape shape, Span<float> scratchVector)
        where TVector : struct, IVector<TVector>
        where TChannels : struct, ITileSize
    {
        int width = TVector.Count;
        int filterLength = shape.InChannels * shape.KernelSize * shape.KernelSize;
        ref float filters = ref Unsafe.Add(ref MemoryMarshal.GetReference(weight), (nint)firstChannel * filterLength);
        ref float outputs = ref Unsafe.Add(ref MemoryMarshal.GetReference(result), (nint)firstChannel * shape.OutHeight * shape.OutWidth);
        ref float biases = ref Unsafe.Add(ref MemoryMarshal.GetReference(bias), firstChannel);
        ref float image = ref MemoryMarshal.GetReference(padded);
        ref float scratch = ref MemoryMarshal.GetReference(scratchVector);
        for (int y = 0; y < shape.OutHeight; y += RowBlock)
        {
            int rows = Math.Min(RowBlock, shape.OutHeight - y);
            for (int x = 0; x < shape.OutWidth; x += width)
            {
                // A ragged last vector is moved back to end at the row's end and recomputes a few columns with the same
                // arithmetic, so their values do not change; only rows narrower than a vector need a partial store.
                int start = x + width <= shape.OutWidth || shape.OutWidth < width ? x : shape.OutWidth - width;
                int columns = Math.Min(width, shape.OutWidth - start);
                ref float source = ref Unsafe.Add(ref image, (nint)y * shape.PaddedWidth + start);
                ref float destination = ref Unsafe.Add(ref outputs, (nint)y * shape.OutWidth + start);
                switch (rows)
                {
                    case 1: Tile<TVector, TChannels, Tile1>(ref destination, ref source, ref filters, ref biases, filterLength, columns, shape, ref scratch); break;
                    case 2: Tile<TVector, TChannels, Tile2>(ref destination, ref source, ref filters, ref biases, filterLength, columns, shape, ref scratch); break;
                    default: Tile<TVector, TChannels, Tile3>(ref destination, ref source, ref filters, ref biases, filterLength, columns, shape, ref scratch); break;
                }
            }
        }
    }

    [SkipLocalsInit]
    private static void Tile<TVector, TChannels, TRows>(ref float destination, ref float source, ref float filters, ref float biases, nint filterLength, int columns, in TileShape shape, ref float scratch)
        where TVector : struct, IVector<TVector>
        where TChannels : struct, ITileSize
        where TRows : struct, ITileSize
    {
        TVector bias0 = TVector.Broadcast(biases);
        TVector bias1 = TChannels.Value > 1 ? TVector.Broadcast(Unsafe.Add(ref biases, 1)) : TVector.Zero;
        TVector bias2 = TChannels.Value > 2 ? TVector.Broadcast(Unsafe.Add(ref biases, 2)) : TVector.Zero;
        TVector bias3 = TChannels.Value > 3 ? TVector.Broadcast(Unsafe.Add(ref biases, 3)) : TVector.Zero;
        TVector a00 = bias0, a01 = bias1, a02 = bias2, a03 = bias3;
        TVector a10 = bias0, a11 = bias1, a12 = bias2, a13 = bias3;
        TVector a20 = bias0, a21 = bias1, a22 = bias2, a23 = bias3;

        nint paddedWidth = shape.PaddedWidth;
        nint plane = (nint)shape.PaddedHeight * paddedWidth;
        int kernelSize = shape.KernelSize;
        ref float tap = ref filters;
        for (int c = 0; c < shape.InChannels; c++)
        {
            ref float channel = ref Unsafe.Add(ref source, c * plane);
            for (int i = 0; i < kernelSize; i++)
            {
                ref float row = ref Unsafe.Add(ref channel, i * paddedWidth);
                for (int j = 0; j < kernelSize; j++)
                {
                    TVector v0 = TVector.Load(ref Unsafe.Add(ref row, j));
                    TVector v1 = TRows.Value > 1 ? TVector.Load(ref Unsafe.Add(ref row, j + paddedWidth)) : TVector.Zero;
                    TVector v2 = TRows.Value > 2 ? TVector.Load(ref Unsafe.Add(ref row, j + 2 * paddedWidth)) : TVector.Zero;

                    TVector w = TVector.Broadcast(tap);
                    a00 = TVector.MultiplyAdd(w, v0, a00);
                    if (TRows.Value > 1) { a10 = TVector.MultiplyAdd(w, v1, a10); }
                    if (TRows.Value > 2) { a20 = TVector.MultiplyAdd(w, v2, a20); }
                    if (TChannels.Value > 1)
                    {
                        w = TVector.Broadcast(Unsafe.Add(ref tap, filterLength));
                        a01 = TVector.MultiplyAdd(w, v0, a01);
                        if (TRows.Value > 1) { a11 = TVector.MultiplyAdd(w, v1, a11); }
                        if (TRows.Value > 2) { a21 = TVector.MultiplyAdd(w, v2, a21); }
                    }

                    if (TChannels.Value > 2)
                    {
                        w = TVector.Broadcast(Unsafe.Add(ref tap, 2 * filterLength));
                        a02 = TVector.MultiplyAdd(w, v0, a02);
                        if (TRows.Value > 1) { a12 = TVector.MultiplyAdd(w, v1, a12); }
                        if (TRows.Value > 2) { a22 = TVector.MultiplyAdd(w, v2, a22); }
                    }

                    if (TChannels.Value > 3)
                    {
                        w = TVector.Broadcast(Unsafe.Add(ref tap, 3 * filterLength));
                        a03 = TVector.MultiplyAdd(w, v0, a03);
                        if (TRows.Value > 1) { a13 = TVector.MultiplyAdd(w, v1, a13); }
                        if (TRows.Value > 2) { a23 = TVector.MultiplyAdd(w, v2, a23); }
                    }

                    tap = ref Unsafe.Add(ref tap, 1);
                }
            }
        }

        nint outWidth = shape.OutWidth;
        nint channelStride = (nint)shape.OutHeight * outWidth;
        bool relu = shape.Relu;
        Store(ref destination, a00, columns, relu, ref scratch);
        if (TRows.Value > 1) { Store(ref Unsafe.Add(ref destination, outWidth), a10, columns, relu, ref scratch); }
        if (TRows.Value > 2) { Store(ref Unsafe.Add(ref destination, 2 * outWidth), a20, columns, relu, ref scratch); }
        if (TChannels.Value > 1)
        {
            ref float next = ref Unsafe.Add(ref destination, channelStride);
            Store(ref next, a01, columns, relu, ref scratch);
            if (TRows.Value > 1) { Store(ref Unsafe.Add(ref next, outWidth), a11, columns, relu, ref scratch); }
            if (TRows.Value > 2) { Store(ref Unsafe.Add(ref next, 2 * outWidth), a21, columns, relu, ref scratch); }
        }

        if (TChannels.Value > 2)
        {
            ref float next = ref Unsafe.Add(ref destination, 2 * channelStride);
            Store(ref next, a02, columns, relu, ref scratch);
            if (TRows.Value > 1) { Store(ref Unsafe.Add(ref next, outWidth), a12, columns, relu, ref scratch); }
            if (TRows.Value > 2) { Store(ref Unsafe.Add(ref next, 2 * outWidth), a22, columns, relu, ref scratch); }
        }

        if (TChannels.Value > 3)
        {
            ref float next = ref Unsafe.Add(ref destination, 3 * channelStride);
            Store(ref next, a03, columns, relu, ref scratch);
            if (TRows.Value > 1) { Store(ref Unsafe.Add(ref next, outWidth), a13, columns, relu, ref scratch); }
            if (TRows.Value > 2) { Store(ref Unsafe.Add(ref next, 2 * outWidth), a23, columns, relu, ref scratch); }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store<TVector>(ref float destination, TVector value, int columns, bool relu, ref float scratch)
        where TVector : struct, IVector<TVector>
    {
        if (relu)
        {
            value = TVector.Max(value, TVector.Zero);
        }

        if (columns == TVector.Count)
        {
            TVector.Store(value, ref destination);
            return;
        }

        // A row narrower than one vector: only its columns are written (the next row starts right after them). No
        // stackalloc here: a method with one is not inlined, and a call in the tile makes the JIT keep every
        // accumulator on the stack.
        TVector.Store(value, ref scratch);
        for (int x = 0; x < columns; x++)
        {
            Unsafe.Add(ref destination, x) = Unsafe.Add(ref scratch, x);
        }
    }

    /// <summary>The geometry a tile needs, in one place so the tile methods take few arguments.</summary>
    private readonly struct TileShape
    {
        public TileShape(int inChannels, int kernelSize, int paddedHeight, int paddedWidth, int outHeight, int outWidth, bool relu)
        {
            InChannels = inChannels;
            KernelSize = kernelSize;
            PaddedHeight = paddedHeight;
            PaddedWidth = paddedWidth;
            OutHeight = outHeight;
            OutWidth = outWidth;
            Relu = relu;
        }

        public int InChannels { get; }
        public int KernelSize { get; }
        public int PaddedHeight { get; }
        public int PaddedWidth { get; }
        public int OutHeight { get; }
        public int OutWidth { get; }
        public bool Relu { get; }
    }
}
