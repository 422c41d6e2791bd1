using System;
using System.Collections.Generic;
using StaticNets.Kernels;

namespace StaticNets.Runtime.Tests.Kernels;

public class WinogradConv2dTests
{
    private static readonly Lazy<IReadOnlyList<WinogradCase>> Cases = new(BuildCases);

    [Fact]
    public void SweepCoversOddSizesPaddingsChannelsAndChunkSplits()
    {
        IReadOnlyList<WinogradCase> cases = Cases.Value;
        Assert.Contains(cases, c => c.Shape.InHeight == 1 && c.Shape.InWidth == 1 && c.Shape.Padding == 1);
        Assert.Contains(cases, c => c.Shape.OutHeight % 2 == 1 && c.Shape.OutWidth % 2 == 1);
        Assert.Contains(cases, c => c.Shape.OutHeight % 2 == 0 && c.Shape.OutWidth % 2 == 1);
        foreach (int padding in (int[])[0, 1, 2])
        {
            Assert.Contains(cases, c => c.Shape.Padding == padding);
        }

        foreach (int batch in (int[])[1, 2, 3])
        {
            Assert.Contains(cases, c => c.Shape.Batch == batch);
        }

        Assert.Contains(cases, c => c.Shape.InChannels == 17);
        Assert.Contains(cases, c => c.Shape.OutChannels == 17);

        // A chunk that ends inside a tile row of one example and carries on into the next example.
        Assert.Contains(cases, c =>
        {
            var g = new WinogradGeometry(c.Shape.InChannels, c.Shape.InHeight, c.Shape.InWidth, c.Shape.OutChannels, c.Shape.Padding);
            return g.ChunkTiles < c.Shape.Batch * g.TilesPerExample && g.ChunkTiles % g.TilesPerExample % g.TileColumns != 0;
        });
    }

    [Theory]
    [MemberData(nameof(VectorWidths.All), MemberType = typeof(VectorWidths))]
    public void ForwardMatchesFloat64ReferenceForEveryShape(int bits) => VectorWidths.Run(bits, new ForwardCheck());

    [Theory]
    [MemberData(nameof(VectorWidths.All), MemberType = typeof(VectorWidths))]
    public void ForwardWithWeightsTransformedOnceIsForwardBitForBit(int bits) => VectorWidths.Run(bits, new TransformedCheck());

    [Fact]
    public void PublicForwardMatchesTheBestWidth()
    {
        WinogradCase c = Cases.Value[^1];
        WinogradShape s = c.Shape;
        float[] expected = new float[s.OutputLength], actual = new float[s.OutputLength];
        float[] workspace = new float[s.Workspace];
        WinogradConv2d.Forward(actual, c.Input, c.Weight, c.Bias, workspace, s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.Padding);
        switch (VectorDispatch.Best)
        {
            case VectorWidth.Bits512: WinogradConv2d.Forward<Vector512Ops>(expected, c.Input, c.Weight, c.Bias, workspace, s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.Padding); break;
            case VectorWidth.Bits256: WinogradConv2d.Forward<Vector256Ops>(expected, c.Input, c.Weight, c.Bias, workspace, s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.Padding); break;
            case VectorWidth.Bits128: WinogradConv2d.Forward<Vector128Ops>(expected, c.Input, c.Weight, c.Bias, workspace, s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.Padding); break;
            default: WinogradConv2d.Forward<ScalarOps>(expected, c.Input, c.Weight, c.Bias, workspace, s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.Padding); break;
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void SupportsOnlyThreeByThreeAtStrideOne()
    {
        Assert.True(WinogradConv2d.Supports(3, 1));
        Assert.False(WinogradConv2d.Supports(3, 2));
        Assert.False(WinogradConv2d.Supports(5, 1));
        Assert.False(WinogradConv2d.Supports(1, 1));
    }

    [Fact]
    public void WorkspaceHoldsFiltersOneChunkAndOnePaddedPlane()
    {
        // cifar's 32→32 layer at 32×32, padding 1: 16×16 tiles per example, a padded plane of 34×34.
        var g = new WinogradGeometry(32, 32, 32, 32, 1);
        int tiles = WinogradGeometry.PointStride(32 * g.ChunkTiles), products = WinogradGeometry.PointStride(32 * g.ChunkTiles);
        Assert.Equal(16 * (32 * 32 + 16) + 16 * tiles + 16 * products + 34 * 34, WinogradConv2d.WorkspaceLength(32, 32, 32, 32, 1));
        Assert.InRange(g.ChunkTiles, 64, 512);
    }

    [Fact]
    public void TransformedWorkspaceIsTheWorkspaceLessTheTransformedFilters()
    {
        foreach ((int inC, int outC, int size) in (ReadOnlySpan<(int, int, int)>)[(3, 32, 32), (32, 64, 16), (128, 128, 8), (5, 7, 3)])
        {
            Assert.Equal(16 * WinogradGeometry.PointStride(outC * inC), WinogradConv2d.TransformedWeightLength(inC, outC));
            Assert.Equal(WinogradConv2d.WorkspaceLength(inC, outC, size, size, 1),
                WinogradConv2d.TransformedWorkspaceLength(inC, outC, size, size, 1) + WinogradConv2d.TransformedWeightLength(inC, outC));
        }
    }

    [Fact]
    public void PointStridesHoldTheMatrixInAnOddNumberOfCacheLines()
    {
        for (int length = 1; length <= 5000; length++)
        {
            int stride = WinogradGeometry.PointStride(length);
            Assert.InRange(stride, length, length + 31);
            Assert.Equal(0, stride % 16);
            Assert.Equal(1, stride / 16 % 2);
        }
    }

    [Fact]
    public void EveryWrongSpanLengthThrowsNamingTheExpectedLength()
    {
        // cifar's second convolution at batch 2: input and output (2, 32, 32, 32).
        const int Batch = 2, C = 32, H = 32, Padding = 1;
        int length = Batch * C * H * H, weight = C * C * 9, workspace = WinogradConv2d.WorkspaceLength(C, C, H, H, Padding);

        void Forward(int o, int i, int w, int b, int ws) =>
            WinogradConv2d.Forward(new float[o], new float[i], new float[w], new float[b], new float[ws], Batch, C, H, H, C, Padding);

        KernelAssert.ThrowsForLength("output", "65536 floats (batch*outChannels*outHeight*outWidth = 2*32*32*32), got 65537.", () => Forward(length + 1, length, weight, C, workspace));
        KernelAssert.ThrowsForLength("input", "65536 floats (batch*inChannels*inHeight*inWidth = 2*32*32*32), got 65535.", () => Forward(length, length - 1, weight, C, workspace));
        KernelAssert.ThrowsForLength("weight", "9216 floats (outChannels*inChannels*k*k = 32*32*3*3), got 9217.", () => Forward(length, length, weight + 1, C, workspace));
        KernelAssert.ThrowsForLength("bias", "32 floats (outChannels = 32), got 31.", () => Forward(length, length, weight, C - 1, workspace));
        KernelAssert.ThrowsForLength("workspace", $"at least {workspace} floats", () => Forward(length, length, weight, C, workspace - 1));

        int transformed = WinogradConv2d.TransformedWeightLength(C, C), transformedWorkspace = WinogradConv2d.TransformedWorkspaceLength(C, C, H, H, Padding);
        void ForwardTransformed(int o, int i, int u, int b, int ws) =>
            WinogradConv2d.ForwardTransformed(new float[o], new float[i], new float[u], new float[b], new float[ws], Batch, C, H, H, C, Padding);
        void TransformWeights(int u, int w) => WinogradConv2d.TransformWeights(new float[u], new float[w], C, C);

        KernelAssert.ThrowsForLength("output", "65536 floats", () => ForwardTransformed(length - 1, length, transformed, C, transformedWorkspace));
        KernelAssert.ThrowsForLength("input", "65536 floats", () => ForwardTransformed(length, length + 1, transformed, C, transformedWorkspace));
        KernelAssert.ThrowsForLength("transformedWeight", "16640 floats (16*pointStride(outChannels*inChannels) = 16*1040), got 9216.", () => ForwardTransformed(length, length, weight, C, transformedWorkspace));
        KernelAssert.ThrowsForLength("bias", "32 floats", () => ForwardTransformed(length, length, transformed, C + 1, transformedWorkspace));
        KernelAssert.ThrowsForLength("workspace", $"at least {transformedWorkspace} floats", () => ForwardTransformed(length, length, transformed, C, transformedWorkspace - 1));
        KernelAssert.ThrowsForLength("transformedWeight", "16640 floats (16*pointStride(outChannels*inChannels) = 16*1040), got 16639.", () => TransformWeights(transformed - 1, weight));
        KernelAssert.ThrowsForLength("weight", "9216 floats (outChannels*inChannels*k*k = 32*32*3*3), got 16640.", () => TransformWeights(transformed, transformed));
    }

    [Fact]
    public void ShapesThatAreNotAConvolutionThrow()
    {
        static void Run(int batch, int inC, int h, int w, int outC, int padding) =>
            WinogradConv2d.Forward(new float[1], new float[Math.Max(batch * inC * h * w, 0)], new float[Math.Max(outC * inC * 9, 0)], new float[Math.Max(outC, 0)], new float[1 << 16], batch, inC, h, w, outC, padding);

        var error = Assert.Throws<ArgumentException>(() => Run(1, 1, 2, 2, 1, 0));
        Assert.Equal("kernelSize", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Run(0, 1, 3, 3, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Run(1, 0, 3, 3, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Run(1, 1, 3, 3, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Run(1, 1, 3, 3, 1, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => WinogradConv2d.WorkspaceLength(1, 1, 0, 3, 1));
    }

    [Fact]
    public void ForwardAllocatesNothingAfterWarmUp()
    {
        // cifar's 64→64 layer at batch 2: several chunks, tile rows of 8.
        const int Batch = 2, C = 64, H = 16;
        var random = new Random(3);
        float[] input = KernelAssert.RandomFloats(random, Batch * C * H * H), output = new float[input.Length];
        float[] weight = KernelAssert.RandomFloats(random, C * C * 9), bias = KernelAssert.RandomFloats(random, C);
        float[] workspace = new float[WinogradConv2d.WorkspaceLength(C, C, H, H, 1)];
        AllocationAssert.NothingAllocated(() => WinogradConv2d.Forward(output, input, weight, bias, workspace, Batch, C, H, H, C, 1), "WinogradConv2d.Forward");

        float[] transformed = new float[WinogradConv2d.TransformedWeightLength(C, C)];
        AllocationAssert.NothingAllocated(() => WinogradConv2d.TransformWeights(transformed, weight, C, C), "WinogradConv2d.TransformWeights");
        AllocationAssert.NothingAllocated(() => WinogradConv2d.ForwardTransformed(output, input, transformed, bias, workspace, Batch, C, H, H, C, 1), "WinogradConv2d.ForwardTransformed");
    }

    internal readonly record struct WinogradShape(int Batch, int InChannels, int InHeight, int InWidth, int OutChannels, int Padding)
    {
        public int OutHeight => InHeight + 2 * Padding - 2;
        public int OutWidth => InWidth + 2 * Padding - 2;
        public int InputLength => Batch * InChannels * InHeight * InWidth;
        public int OutputLength => Batch * OutChannels * OutHeight * OutWidth;
        public int WeightLength => OutChannels * InChannels * 9;
        public int Workspace => WinogradConv2d.WorkspaceLength(InChannels, OutChannels, InHeight, InWidth, Padding);
    }

    /// <summary>One shape with float inputs, its float64 reference output and the error magnitude of each output.</summary>
    private sealed record WinogradCase(WinogradShape Shape, float[] Input, float[] Weight, float[] Bias, double[] Output, double[] Magnitude);

    private static IReadOnlyList<WinogradCase> BuildCases()
    {
        var shapes = new List<WinogradShape>
        {
            new(1, 1, 1, 1, 1, 1),    // 1×1 input, padding 1: one partial tile, 8 of its 9 taps in the padding
            new(3, 2, 5, 7, 3, 1),    // odd output both ways
            new(1, 17, 5, 7, 5, 0),   // 3×5 output
            new(3, 5, 6, 9, 17, 2),   // 8×11 output: even rows, odd columns, a wide padding
            new(1, 4, 3, 3, 2, 0),    // one output per channel
            new(2, 3, 2, 1, 4, 1),    // one column
            new(1, 1, 20, 30, 1, 1),  // long tile rows, all vector widths plus a remainder
            new(3, 7, 13, 4, 9, 2),
            new(2, 16, 9, 11, 16, 1),
            new(3, 128, 11, 19, 129, 1), // 60 tiles per example but 64 per chunk: chunks end mid-row and span examples
        };

        // cifar's six 3×3 convolutions at batch 2.
        foreach ((int inC, int outC, int size) in (ReadOnlySpan<(int, int, int)>)[(3, 32, 32), (32, 32, 32), (32, 64, 16), (64, 64, 16), (64, 128, 8), (128, 128, 8)])
        {
            shapes.Add(new WinogradShape(2, inC, size, size, outC, 1));
        }

        var random = new Random(11);
        var cases = new List<WinogradCase>(shapes.Count);
        foreach (WinogradShape s in shapes)
        {
            float[] input = KernelAssert.RandomFloats(random, s.InputLength);
            float[] weight = KernelAssert.RandomFloats(random, s.WeightLength);
            float[] bias = KernelAssert.RandomFloats(random, s.OutChannels);
            var output = new double[s.OutputLength];
            Conv2dReference.Forward<double>(output, KernelAssert.ToDouble(input), KernelAssert.ToDouble(weight), KernelAssert.ToDouble(bias),
                s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, 3, 1, s.Padding);
            cases.Add(new WinogradCase(s, input, weight, bias, output, Magnitude(s, input, weight, bias)));
        }

        return cases;
    }

    /// <summary>
    /// What F(2×2,3×3)'s rounding error scales with, per output: 4·Σ_c (Σ_taps |w[o,c]|)·(Σ_window |x[c]|) + |bias[o]|.
    /// </summary>
    /// <remarks>
    /// Σ|w·x| alone does not bound it: the transforms multiply sums of inputs by sums of taps (e.g. (d1 + d2)(g0 + g1 + g2)/2),
    /// so every tap meets every input of the 3×3 window, and the cross terms cancel only in exact arithmetic. Expanding
    /// Y = Aᵀ[(G g Gᵀ) ⊙ (Bᵀ d B)]A with all coefficients made positive, each |tap|·|input| product of one channel appears
    /// with weight at most 2 per axis (e.g. |G₀₀||Bᵀ₀₂| + |G₁₀||Bᵀ₁₂| + |G₂₀||Bᵀ₂₂| = 1 + ½ + ½), hence the 4. Each term
    /// passes through at most 4 roundings in the filter transform, 2 in the input transform, 1 product, inC in the
    /// channel sum and 4 in the output transform with the bias, so |error| &lt;= (inC + 11)·u·magnitude to first order;
    /// the test passes inC + 10 terms to <see cref="KernelAssert.CloseToReference"/>, whose bound is 2·(inC + 12)·u·magnitude.
    /// </remarks>
    internal static double[] Magnitude(WinogradShape s, float[] input, float[] weight, float[] bias)
    {
        // A convolution of |x| whose every tap is Σ_taps |w[o,c]| sums exactly Σ_c (Σ_taps |w|)(Σ_window |x|).
        var tapSums = new double[s.WeightLength];
        for (int filter = 0; filter < s.OutChannels * s.InChannels; filter++)
        {
            double sum = 0;
            for (int t = 0; t < 9; t++)
            {
                sum += Math.Abs((double)weight[filter * 9 + t]);
            }

            tapSums.AsSpan(filter * 9, 9).Fill(4 * sum);
        }

        var magnitude = new double[s.OutputLength];
        Conv2dReference.Forward<double>(magnitude, KernelAssert.Abs(KernelAssert.ToDouble(input)), tapSums, KernelAssert.Abs(KernelAssert.ToDouble(bias)),
            s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, 3, 1, s.Padding);
        return magnitude;
    }

    private readonly struct TransformedCheck : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector>
        {
            foreach (WinogradCase c in Cases.Value)
            {
                WinogradShape s = c.Shape;
                float[] expected = new float[s.OutputLength], actual = new float[s.OutputLength];
                WinogradConv2d.Forward<TVector>(expected, c.Input, c.Weight, c.Bias, new float[s.Workspace], s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.Padding);

                float[] transformed = new float[WinogradConv2d.TransformedWeightLength(s.InChannels, s.OutChannels)];
                float[] workspace = new float[WinogradConv2d.TransformedWorkspaceLength(s.InChannels, s.OutChannels, s.InHeight, s.InWidth, s.Padding)];
                Array.Fill(actual, float.NaN);
                Array.Fill(workspace, float.NaN);
                WinogradConv2d.TransformWeights<TVector>(transformed, c.Weight, s.InChannels, s.OutChannels);
                WinogradConv2d.ForwardTransformed<TVector>(actual, c.Input, transformed, c.Bias, workspace, s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.Padding);
                Assert.Equal(expected, actual);
            }
        }
    }

    private readonly struct ForwardCheck : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector>
        {
            foreach (WinogradCase c in Cases.Value)
            {
                WinogradShape s = c.Shape;
                // NaN everywhere first: every output must be written, and no stale workspace float may be read.
                float[] output = new float[s.OutputLength];
                float[] workspace = new float[s.Workspace];
                Array.Fill(output, float.NaN);
                Array.Fill(workspace, float.NaN);
                WinogradConv2d.Forward<TVector>(output, c.Input, c.Weight, c.Bias, workspace, s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.Padding);
                KernelAssert.CloseToReference(output, c.Output, c.Magnitude, s.InChannels + 10, $"output {s}");
            }
        }
    }
}
