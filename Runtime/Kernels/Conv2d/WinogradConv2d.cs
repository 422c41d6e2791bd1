using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNets.Kernels;

/// <summary>
/// Forward 3×3, stride-1 convolution by Lavin &amp; Gray's Winograd F(2×2,3×3): each 2×2 output tile costs 16
/// multiplications per (output, input) channel pair instead of 36, so 2.25× fewer than <see cref="Conv2d"/>. Same
/// layouts and meaning as <see cref="Conv2d.Forward"/> with kernelSize 3 and stride 1 (NCHW, weight (outC, inC, 3, 3),
/// any padding, any output size).
/// </summary>
/// <remarks>
/// Per call: filters are transformed to U[ξ] (outC, inC) for the 16 points ξ; then, a fixed number of tiles at a time
/// (across examples, so a small image still fills a chunk), input tiles are transformed to V[ξ] (inC, tiles), the
/// sixteen products M[ξ] = U[ξ]·V[ξ] run as SGEMMs, and the output transform writes the 2×2 tiles with the bias.
/// The rounding error grows with the transforms' magnitudes, not just Σ|w·x| (see the tests), which stays around
/// float32 precision for 3×3 filters.
/// </remarks>
public static class WinogradConv2d
{
    /// <summary>Whether this algorithm computes a convolution with these filter size and stride: 3×3 at stride 1.</summary>
    /// <param name="kernelSize">Filter height and width.</param>
    /// <param name="stride">Step between filter positions.</param>
    /// <returns>True for kernelSize 3 and stride 1.</returns>
    public static bool Supports(int kernelSize, int stride) => kernelSize == 3 && stride == 1;

    /// <summary>
    /// Floats of scratch <see cref="Forward"/> needs for these shapes, independent of the batch: transformed filters
    /// (16·outC·inC), and for one chunk of tiles the transformed input (16·inC·chunk), the products (16·outC·chunk) and
    /// one zero-padded input channel.
    /// </summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Filters, i.e. output channels.</param>
    /// <param name="inHeight">Input height.</param>
    /// <param name="inWidth">Input width.</param>
    /// <param name="padding">Zeros added on each side of the height and width.</param>
    /// <returns>The minimum workspace length in floats.</returns>
    /// <exception cref="ArgumentException">The shapes are not a valid 3×3 convolution.</exception>
    public static int WorkspaceLength(int inChannels, int outChannels, int inHeight, int inWidth, int padding) =>
        new WinogradGeometry(inChannels, inHeight, inWidth, outChannels, padding).WorkspaceLength;

    /// <summary>Forward pass: <c>output[n, o, y, x] = bias[o] + Σ weight[o, c, i, j] · input[n, c, y + i - padding, x + j - padding]</c>, zero outside the input.</summary>
    /// <param name="output">(batch, outChannels, outHeight, outWidth) with outHeight = inHeight + 2·padding - 2, overwritten.</param>
    /// <param name="input">(batch, inChannels, inHeight, inWidth).</param>
    /// <param name="weight">(outChannels, inChannels, 3, 3).</param>
    /// <param name="bias">(outChannels).</param>
    /// <param name="workspace">At least <see cref="WorkspaceLength"/> floats of scratch; its contents are overwritten.</param>
    /// <param name="batch">Examples in the batch.</param>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="inHeight">Input height.</param>
    /// <param name="inWidth">Input width.</param>
    /// <param name="outChannels">Filters, i.e. output channels.</param>
    /// <param name="padding">Zeros added on each side of the height and width.</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes, or the padded input is smaller than the filter.</exception>
    public static void Forward(Span<float> output, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> workspace,
        int batch, int inChannels, int inHeight, int inWidth, int outChannels, int padding)
    {
        switch (VectorDispatch.Best)
        {
            case VectorWidth.Bits512: Forward<Vector512Ops>(output, input, weight, bias, workspace, batch, inChannels, inHeight, inWidth, outChannels, padding); break;
            case VectorWidth.Bits256: Forward<Vector256Ops>(output, input, weight, bias, workspace, batch, inChannels, inHeight, inWidth, outChannels, padding); break;
            case VectorWidth.Bits128: Forward<Vector128Ops>(output, input, weight, bias, workspace, batch, inChannels, inHeight, inWidth, outChannels, padding); break;
            default: Forward<ScalarOps>(output, input, weight, bias, workspace, batch, inChannels, inHeight, inWidth, outChannels, padding); break;
        }
    }

    /// <summary><see cref="Forward"/> at one vector width (tests force each width through here).</summary>
    internal static void Forward<TVector>(Span<float> output, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> workspace,
        int batch, int inChannels, int inHeight, int inWidth, int outChannels, int padding)
        where TVector : struct, IVector<TVector>
    {
        Require.Positive(batch);
        var g = new WinogradGeometry(inChannels, inHeight, inWidth, outChannels, padding);
        Require.Exactly(output.Length, nameof(output), new ExpectedLength("batch*outChannels*outHeight*outWidth", batch, outChannels, g.Conv.OutHeight, g.Conv.OutWidth));
        Require.Exactly(input.Length, nameof(input), new ExpectedLength("batch*inChannels*inHeight*inWidth", batch, inChannels, inHeight, inWidth));
        Require.Exactly(weight.Length, nameof(weight), new ExpectedLength("outChannels*inChannels*k*k", outChannels, inChannels, 3, 3));
        Require.Exactly(bias.Length, nameof(bias), new ExpectedLength("outChannels", outChannels));
        Require.AtLeast(workspace.Length, nameof(workspace), g.WorkspaceShape);

        Span<float> filters = workspace[..g.FilterLength];
        Span<float> tiles = workspace.Slice(g.FilterLength, g.TileLength);
        Span<float> products = workspace.Slice(g.FilterLength + g.TileLength, g.ProductLength);
        Span<float> plane = workspace.Slice(g.FilterLength + g.TileLength + g.ProductLength, g.PlaneLength);

        WinogradTransforms.Filters<TVector>(filters, weight, outChannels * inChannels);

        // Only the input's interior is ever copied into the plane, so its border stays the zero padding.
        plane.Clear();
        int total = new ExpectedLength("batch*tilesPerExample", batch, g.TilesPerExample).Product;
        for (int first = 0; first < total; first += g.ChunkTiles)
        {
            int count = Math.Min(g.ChunkTiles, total - first);
            TransformInput<TVector>(tiles[..(WinogradGeometry.Points * inChannels * count)], input, plane, g, first, count);
            for (int point = 0; point < WinogradGeometry.Points; point++)
            {
                Gemm.Multiply<TVector>(
                    products.Slice(point * outChannels * count, outChannels * count),
                    filters.Slice(point * outChannels * inChannels, outChannels * inChannels),
                    tiles.Slice(point * inChannels * count, inChannels * count),
                    outChannels, count, inChannels, accumulate: false);
            }

            TransformOutput<TVector>(output, products[..(WinogradGeometry.Points * outChannels * count)], bias, g, first, count);
        }
    }

    // V (16, inC, count) for tiles [first, first + count) of the batch, one example and channel at a time: the rows the
    // chunk's tiles read are copied into the padded plane, then each tile row is transformed from there.
    private static void TransformInput<TVector>(Span<float> tiles, ReadOnlySpan<float> input, Span<float> plane, in WinogradGeometry g, int first, int count)
        where TVector : struct, IVector<TVector>
    {
        ref float tileBase = ref MemoryMarshal.GetReference(tiles);
        ref float planeBase = ref MemoryMarshal.GetReference(plane);
        ref float image = ref MemoryMarshal.GetReference(input);
        int inChannels = g.Conv.InChannels, inHeight = g.Conv.InHeight, inWidth = g.Conv.InWidth, padding = g.Conv.Padding;
        int tileColumns = g.TileColumns, perExample = g.TilesPerExample, planeWidth = g.PaddedWidth;
        nint pointStride = (nint)inChannels * count;
        int end = first + count;
        for (int example = first / perExample; example * perExample < end; example++)
        {
            // This example's tiles in the chunk, as indices within the example.
            int from = Math.Max(first - example * perExample, 0);
            int to = Math.Min(end - example * perExample, perExample);
            int firstTileRow = from / tileColumns, lastTileRow = (to - 1) / tileColumns;

            // Padded rows 2·firstTileRow .. 2·lastTileRow + 3 hold input rows (padded row - padding) where those exist.
            int firstRow = Math.Max(2 * firstTileRow - padding, 0);
            int endRow = Math.Min(2 * lastTileRow + 4 - padding, inHeight);
            for (int c = 0; c < inChannels; c++)
            {
                ref float channel = ref Unsafe.Add(ref image, ((nint)example * inChannels + c) * inHeight * inWidth);
                for (int y = firstRow; y < endRow; y++)
                {
                    VectorRow.Copy<TVector>(ref Unsafe.Add(ref planeBase, (nint)(y + padding) * planeWidth + padding), ref Unsafe.Add(ref channel, (nint)y * inWidth), inWidth);
                }

                ref float channelTiles = ref Unsafe.Add(ref tileBase, (nint)c * count);
                for (int tileRow = firstTileRow; tileRow <= lastTileRow; tileRow++)
                {
                    int rowStart = Math.Max(from, tileRow * tileColumns), rowEnd = Math.Min(to, (tileRow + 1) * tileColumns);
                    int column = rowStart - tileRow * tileColumns;
                    int local = example * perExample + rowStart - first;
                    WinogradTransforms.InputRow<TVector>(
                        ref Unsafe.Add(ref channelTiles, local), pointStride,
                        ref Unsafe.Add(ref planeBase, (nint)2 * tileRow * planeWidth + 2 * column), planeWidth, rowEnd - rowStart);
                }
            }
        }
    }

    // Output tiles [first, first + count) of the batch from M (16, outC, count), one output channel and tile row at a time.
    private static void TransformOutput<TVector>(Span<float> output, ReadOnlySpan<float> products, ReadOnlySpan<float> bias, in WinogradGeometry g, int first, int count)
        where TVector : struct, IVector<TVector>
    {
        ref float result = ref MemoryMarshal.GetReference(output);
        ref float productBase = ref MemoryMarshal.GetReference(products);
        int outChannels = g.Conv.OutChannels, outHeight = g.Conv.OutHeight, outWidth = g.Conv.OutWidth;
        int tileColumns = g.TileColumns, perExample = g.TilesPerExample;
        nint pointStride = (nint)outChannels * count;
        int end = first + count;
        for (int example = first / perExample; example * perExample < end; example++)
        {
            int from = Math.Max(first - example * perExample, 0);
            int to = Math.Min(end - example * perExample, perExample);
            int firstTileRow = from / tileColumns, lastTileRow = (to - 1) / tileColumns;
            for (int o = 0; o < outChannels; o++)
            {
                ref float channel = ref Unsafe.Add(ref result, ((nint)example * outChannels + o) * outHeight * outWidth);
                ref float channelProducts = ref Unsafe.Add(ref productBase, (nint)o * count);
                float offset = bias[o];
                for (int tileRow = firstTileRow; tileRow <= lastTileRow; tileRow++)
                {
                    int rowStart = Math.Max(from, tileRow * tileColumns), rowEnd = Math.Min(to, (tileRow + 1) * tileColumns);
                    int column = rowStart - tileRow * tileColumns;
                    int local = example * perExample + rowStart - first;
                    WinogradTransforms.OutputRow<TVector>(
                        ref Unsafe.Add(ref channel, (nint)2 * tileRow * outWidth + 2 * column), outWidth, outWidth - 2 * column, 2 * tileRow + 1 < outHeight,
                        ref Unsafe.Add(ref channelProducts, local), pointStride, rowEnd - rowStart, offset);
                }
            }
        }
    }
}
