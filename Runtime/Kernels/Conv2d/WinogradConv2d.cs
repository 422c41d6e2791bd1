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
/// The transforms combine every tap of a filter with every input of its 3×3 window, so the rounding error scales with
/// Σ_c (Σ|w|)(Σ|x|) over each window rather than with Σ|w·x| as for a direct sum (the tests derive the bound).
/// </remarks>
public static partial class WinogradConv2d
{
    /// <summary>Whether this algorithm computes a convolution with these filter size and stride: 3×3 at stride 1.</summary>
    /// <param name="kernelSize">Filter height and width.</param>
    /// <param name="stride">Step between filter positions.</param>
    /// <returns>True for kernelSize 3 and stride 1.</returns>
    public static bool Supports(int kernelSize, int stride) => kernelSize == 3 && stride == 1;

    /// <summary>
    /// Floats of scratch <see cref="Forward"/> needs for these shapes, independent of the batch: transformed filters
    /// (16·outC·inC), and for one chunk of tiles the transformed input (16·inC·chunk), the products (16·outC·chunk) and
    /// one zero-padded input channel; each set of 16 matrices is spaced a few floats wider to keep them off the same
    /// cache sets.
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

    /// <summary>
    /// Floats of transformed weights <see cref="TransformWeights"/> writes: 16 matrices of outChannels·inChannels, each
    /// rounded up to an odd number of 64-byte cache lines.
    /// </summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Filters, i.e. output channels.</param>
    /// <returns>The transformed weights' length in floats.</returns>
    public static int TransformedWeightLength(int inChannels, int outChannels)
    {
        Require.Positive(inChannels);
        Require.Positive(outChannels);
        return TransformedWeightShape(inChannels, outChannels).Product;
    }

    /// <summary>
    /// Floats of scratch <see cref="ForwardTransformed"/> needs: <see cref="WorkspaceLength"/> less the transformed
    /// filters, which it is given instead.
    /// </summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Filters, i.e. output channels.</param>
    /// <param name="inHeight">Input height.</param>
    /// <param name="inWidth">Input width.</param>
    /// <param name="padding">Zeros added on each side of the height and width.</param>
    /// <returns>The minimum workspace length in floats.</returns>
    /// <exception cref="ArgumentException">The shapes are not a valid 3×3 convolution.</exception>
    public static int TransformedWorkspaceLength(int inChannels, int outChannels, int inHeight, int inWidth, int padding) =>
        new WinogradGeometry(inChannels, inHeight, inWidth, outChannels, padding).ChunkWorkspaceLength;

    /// <summary>
    /// The filter transform <see cref="Forward"/> does on every call, done once: for weights that stay fixed across
    /// calls (inference), where at batch 1 it can cost as much as the rest of the convolution.
    /// </summary>
    /// <param name="transformedWeight">
    /// <see cref="TransformedWeightLength"/> floats, overwritten: U = G·g·Gᵀ of every filter as 16 matrices
    /// (outChannels, inChannels), one per point of the 4×4 transform, a little apart (see <see cref="TransformedWeightLength"/>).
    /// </param>
    /// <param name="weight">(outChannels, inChannels, 3, 3).</param>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Filters, i.e. output channels.</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes.</exception>
    public static void TransformWeights(Span<float> transformedWeight, ReadOnlySpan<float> weight, int inChannels, int outChannels)
    {
        switch (VectorDispatch.Best)
        {
            case VectorWidth.Bits512: TransformWeights<Vector512Ops>(transformedWeight, weight, inChannels, outChannels); break;
            case VectorWidth.Bits256: TransformWeights<Vector256Ops>(transformedWeight, weight, inChannels, outChannels); break;
            case VectorWidth.Bits128: TransformWeights<Vector128Ops>(transformedWeight, weight, inChannels, outChannels); break;
            default: TransformWeights<ScalarOps>(transformedWeight, weight, inChannels, outChannels); break;
        }
    }

    /// <summary><see cref="Forward"/> with filters already transformed by <see cref="TransformWeights"/>; the same result, bit for bit.</summary>
    /// <param name="output">(batch, outChannels, outHeight, outWidth) with outHeight = inHeight + 2·padding - 2, overwritten.</param>
    /// <param name="input">(batch, inChannels, inHeight, inWidth).</param>
    /// <param name="transformedWeight"><see cref="TransformedWeightLength"/> floats from <see cref="TransformWeights"/>.</param>
    /// <param name="bias">(outChannels).</param>
    /// <param name="workspace">At least <see cref="TransformedWorkspaceLength"/> floats of scratch; its contents are overwritten.</param>
    /// <param name="batch">Examples in the batch.</param>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="inHeight">Input height.</param>
    /// <param name="inWidth">Input width.</param>
    /// <param name="outChannels">Filters, i.e. output channels.</param>
    /// <param name="padding">Zeros added on each side of the height and width.</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes, or the padded input is smaller than the filter.</exception>
    public static void ForwardTransformed(Span<float> output, ReadOnlySpan<float> input, ReadOnlySpan<float> transformedWeight, ReadOnlySpan<float> bias, Span<float> workspace,
        int batch, int inChannels, int inHeight, int inWidth, int outChannels, int padding)
    {
        switch (VectorDispatch.Best)
        {
            case VectorWidth.Bits512: ForwardTransformed<Vector512Ops>(output, input, transformedWeight, bias, workspace, batch, inChannels, inHeight, inWidth, outChannels, padding); break;
            case VectorWidth.Bits256: ForwardTransformed<Vector256Ops>(output, input, transformedWeight, bias, workspace, batch, inChannels, inHeight, inWidth, outChannels, padding); break;
            case VectorWidth.Bits128: ForwardTransformed<Vector128Ops>(output, input, transformedWeight, bias, workspace, batch, inChannels, inHeight, inWidth, outChannels, padding); break;
            default: ForwardTransformed<ScalarOps>(output, input, transformedWeight, bias, workspace, batch, inChannels, inHeight, inWidth, outChannels, padding); break;
        }
    }

    /// <summary><see cref="Forward"/> at one vector width (tests force each width through here).</summary>
    internal static void Forward<TVector>(Span<float> output, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> workspace,
        int batch, int inChannels, int inHeight, int inWidth, int outChannels, int padding)
        where TVector : struct, IVector<TVector>
    {
        Require.Positive(batch);
        var g = new WinogradGeometry(inChannels, inHeight, inWidth, outChannels, padding);
        RequireShapes(output, input, bias, batch, g);
        Require.Exactly(weight.Length, nameof(weight), WeightShape(inChannels, outChannels));
        Require.AtLeast(workspace.Length, nameof(workspace), g.WorkspaceShape);

        // The chunk's scratch first, then the filters, so ForwardTransformed's smaller workspace is the same prefix.
        Span<float> filters = workspace.Slice(g.ChunkWorkspaceLength, g.FilterLength);
        WinogradTransforms.Filters<TVector>(filters, g.FilterStride, weight, outChannels * inChannels);
        Convolve<TVector>(output, input, filters, bias, workspace, batch, g);
    }

    /// <summary><see cref="TransformWeights"/> at one vector width.</summary>
    internal static void TransformWeights<TVector>(Span<float> transformedWeight, ReadOnlySpan<float> weight, int inChannels, int outChannels)
        where TVector : struct, IVector<TVector>
    {
        Require.Exactly(transformedWeight.Length, nameof(transformedWeight), TransformedWeightShape(inChannels, outChannels));
        Require.Exactly(weight.Length, nameof(weight), WeightShape(inChannels, outChannels));
        WinogradTransforms.Filters<TVector>(transformedWeight, WinogradGeometry.PointStride(outChannels * inChannels), weight, outChannels * inChannels);
    }

    /// <summary><see cref="ForwardTransformed"/> at one vector width.</summary>
    internal static void ForwardTransformed<TVector>(Span<float> output, ReadOnlySpan<float> input, ReadOnlySpan<float> transformedWeight, ReadOnlySpan<float> bias, Span<float> workspace,
        int batch, int inChannels, int inHeight, int inWidth, int outChannels, int padding)
        where TVector : struct, IVector<TVector>
    {
        Require.Positive(batch);
        var g = new WinogradGeometry(inChannels, inHeight, inWidth, outChannels, padding);
        RequireShapes(output, input, bias, batch, g);
        Require.Exactly(transformedWeight.Length, nameof(transformedWeight), TransformedWeightShape(inChannels, outChannels));
        Require.AtLeast(workspace.Length, nameof(workspace), g.ChunkWorkspaceShape);
        Convolve<TVector>(output, input, transformedWeight, bias, workspace, batch, g);
    }

    private static void RequireShapes(Span<float> output, ReadOnlySpan<float> input, ReadOnlySpan<float> bias, int batch, in WinogradGeometry g)
    {
        Require.Exactly(output.Length, nameof(output), new ExpectedLength("batch*outChannels*outHeight*outWidth", batch, g.Conv.OutChannels, g.Conv.OutHeight, g.Conv.OutWidth));
        Require.Exactly(input.Length, nameof(input), new ExpectedLength("batch*inChannels*inHeight*inWidth", batch, g.Conv.InChannels, g.Conv.InHeight, g.Conv.InWidth));
        Require.Exactly(bias.Length, nameof(bias), new ExpectedLength("outChannels", g.Conv.OutChannels));
    }

    private static ExpectedLength WeightShape(int inChannels, int outChannels) => new("outChannels*inChannels*k*k", outChannels, inChannels, 3, 3);

    private static ExpectedLength TransformedWeightShape(int inChannels, int outChannels) =>
        new("16*pointStride(outChannels*inChannels)", WinogradGeometry.Points, WinogradGeometry.PointStride(new ExpectedLength("outChannels*inChannels", outChannels, inChannels).Product));

    // Tiles, ChunkTiles at a time across the whole batch: input transform, sixteen SGEMMs, output transform.
    // workspace holds at least the chunk's scratch (transformed tiles, products, padded plane); lengths are checked.
    private static void Convolve<TVector>(Span<float> output, ReadOnlySpan<float> input, ReadOnlySpan<float> filters, ReadOnlySpan<float> bias, Span<float> workspace,
        int batch, in WinogradGeometry g)
        where TVector : struct, IVector<TVector>
    {
        int inChannels = g.Conv.InChannels, outChannels = g.Conv.OutChannels;
        Span<float> tiles = workspace[..g.TileLength];
        Span<float> products = workspace.Slice(g.TileLength, g.ProductLength);
        Span<float> plane = workspace.Slice(g.TileLength + g.ProductLength, g.PlaneLength);

        // Only the input's interior is ever copied into the plane, so its border stays the zero padding.
        plane.Clear();
        int total = new ExpectedLength("batch*tilesPerExample", batch, g.TilesPerExample).Product;
        for (int first = 0; first < total; first += g.ChunkTiles)
        {
            int count = Math.Min(g.ChunkTiles, total - first);
            int tileStride = WinogradGeometry.PointStride(inChannels * count), productStride = WinogradGeometry.PointStride(outChannels * count);
            TransformInput<TVector>(tiles, tileStride, input, plane, g, first, count);
            for (int point = 0; point < WinogradGeometry.Points; point++)
            {
                Gemm.Multiply<TVector>(
                    products.Slice(point * productStride, outChannels * count),
                    filters.Slice(point * g.FilterStride, outChannels * inChannels),
                    tiles.Slice(point * tileStride, inChannels * count),
                    outChannels, count, inChannels, accumulate: false);
            }

            TransformOutput<TVector>(output, products, productStride, bias, g, first, count);
        }
    }

    // V (16 × (inC, count), pointStride apart) for tiles [first, first + count) of the batch, one example and channel
    // at a time: the rows the chunk's tiles read are copied into the padded plane, then each tile row is transformed
    // from there.
    private static void TransformInput<TVector>(Span<float> tiles, int pointStride, ReadOnlySpan<float> input, Span<float> plane, in WinogradGeometry g, int first, int count)
        where TVector : struct, IVector<TVector>
    {
        ref float tileBase = ref MemoryMarshal.GetReference(tiles);
        ref float planeBase = ref MemoryMarshal.GetReference(plane);
        ref float image = ref MemoryMarshal.GetReference(input);
        int inChannels = g.Conv.InChannels, inHeight = g.Conv.InHeight, inWidth = g.Conv.InWidth, padding = g.Conv.Padding;
        int tileColumns = g.TileColumns, perExample = g.TilesPerExample, planeWidth = g.PaddedWidth;
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

    // Output tiles [first, first + count) of the batch from M (16 × (outC, count), pointStride apart), one output channel
    // and tile row at a time.
    private static void TransformOutput<TVector>(Span<float> output, ReadOnlySpan<float> products, int pointStride, ReadOnlySpan<float> bias, in WinogradGeometry g, int first, int count)
        where TVector : struct, IVector<TVector>
    {
        ref float result = ref MemoryMarshal.GetReference(output);
        ref float productBase = ref MemoryMarshal.GetReference(products);
        int outChannels = g.Conv.OutChannels, outHeight = g.Conv.OutHeight, outWidth = g.Conv.OutWidth;
        int tileColumns = g.TileColumns, perExample = g.TilesPerExample;
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
