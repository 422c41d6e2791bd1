using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNets.Kernels;

// The weight gradient of a 3×3, stride-1 convolution as the adjoint of the forward F(2×2,3×3) pass.
public static partial class WinogradConv2d
{
    /// <summary>
    /// Floats of scratch <see cref="WeightGradient"/> needs for these shapes, independent of the batch: the summed
    /// transformed filter gradients (16·outC·inC), and for one chunk of tiles the transformed input (16·inC·chunk), the
    /// transformed output gradient (16·outC·chunk), one zero-padded input channel and one output-gradient channel.
    /// </summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Filters, i.e. output channels.</param>
    /// <param name="inHeight">Input height.</param>
    /// <param name="inWidth">Input width.</param>
    /// <param name="padding">Zeros added on each side of the height and width.</param>
    /// <returns>The minimum workspace length in floats.</returns>
    /// <exception cref="ArgumentException">The shapes are not a valid 3×3 convolution.</exception>
    public static int WeightGradientWorkspaceLength(int inChannels, int outChannels, int inHeight, int inWidth, int padding) =>
        new WinogradGeometry(inChannels, inHeight, inWidth, outChannels, padding, forWeightGradient: true).WeightGradientWorkspaceLength;

    /// <summary>
    /// Weight and bias gradients of <see cref="Forward"/>, summed over the batch:
    /// <c>dWeight[o, c, i, j] = Σ dOutput[n, o, y, x] · input[n, c, y + i - padding, x + j - padding]</c> (zero outside
    /// the input) and <c>dBias[o] = Σ dOutput[n, o, y, x]</c>.
    /// </summary>
    /// <remarks>
    /// The adjoint of the forward transforms: per chunk of tiles the input tiles are transformed as in the forward pass
    /// (V = Bᵀ d B), each 2×2 output-gradient tile is lifted to 4×4 (dM = A dY Aᵀ, zero gradient past an odd-sized
    /// output), the sixteen dU[ξ] (outC, inC) += dM[ξ]·V[ξ]ᵀ run as SGEMMs over the chunk's tiles, and at the end
    /// dWeight = Gᵀ dU G. As in the forward pass every output gradient of a tile meets every input of its 4×4 patch, so
    /// the rounding error scales with Σ_tiles (Σ_tile |dy|)(Σ_patch |x|) (the tests derive the bound).
    /// </remarks>
    /// <param name="dWeight">(outChannels, inChannels, 3, 3), overwritten with the sum over the batch.</param>
    /// <param name="dBias">(outChannels), overwritten with the sum over the batch.</param>
    /// <param name="dOutput">(batch, outChannels, outHeight, outWidth) with outHeight = inHeight + 2·padding - 2: the loss gradient of the output.</param>
    /// <param name="input">(batch, inChannels, inHeight, inWidth): the forward pass's input.</param>
    /// <param name="workspace">At least <see cref="WeightGradientWorkspaceLength"/> floats of scratch; its contents are overwritten.</param>
    /// <param name="batch">Examples in the batch.</param>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="inHeight">Input height.</param>
    /// <param name="inWidth">Input width.</param>
    /// <param name="outChannels">Filters, i.e. output channels.</param>
    /// <param name="padding">Zeros added on each side of the height and width.</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes, or the padded input is smaller than the filter.</exception>
    public static void WeightGradient(Span<float> dWeight, Span<float> dBias, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> input, Span<float> workspace,
        int batch, int inChannels, int inHeight, int inWidth, int outChannels, int padding)
    {
        switch (VectorDispatch.Best)
        {
            case VectorWidth.Bits512: WeightGradient<Vector512Ops>(dWeight, dBias, dOutput, input, workspace, batch, inChannels, inHeight, inWidth, outChannels, padding); break;
            case VectorWidth.Bits256: WeightGradient<Vector256Ops>(dWeight, dBias, dOutput, input, workspace, batch, inChannels, inHeight, inWidth, outChannels, padding); break;
            case VectorWidth.Bits128: WeightGradient<Vector128Ops>(dWeight, dBias, dOutput, input, workspace, batch, inChannels, inHeight, inWidth, outChannels, padding); break;
            default: WeightGradient<ScalarOps>(dWeight, dBias, dOutput, input, workspace, batch, inChannels, inHeight, inWidth, outChannels, padding); break;
        }
    }

    /// <summary><see cref="WeightGradient"/> at one vector width (tests force each width through here).</summary>
    internal static void WeightGradient<TVector>(Span<float> dWeight, Span<float> dBias, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> input, Span<float> workspace,
        int batch, int inChannels, int inHeight, int inWidth, int outChannels, int padding)
        where TVector : struct, IVector<TVector>
    {
        Require.Positive(batch);
        var g = new WinogradGeometry(inChannels, inHeight, inWidth, outChannels, padding, forWeightGradient: true);
        Require.Exactly(dWeight.Length, nameof(dWeight), WeightShape(inChannels, outChannels));
        Require.Exactly(dBias.Length, nameof(dBias), new ExpectedLength("outChannels", outChannels));
        Require.Exactly(dOutput.Length, nameof(dOutput), new ExpectedLength("batch*outChannels*outHeight*outWidth", batch, outChannels, g.Conv.OutHeight, g.Conv.OutWidth));
        Require.Exactly(input.Length, nameof(input), new ExpectedLength("batch*inChannels*inHeight*inWidth", batch, inChannels, inHeight, inWidth));
        Require.AtLeast(workspace.Length, nameof(workspace), g.WeightGradientWorkspaceShape);

        // The forward layout (chunk scratch, then the filters' 16 matrices, here their gradients), then the gradient plane.
        Span<float> tiles = workspace[..g.TileLength];
        Span<float> gradients = workspace.Slice(g.TileLength, g.ProductLength);
        Span<float> plane = workspace.Slice(g.TileLength + g.ProductLength, g.PlaneLength);
        Span<float> filterGradients = workspace.Slice(g.ChunkWorkspaceLength, g.FilterLength);
        Span<float> gradientPlane = workspace.Slice(g.WorkspaceLength, g.GradientPlaneLength);

        // Only interiors are ever copied into the planes, so their borders stay zero: the input's padding, and the
        // column and row of zero gradient past an odd-sized output.
        plane.Clear();
        gradientPlane.Clear();
        int total = new ExpectedLength("batch*tilesPerExample", batch, g.TilesPerExample).Product;
        for (int first = 0; first < total; first += g.ChunkTiles)
        {
            int count = Math.Min(g.ChunkTiles, total - first);
            int tileStride = WinogradGeometry.PointStride(inChannels * count), gradientStride = WinogradGeometry.PointStride(outChannels * count);
            TransformInput<TVector>(tiles, tileStride, input, plane, g, first, count);
            TransformOutputGradient<TVector>(gradients, gradientStride, dOutput, gradientPlane, g, first, count);
            for (int point = 0; point < WinogradGeometry.Points; point++)
            {
                Gemm.MultiplyTransposedB<TVector>(
                    filterGradients.Slice(point * g.FilterStride, outChannels * inChannels),
                    gradients.Slice(point * gradientStride, outChannels * count),
                    tiles.Slice(point * tileStride, inChannels * count),
                    outChannels, inChannels, count, accumulate: first > 0);
            }
        }

        WinogradBackwardTransforms.Filters<TVector>(dWeight, filterGradients, g.FilterStride, outChannels * inChannels);

        int positions = g.Conv.OutHeight * g.Conv.OutWidth;
        dBias.Clear();
        for (int n = 0; n < batch; n++)
        {
            for (int o = 0; o < outChannels; o++)
            {
                dBias[o] += TensorPrimitives.Sum(dOutput.Slice((n * outChannels + o) * positions, positions));
            }
        }
    }

    // dM̃ (16 × (outC, count), pointStride apart) for tiles [first, first + count) of the batch, one example, channel and
    // tile row at a time. An even-sized output is read in place; an odd-sized one is copied into the gradient plane
    // first, whose zero column and row stand for the positions past the output that its partial tiles cover.
    private static void TransformOutputGradient<TVector>(Span<float> gradients, int pointStride, ReadOnlySpan<float> dOutput, Span<float> gradientPlane,
        in WinogradGeometry g, int first, int count)
        where TVector : struct, IVector<TVector>
    {
        ref float gradientBase = ref MemoryMarshal.GetReference(gradients);
        ref float outputGradient = ref MemoryMarshal.GetReference(dOutput);
        ref float planeBase = ref MemoryMarshal.GetReference(gradientPlane);
        int outChannels = g.Conv.OutChannels, outHeight = g.Conv.OutHeight, outWidth = g.Conv.OutWidth;
        int tileColumns = g.TileColumns, perExample = g.TilesPerExample;
        bool inPlace = outHeight % 2 == 0 && outWidth % 2 == 0;
        int rowStride = inPlace ? outWidth : 2 * tileColumns;
        int end = first + count;
        for (int example = first / perExample; example * perExample < end; example++)
        {
            int from = Math.Max(first - example * perExample, 0);
            int to = Math.Min(end - example * perExample, perExample);
            int firstTileRow = from / tileColumns, lastTileRow = (to - 1) / tileColumns;
            int firstRow = 2 * firstTileRow, endRow = Math.Min(2 * lastTileRow + 2, outHeight);
            for (int o = 0; o < outChannels; o++)
            {
                ref float channel = ref Unsafe.Add(ref outputGradient, ((nint)example * outChannels + o) * outHeight * outWidth);
                ref float source = ref channel;
                if (!inPlace)
                {
                    for (int y = firstRow; y < endRow; y++)
                    {
                        VectorRow.Copy<TVector>(ref Unsafe.Add(ref planeBase, (nint)y * rowStride), ref Unsafe.Add(ref channel, (nint)y * outWidth), outWidth);
                    }

                    source = ref planeBase;
                }

                ref float channelGradients = ref Unsafe.Add(ref gradientBase, (nint)o * count);
                for (int tileRow = firstTileRow; tileRow <= lastTileRow; tileRow++)
                {
                    int rowStart = Math.Max(from, tileRow * tileColumns), rowEnd = Math.Min(to, (tileRow + 1) * tileColumns);
                    int column = rowStart - tileRow * tileColumns;
                    int local = example * perExample + rowStart - first;
                    WinogradBackwardTransforms.GradientRow<TVector>(
                        ref Unsafe.Add(ref channelGradients, local), pointStride,
                        ref Unsafe.Add(ref source, (nint)2 * tileRow * rowStride + 2 * column), rowStride, rowEnd - rowStart);
                }
            }
        }
    }
}
