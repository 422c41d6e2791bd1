using System;
using System.Collections.Generic;
using StaticNets.Kernels;

namespace StaticNets.Runtime.Tests.Kernels;

public class WinogradWeightGradientTests
{
    private static readonly Lazy<IReadOnlyList<GradientCase>> Cases = new(BuildCases);

    [Fact]
    public void SweepCoversOddSizesPaddingsChannelsAndChunkSplits()
    {
        IReadOnlyList<GradientCase> cases = Cases.Value;
        Assert.Contains(cases, c => c.Shape.InHeight == 1 && c.Shape.InWidth == 1 && c.Shape.Padding == 1);
        Assert.Contains(cases, c => c.Shape.OutHeight % 2 == 1 && c.Shape.OutWidth % 2 == 1);
        Assert.Contains(cases, c => c.Shape.OutHeight % 2 == 0 && c.Shape.OutWidth % 2 == 1);
        Assert.Contains(cases, c => c.Shape.OutHeight % 2 == 1 && c.Shape.OutWidth % 2 == 0);
        foreach (int padding in (int[])[0, 1, 2])
        {
            Assert.Contains(cases, c => c.Shape.Padding == padding);
        }

        foreach (int batch in (int[])[1, 2, 3])
        {
            Assert.Contains(cases, c => c.Shape.Batch == batch);
        }

        Assert.Contains(cases, c => c.Shape.InChannels == 1);
        Assert.Contains(cases, c => c.Shape.InChannels == 17);
        Assert.Contains(cases, c => c.Shape.OutChannels == 17);

        // Several chunks whose last one is partial, and a chunk that ends inside a tile row and carries on into the next example.
        Assert.Contains(cases, c =>
        {
            var g = Geometry(c.Shape);
            int total = c.Shape.Batch * g.TilesPerExample;
            return total > g.ChunkTiles && total % g.ChunkTiles != 0 && g.ChunkTiles % g.TilesPerExample % g.TileColumns != 0;
        });
    }

    [Theory]
    [MemberData(nameof(VectorWidths.All), MemberType = typeof(VectorWidths))]
    public void WeightGradientMatchesFloat64ReferenceForEveryShape(int bits) => VectorWidths.Run(bits, new GradientCheck());

    [Fact]
    public void PublicWeightGradientMatchesTheBestWidth()
    {
        GradientCase c = Cases.Value[^1];
        GradientShape s = c.Shape;
        float[] expectedWeight = new float[s.WeightLength], actualWeight = new float[s.WeightLength];
        float[] expectedBias = new float[s.OutChannels], actualBias = new float[s.OutChannels];
        float[] workspace = new float[s.Workspace];
        WinogradConv2d.WeightGradient(actualWeight, actualBias, c.OutputGradient, c.Input, workspace, s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.Padding);
        switch (VectorDispatch.Best)
        {
            case VectorWidth.Bits512: WinogradConv2d.WeightGradient<Vector512Ops>(expectedWeight, expectedBias, c.OutputGradient, c.Input, workspace, s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.Padding); break;
            case VectorWidth.Bits256: WinogradConv2d.WeightGradient<Vector256Ops>(expectedWeight, expectedBias, c.OutputGradient, c.Input, workspace, s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.Padding); break;
            case VectorWidth.Bits128: WinogradConv2d.WeightGradient<Vector128Ops>(expectedWeight, expectedBias, c.OutputGradient, c.Input, workspace, s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.Padding); break;
            default: WinogradConv2d.WeightGradient<ScalarOps>(expectedWeight, expectedBias, c.OutputGradient, c.Input, workspace, s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.Padding); break;
        }

        Assert.Equal(expectedWeight, actualWeight);
        Assert.Equal(expectedBias, actualBias);
    }

    [Fact]
    public void WorkspaceHoldsFilterGradientsOneChunkAndTwoPlanes()
    {
        foreach ((int inC, int outC, int h, int w, int padding) in (ReadOnlySpan<(int, int, int, int, int)>)[(3, 32, 32, 32, 1), (128, 128, 8, 8, 1), (5, 7, 6, 9, 2), (2, 3, 5, 7, 0)])
        {
            var g = new WinogradGeometry(inC, h, w, outC, padding, forWeightGradient: true);
            Assert.InRange(g.ChunkTiles, 256, 512);
            int outH = h + 2 * padding - 2, outW = w + 2 * padding - 2;
            int tileRows = (outH + 1) / 2, tileColumns = (outW + 1) / 2;
            // Filter gradients, transformed input and output gradients of one chunk, the padded input plane, and the
            // output-gradient plane rounded up to even sizes.
            int expected = 16 * WinogradGeometry.PointStride(outC * inC) + 16 * WinogradGeometry.PointStride(inC * g.ChunkTiles) + 16 * WinogradGeometry.PointStride(outC * g.ChunkTiles)
                + (2 * tileRows + 2) * (2 * tileColumns + 2) + 2 * tileRows * 2 * tileColumns;
            Assert.Equal(expected, WinogradConv2d.WeightGradientWorkspaceLength(inC, outC, h, w, padding));
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => WinogradConv2d.WeightGradientWorkspaceLength(1, 1, 0, 3, 1));
    }

    [Fact]
    public void EveryWrongSpanLengthThrowsNamingTheExpectedLength()
    {
        // cifar's second convolution at batch 2: input and output (2, 32, 32, 32).
        const int Batch = 2, C = 32, H = 32, Padding = 1;
        int length = Batch * C * H * H, weight = C * C * 9, workspace = WinogradConv2d.WeightGradientWorkspaceLength(C, C, H, H, Padding);

        void Gradient(int dw, int db, int dy, int x, int ws) =>
            WinogradConv2d.WeightGradient(new float[dw], new float[db], new float[dy], new float[x], new float[ws], Batch, C, H, H, C, Padding);

        KernelAssert.ThrowsForLength("dWeight", "9216 floats (outChannels*inChannels*k*k = 32*32*3*3), got 9217.", () => Gradient(weight + 1, C, length, length, workspace));
        KernelAssert.ThrowsForLength("dBias", "32 floats (outChannels = 32), got 31.", () => Gradient(weight, C - 1, length, length, workspace));
        KernelAssert.ThrowsForLength("dOutput", "65536 floats (batch*outChannels*outHeight*outWidth = 2*32*32*32), got 65537.", () => Gradient(weight, C, length + 1, length, workspace));
        KernelAssert.ThrowsForLength("input", "65536 floats (batch*inChannels*inHeight*inWidth = 2*32*32*32), got 65535.", () => Gradient(weight, C, length, length - 1, workspace));
        KernelAssert.ThrowsForLength("workspace", $"at least {workspace} floats", () => Gradient(weight, C, length, length, workspace - 1));
    }

    [Fact]
    public void ShapesThatAreNotAConvolutionThrow()
    {
        static void Run(int batch, int inC, int h, int w, int outC, int padding) =>
            WinogradConv2d.WeightGradient(new float[Math.Max(outC * inC * 9, 0)], new float[Math.Max(outC, 0)], new float[1], new float[Math.Max(batch * inC * h * w, 0)], new float[1 << 16],
                batch, inC, h, w, outC, padding);

        var error = Assert.Throws<ArgumentException>(() => Run(1, 1, 2, 2, 1, 0));
        Assert.Equal("kernelSize", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Run(0, 1, 3, 3, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Run(1, 0, 3, 3, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Run(1, 1, 3, 3, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Run(1, 1, 3, 3, 1, -1));
    }

    [Fact]
    public void WeightGradientAllocatesNothingAfterWarmUp()
    {
        // cifar's 64→64 layer at batch 2: several chunks, tile rows of 8; and an odd output, which goes through the plane.
        foreach ((int c, int h) in (ReadOnlySpan<(int, int)>)[(64, 16), (5, 7)])
        {
            const int Batch = 2;
            var random = new Random(3);
            float[] input = KernelAssert.RandomFloats(random, Batch * c * h * h), outputGradient = KernelAssert.RandomFloats(random, Batch * c * h * h);
            float[] dWeight = new float[c * c * 9], dBias = new float[c];
            float[] workspace = new float[WinogradConv2d.WeightGradientWorkspaceLength(c, c, h, h, 1)];
            AllocationAssert.NothingAllocated(() => WinogradConv2d.WeightGradient(dWeight, dBias, outputGradient, input, workspace, Batch, c, h, h, c, 1), $"WinogradConv2d.WeightGradient {c}@{h}");
        }
    }

    private static WinogradGeometry Geometry(GradientShape s) => new(s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.Padding, forWeightGradient: true);

    internal readonly record struct GradientShape(int Batch, int InChannels, int InHeight, int InWidth, int OutChannels, int Padding)
    {
        public int OutHeight => InHeight + 2 * Padding - 2;
        public int OutWidth => InWidth + 2 * Padding - 2;
        public int InputLength => Batch * InChannels * InHeight * InWidth;
        public int OutputLength => Batch * OutChannels * OutHeight * OutWidth;
        public int WeightLength => OutChannels * InChannels * 9;
        public int Workspace => WinogradConv2d.WeightGradientWorkspaceLength(InChannels, OutChannels, InHeight, InWidth, Padding);
    }

    /// <summary>
    /// One shape with float inputs and output gradients, the float64 reference gradients, and the error magnitude of
    /// each weight and bias gradient.
    /// </summary>
    private sealed record GradientCase(GradientShape Shape, float[] Input, float[] OutputGradient, double[] WeightGradient, double[] BiasGradient,
        double[] WeightMagnitude, double[] BiasMagnitude);

    private static IReadOnlyList<GradientCase> BuildCases()
    {
        var shapes = new List<GradientShape>
        {
            new(1, 1, 1, 1, 1, 1),    // 1×1 input, padding 1: one partial tile, 8 of each filter's 9 taps in the padding
            new(3, 2, 5, 7, 3, 1),    // odd output both ways
            new(1, 17, 5, 7, 5, 0),   // 3×5 output
            new(3, 5, 6, 9, 17, 2),   // 8×11 output: even rows, odd columns, a wide padding
            new(2, 3, 7, 4, 2, 0),    // 5×2 output: odd rows, even columns
            new(1, 4, 3, 3, 2, 0),    // one output per channel
            new(2, 3, 2, 1, 4, 1),    // one column
            new(1, 1, 20, 30, 1, 1),  // long tile rows, all vector widths plus a remainder
            new(3, 7, 13, 4, 9, 2),
            new(2, 16, 9, 11, 16, 1),
            new(3, 2, 23, 29, 3, 1),     // 180 tiles per example, 512 per chunk: the first chunk ends mid-row of the third example, the second is partial
            new(3, 128, 15, 21, 129, 1), // 88 tiles per example, 256 per chunk: the same at 128 channels
        };

        // cifar's six 3×3 convolutions at batch 2.
        foreach ((int inC, int outC, int size) in (ReadOnlySpan<(int, int, int)>)[(3, 32, 32), (32, 32, 32), (32, 64, 16), (64, 64, 16), (64, 128, 8), (128, 128, 8)])
        {
            shapes.Add(new GradientShape(2, inC, size, size, outC, 1));
        }

        var random = new Random(23);
        var cases = new List<GradientCase>(shapes.Count);
        foreach (GradientShape s in shapes)
        {
            float[] input = KernelAssert.RandomFloats(random, s.InputLength);
            float[] outputGradient = KernelAssert.RandomFloats(random, s.OutputLength);
            var weightGradient = new double[s.WeightLength];
            var biasGradient = new double[s.OutChannels];
            Conv2dReference.Backward<double>(default, weightGradient, biasGradient, KernelAssert.ToDouble(outputGradient), KernelAssert.ToDouble(input), new double[s.WeightLength],
                s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, 3, 1, s.Padding);
            (double[] weightMagnitude, double[] biasMagnitude) = Magnitudes(s, input, outputGradient);
            cases.Add(new GradientCase(s, input, outputGradient, weightGradient, biasGradient, weightMagnitude, biasMagnitude));
        }

        return cases;
    }

    /// <summary>
    /// What the rounding error scales with. Weight gradient (o, c), for every tap alike:
    /// 4·Σ_n Σ_tiles (Σ_tile |dy[n, o]|)·(Σ_patch |x[n, c]|), over each 2×2 output tile and the 4×4 input patch it reads
    /// (positions past the output or the input count as zero). Bias gradient o: Σ |dy[n, o]|.
    /// </summary>
    /// <remarks>
    /// dg = Gᵀ[Σ_tiles (A dY Aᵀ) ⊙ (Bᵀ d B)]G combines every output gradient of a tile with every input of its patch,
    /// and the cross terms cancel only in exact arithmetic, so Σ|dy·x| over the taps' own pairs does not bound the
    /// error. With all coefficients made positive, the weight of |dy[a][b]|·|d[r][s]| in tap (p, q) is
    /// (Σᵢ |Gᵢₚ||Aᵢₐ||Bᵀᵢᵣ|)·(Σⱼ |Gⱼ_q||Aⱼ_b||Bᵀⱼₛ|), and each factor is at most 2 (e.g. p = 0, a = 0, r = 2:
    /// 1 + ½ + ½), hence the 4. Each term passes through 2 roundings in the input transform, 2 in the output-gradient
    /// transform, 1 product, at most T - 1 in the sum over the batch's T tiles (whatever the SGEMM's order and the
    /// chunking, a sum of T terms is a binary tree of T - 1 additions), and 4 in the filter transform (x0 + (x1 + x2)/2,
    /// twice): at most T + 8, so the test passes T + 9 terms to <see cref="KernelAssert.CloseToReference"/>, whose bound
    /// is 2·(terms + 2)·u·magnitude. The bias gradient is a plain sum of batch·outHeight·outWidth terms.
    /// </remarks>
    internal static (double[] Weight, double[] Bias) Magnitudes(GradientShape s, float[] input, float[] outputGradient)
    {
        int tileRows = (s.OutHeight + 1) / 2, tileColumns = (s.OutWidth + 1) / 2, tiles = tileRows * tileColumns;
        // Per example and tile: Σ|dy| over the tile for each output channel, Σ|x| over its patch for each input channel.
        var tileSums = new double[s.Batch * s.OutChannels * tiles];
        var patchSums = new double[s.Batch * s.InChannels * tiles];
        var bias = new double[s.OutChannels];
        for (int n = 0; n < s.Batch; n++)
        {
            for (int tile = 0; tile < tiles; tile++)
            {
                int top = 2 * (tile / tileColumns), left = 2 * (tile % tileColumns);
                for (int o = 0; o < s.OutChannels; o++)
                {
                    double sum = 0;
                    for (int y = top; y < Math.Min(top + 2, s.OutHeight); y++)
                    {
                        for (int x = left; x < Math.Min(left + 2, s.OutWidth); x++)
                        {
                            sum += Math.Abs((double)outputGradient[((n * s.OutChannels + o) * s.OutHeight + y) * s.OutWidth + x]);
                        }
                    }

                    tileSums[(n * s.OutChannels + o) * tiles + tile] = sum;
                    bias[o] += sum;
                }

                for (int c = 0; c < s.InChannels; c++)
                {
                    double sum = 0;
                    for (int y = Math.Max(top - s.Padding, 0); y < Math.Min(top + 4 - s.Padding, s.InHeight); y++)
                    {
                        for (int x = Math.Max(left - s.Padding, 0); x < Math.Min(left + 4 - s.Padding, s.InWidth); x++)
                        {
                            sum += Math.Abs((double)input[((n * s.InChannels + c) * s.InHeight + y) * s.InWidth + x]);
                        }
                    }

                    patchSums[(n * s.InChannels + c) * tiles + tile] = sum;
                }
            }
        }

        var weight = new double[s.WeightLength];
        for (int o = 0; o < s.OutChannels; o++)
        {
            for (int c = 0; c < s.InChannels; c++)
            {
                double sum = 0;
                for (int n = 0; n < s.Batch; n++)
                {
                    ReadOnlySpan<double> tileRow = tileSums.AsSpan((n * s.OutChannels + o) * tiles, tiles), patchRow = patchSums.AsSpan((n * s.InChannels + c) * tiles, tiles);
                    for (int tile = 0; tile < tiles; tile++)
                    {
                        sum += tileRow[tile] * patchRow[tile];
                    }
                }

                weight.AsSpan((o * s.InChannels + c) * 9, 9).Fill(4 * sum);
            }
        }

        return (weight, bias);
    }

    private readonly struct GradientCheck : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector>
        {
            foreach (GradientCase c in Cases.Value)
            {
                GradientShape s = c.Shape;
                // NaN everywhere first: every gradient must be overwritten, and no stale workspace float may be read.
                float[] dWeight = new float[s.WeightLength], dBias = new float[s.OutChannels];
                float[] workspace = new float[s.Workspace];
                Array.Fill(dWeight, float.NaN);
                Array.Fill(dBias, float.NaN);
                Array.Fill(workspace, float.NaN);
                WinogradConv2d.WeightGradient<TVector>(dWeight, dBias, c.OutputGradient, c.Input, workspace, s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.Padding);

                int tiles = s.Batch * ((s.OutHeight + 1) / 2) * ((s.OutWidth + 1) / 2);
                KernelAssert.CloseToReference(dWeight, c.WeightGradient, c.WeightMagnitude, tiles + 9, $"dWeight {s}");
                KernelAssert.CloseToReference(dBias, c.BiasGradient, c.BiasMagnitude, s.Batch * s.OutHeight * s.OutWidth, $"dBias {s}");
            }
        }
    }
}
