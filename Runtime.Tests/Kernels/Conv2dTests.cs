using System;
using System.Collections.Generic;
using StaticNets.Kernels;

namespace StaticNets.Runtime.Tests.Kernels;

public class Conv2dTests
{
    private static readonly Lazy<IReadOnlyList<ConvCase>> Cases = new(BuildCases);

    [Fact]
    public void SweepCoversOddShapesStridesAndPaddings()
    {
        IReadOnlyList<ConvCase> cases = Cases.Value;
        Assert.True(cases.Count > 100, $"only {cases.Count} shapes");
        Assert.Contains(cases, c => c.Shape.Stride == 3 && c.Shape.Padding == 2 && c.Shape.KernelSize == 5);
        Assert.Contains(cases, c => c.Shape.InHeight != c.Shape.InWidth);
        Assert.Contains(cases, c => c.Shape.KernelSize == 1 && c.Shape.Stride == 1 && c.Shape.Padding == 0);
    }

    [Theory]
    [MemberData(nameof(VectorWidths.All), MemberType = typeof(VectorWidths))]
    public void ForwardMatchesFloat64ReferenceForEveryShape(int bits) => VectorWidths.Run(bits, new ForwardCheck());

    [Theory]
    [MemberData(nameof(VectorWidths.All), MemberType = typeof(VectorWidths))]
    public void BackwardMatchesFloat64ReferenceForEveryShape(int bits) => VectorWidths.Run(bits, new BackwardCheck());

    [Theory]
    [InlineData(2, 2, 5, 5, 3, 3, 2, 1)]
    [InlineData(1, 3, 6, 4, 2, 3, 1, 0)]
    [InlineData(2, 1, 4, 4, 2, 1, 1, 0)]
    [InlineData(1, 2, 7, 7, 2, 5, 3, 2)]
    public void ReferenceBackwardMatchesCentredDifferences(int batch, int inChannels, int inHeight, int inWidth, int outChannels, int kernelSize, int stride, int padding)
    {
        var s = new ConvShape(batch, inChannels, inHeight, inWidth, outChannels, kernelSize, stride, padding);
        var random = new Random(7);
        double[] input = KernelAssert.RandomDoubles(random, s.InputLength);
        double[] weight = KernelAssert.RandomDoubles(random, s.WeightLength);
        double[] bias = KernelAssert.RandomDoubles(random, outChannels);
        double[] r = KernelAssert.RandomDoubles(random, s.OutputLength);
        var output = new double[s.OutputLength];
        double Loss()
        {
            Conv2dReference.Forward<double>(output, input, weight, bias, batch, inChannels, inHeight, inWidth, outChannels, kernelSize, stride, padding);
            return KernelAssert.Dot(r, output);
        }

        // L = Σ r ⊙ conv(x), so dL/d(output) = r.
        var dInput = new double[s.InputLength];
        var dWeight = new double[s.WeightLength];
        var dBias = new double[outChannels];
        Conv2dReference.Backward<double>(dInput, dWeight, dBias, r, input, weight, batch, inChannels, inHeight, inWidth, outChannels, kernelSize, stride, padding);

        KernelAssert.GradientMatchesCentredDifferences(input, dInput, Loss, "dInput");
        KernelAssert.GradientMatchesCentredDifferences(weight, dWeight, Loss, "dWeight");
        KernelAssert.GradientMatchesCentredDifferences(bias, dBias, Loss, "dBias");
    }

    [Fact]
    public void BackwardWithEmptyInputGradientStillWritesWeightAndBiasGradients()
    {
        ConvCase c = Cases.Value[5];
        ConvShape s = c.Shape;
        var withInput = (dInput: new float[s.InputLength], dWeight: new float[s.WeightLength], dBias: new float[s.OutChannels]);
        var without = (dWeight: new float[s.WeightLength], dBias: new float[s.OutChannels]);
        float[] workspace = new float[s.Workspace];
        Conv2d.Backward(withInput.dInput, withInput.dWeight, withInput.dBias, c.DOutput, c.Input, c.Weight, workspace, s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.KernelSize, s.Stride, s.Padding);
        Conv2d.Backward([], without.dWeight, without.dBias, c.DOutput, c.Input, c.Weight, workspace, s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.KernelSize, s.Stride, s.Padding);
        Assert.Equal(withInput.dWeight, without.dWeight);
        Assert.Equal(withInput.dBias, without.dBias);
    }

    [Fact]
    public void OutputsAreOverwrittenNotAccumulated()
    {
        ConvCase c = Cases.Value[11];
        ConvShape s = c.Shape;
        float[] output = new float[s.OutputLength];
        float[] dInput = new float[s.InputLength], dWeight = new float[s.WeightLength], dBias = new float[s.OutChannels];
        float[] workspace = new float[s.Workspace + 17];
        for (int pass = 0; pass < 2; pass++)
        {
            Array.Fill(output, float.NaN);
            Array.Fill(dInput, float.NaN);
            Array.Fill(dWeight, float.NaN);
            Array.Fill(dBias, float.NaN);
            Array.Fill(workspace, float.NaN);
            Conv2d.Forward(output, c.Input, c.Weight, c.Bias, workspace, s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.KernelSize, s.Stride, s.Padding);
            Conv2d.Backward(dInput, dWeight, dBias, c.DOutput, c.Input, c.Weight, workspace, s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.KernelSize, s.Stride, s.Padding);
            Assert.All(output, v => Assert.True(float.IsFinite(v)));
            Assert.All(dInput, v => Assert.True(float.IsFinite(v)));
            Assert.All(dWeight, v => Assert.True(float.IsFinite(v)));
            Assert.All(dBias, v => Assert.True(float.IsFinite(v)));
        }
    }

    [Fact]
    public void ValidOutputRangesAreExactlyThePositionsWhoseTapLandsInsideTheInput()
    {
        // im2col clears [0, start) and [end, out) and copies [start, end): the range must be exact and within the row.
        for (int size = 1; size <= 9; size++)
        {
            for (int k = 1; k <= 5; k++)
            {
                for (int stride = 1; stride <= 3; stride++)
                {
                    for (int padding = 0; padding <= 3; padding++)
                    {
                        int span = size + 2 * padding - k;
                        if (span < 0 || span % stride != 0)
                        {
                            continue;
                        }

                        var g = new ConvGeometry(1, size, size, 1, k, stride, padding);
                        for (int tap = 0; tap < k; tap++)
                        {
                            (int start, int end) = g.ValidOutputColumns(tap);
                            Assert.Equal((start, end), g.ValidOutputRows(tap));
                            Assert.InRange(start, 0, end);
                            Assert.InRange(end, start, g.OutWidth);
                            for (int o = 0; o < g.OutWidth; o++)
                            {
                                int i = o * stride - padding + tap;
                                Assert.Equal(i >= 0 && i < size, o >= start && o < end);
                            }
                        }
                    }
                }
            }
        }
    }

    [Fact]
    public void WorkspaceLengthCoversTheColumnMatrixAndEveryFastKernel()
    {
        // lenet5's layers: at least one example's column matrix (im2col) and the direct kernel's padded planes, for
        // the forward pass and for the input gradient (turned filters in the shared region, 16x14x14 padded by 4).
        Assert.True(Conv2d.WorkspaceLength(1, 28, 28, 6, 5, 1, 2) >= 1 * 5 * 5 * 28 * 28);
        Assert.True(Conv2d.WorkspaceLength(6, 14, 14, 16, 5, 1, 0) >= 6 * 5 * 5 * 10 * 10 + 16 * 6 * 5 * 5 + 6);
        Assert.True(Conv2d.WorkspaceLength(6, 14, 14, 16, 5, 1, 0) >= 16 * 6 * 5 * 5 + 6 + DirectConv2d.WorkspaceLength(16, 10, 10, 4));

        // cifar's 32->32 layer: Winograd's transformed filters plus its per-chunk scratch, for both directions.
        Assert.True(Conv2d.WorkspaceLength(32, 32, 32, 32, 3, 1, 1) >= WinogradConv2d.WorkspaceLength(32, 32, 32, 32, 1));

        // A strided layer has only im2col: exactly one column matrix.
        Assert.Equal(3 * 3 * 3 * 5 * 5, Conv2d.WorkspaceLength(3, 11, 11, 8, 3, 2, 0));
    }

    [Fact]
    public void WrongWeightLengthNamesTheExpectedLength()
    {
        var error = Assert.Throws<ArgumentException>(() => Conv2d.Forward(new float[6 * 28 * 28], new float[28 * 28], new float[149], new float[6], new float[Conv2d.WorkspaceLength(1, 28, 28, 6, 5, 1, 2)], 1, 1, 28, 28, 6, 5, 1, 2));
        Assert.Equal("weight", error.ParamName);
        Assert.StartsWith("weight must hold 150 floats (outChannels*inChannels*k*k = 6*1*5*5), got 149.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryWrongSpanLengthThrowsNamingTheSpan()
    {
        // LeNet-5's second convolution, batch 2: input (2, 6, 14, 14), output (2, 16, 10, 10).
        const int Batch = 2, InC = 6, H = 14, OutC = 16, K = 5, OutH = 10;
        int input = Batch * InC * H * H, output = Batch * OutC * OutH * OutH, weight = OutC * InC * K * K, workspace = Conv2d.WorkspaceLength(InC, H, H, OutC, K, 1, 0);

        void Forward(int o, int i, int w, int b, int ws) =>
            Conv2d.Forward(new float[o], new float[i], new float[w], new float[b], new float[ws], Batch, InC, H, H, OutC, K, 1, 0);
        void Backward(int di, int dw, int db, int dout, int i, int w, int ws) =>
            Conv2d.Backward(new float[di], new float[dw], new float[db], new float[dout], new float[i], new float[w], new float[ws], Batch, InC, H, H, OutC, K, 1, 0);

        KernelAssert.ThrowsForLength("output", "3200 floats (batch*outChannels*outHeight*outWidth = 2*16*10*10), got 3201.", () => Forward(output + 1, input, weight, OutC, workspace));
        KernelAssert.ThrowsForLength("input", "2352 floats", () => Forward(output, input - 1, weight, OutC, workspace));
        KernelAssert.ThrowsForLength("bias", "16 floats", () => Forward(output, input, weight, OutC + 1, workspace));
        KernelAssert.ThrowsForLength("workspace", $"at least {workspace} floats", () => Forward(output, input, weight, OutC, workspace - 1));
        KernelAssert.ThrowsForLength("dInput", "2352 floats (batch*inChannels*inHeight*inWidth = 2*6*14*14) or be empty", () => Backward(input + 1, weight, OutC, output, input, weight, workspace));
        KernelAssert.ThrowsForLength("dWeight", "2400 floats (outChannels*inChannels*k*k = 16*6*5*5)", () => Backward(input, weight - 1, OutC, output, input, weight, workspace));
        KernelAssert.ThrowsForLength("dBias", "16 floats", () => Backward(input, weight, OutC - 1, output, input, weight, workspace));
        KernelAssert.ThrowsForLength("dOutput", "3200 floats (batch*outChannels*outHeight*outWidth = 2*16*10*10), got 3199.", () => Backward(input, weight, OutC, output - 1, input, weight, workspace));
        KernelAssert.ThrowsForLength("input", "2352 floats", () => Backward(input, weight, OutC, output, input + 1, weight, workspace));
        KernelAssert.ThrowsForLength("weight", "2400 floats", () => Backward(input, weight, OutC, output, input, weight + 1, workspace));
        KernelAssert.ThrowsForLength("workspace", $"at least {workspace} floats", () => Backward(input, weight, OutC, output, input, weight, 0));
    }

    [Fact]
    public void StrideThatDoesNotTileTheInputThrows()
    {
        // (28 + 2*0 - 5) = 23 is not a multiple of 2 (notes §5.1).
        var error = Assert.Throws<ArgumentException>(() => RunForward(1, 1, 28, 28, 1, 5, 2, 0));
        Assert.Equal("stride", error.ParamName);
        Assert.Contains("inHeight + 2*padding - size = 28 + 2*0 - 5 = 23", error.Message, StringComparison.Ordinal);

        error = Assert.Throws<ArgumentException>(() => RunForward(1, 1, 3, 3, 1, 5, 1, 0));
        Assert.Equal("kernelSize", error.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => RunForward(1, 0, 3, 3, 1, 1, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => RunForward(1, 1, 3, 3, 1, 1, 1, -1));
        Assert.Throws<ArgumentOutOfRangeException>(() => RunForward(0, 1, 3, 3, 1, 1, 1, 0));
    }

    private static void RunForward(int batch, int inC, int h, int w, int outC, int k, int stride, int padding) =>
        Conv2d.Forward(new float[1], new float[batch * inC * h * w], new float[outC * inC * k * k], new float[outC], new float[1 << 16], batch, inC, h, w, outC, k, stride, padding);

    internal readonly record struct ConvShape(int Batch, int InChannels, int InHeight, int InWidth, int OutChannels, int KernelSize, int Stride, int Padding)
    {
        public int OutHeight => Conv2dReference.OutputSize(InHeight, KernelSize, Stride, Padding);
        public int OutWidth => Conv2dReference.OutputSize(InWidth, KernelSize, Stride, Padding);
        public int InputLength => Batch * InChannels * InHeight * InWidth;
        public int OutputLength => Batch * OutChannels * OutHeight * OutWidth;
        public int WeightLength => OutChannels * InChannels * KernelSize * KernelSize;
        public int Workspace => Conv2d.WorkspaceLength(InChannels, InHeight, InWidth, OutChannels, KernelSize, Stride, Padding);
    }

    /// <summary>One shape with float inputs and its float64 reference results and magnitudes (the same sums over |terms|).</summary>
    private sealed record ConvCase(ConvShape Shape, float[] Input, float[] Weight, float[] Bias, float[] DOutput,
        double[] Output, double[] OutputMagnitude, double[] DInput, double[] DInputMagnitude, double[] DWeight, double[] DWeightMagnitude, double[] DBias, double[] DBiasMagnitude);

    private static IReadOnlyList<ConvCase> BuildCases()
    {
        int[] sizes = [1, 3, 7, 13, 28];
        var shapes = new List<ConvShape>
        {
            new(2, 1, 28, 28, 6, 5, 1, 2),  // LeNet-5 conv1
            new(2, 6, 14, 14, 16, 5, 1, 0), // LeNet-5 conv2
        };
        int index = 0;
        for (int h = 0; h < sizes.Length; h++)
        {
            foreach (int width in (int[])[sizes[h], sizes[(h + 1) % sizes.Length]])
            {
                int height = sizes[h];
                foreach (int k in (int[])[1, 3, 5])
                {
                    foreach (int stride in (int[])[1, 2, 3])
                    {
                        foreach (int padding in (int[])[0, 1, 2])
                        {
                            int spanH = height + 2 * padding - k, spanW = width + 2 * padding - k;
                            if (spanH < 0 || spanW < 0 || spanH % stride != 0 || spanW % stride != 0)
                            {
                                continue;
                            }

                            // Channels 1..5 and batch 1..3 cycle through the shapes rather than multiplying their number.
                            index++;
                            shapes.Add(new ConvShape(1 + index % 3, 1 + index % 5, height, width, 1 + index * 3 % 5, k, stride, padding));
                        }
                    }
                }
            }
        }

        var random = new Random(42);
        var cases = new List<ConvCase>(shapes.Count);
        foreach (ConvShape s in shapes)
        {
            float[] input = KernelAssert.RandomFloats(random, s.InputLength);
            float[] weight = KernelAssert.RandomFloats(random, s.WeightLength);
            float[] bias = KernelAssert.RandomFloats(random, s.OutChannels);
            float[] dOutput = KernelAssert.RandomFloats(random, s.OutputLength);
            var (output, outputMagnitude) = (new double[s.OutputLength], new double[s.OutputLength]);
            var (dInput, dInputMagnitude) = (new double[s.InputLength], new double[s.InputLength]);
            var (dWeight, dWeightMagnitude) = (new double[s.WeightLength], new double[s.WeightLength]);
            var (dBias, dBiasMagnitude) = (new double[s.OutChannels], new double[s.OutChannels]);
            Reference(s, output, dInput, dWeight, dBias, KernelAssert.ToDouble(input), KernelAssert.ToDouble(weight), KernelAssert.ToDouble(bias), KernelAssert.ToDouble(dOutput));
            Reference(s, outputMagnitude, dInputMagnitude, dWeightMagnitude, dBiasMagnitude,
                KernelAssert.Abs(KernelAssert.ToDouble(input)), KernelAssert.Abs(KernelAssert.ToDouble(weight)), KernelAssert.Abs(KernelAssert.ToDouble(bias)), KernelAssert.Abs(KernelAssert.ToDouble(dOutput)));
            cases.Add(new ConvCase(s, input, weight, bias, dOutput, output, outputMagnitude, dInput, dInputMagnitude, dWeight, dWeightMagnitude, dBias, dBiasMagnitude));
        }

        return cases;
    }

    private static void Reference(ConvShape s, double[] output, double[] dInput, double[] dWeight, double[] dBias, double[] input, double[] weight, double[] bias, double[] dOutput)
    {
        Conv2dReference.Forward<double>(output, input, weight, bias, s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.KernelSize, s.Stride, s.Padding);
        Conv2dReference.Backward<double>(dInput, dWeight, dBias, dOutput, input, weight, s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.KernelSize, s.Stride, s.Padding);
    }

    private readonly struct ForwardCheck : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector>
        {
            foreach (ConvCase c in Cases.Value)
            {
                ConvShape s = c.Shape;
                float[] output = new float[s.OutputLength];
                float[] workspace = new float[s.Workspace];
                Conv2d.Forward<TVector>(output, c.Input, c.Weight, c.Bias, workspace, s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.KernelSize, s.Stride, s.Padding);
                KernelAssert.CloseToReference(output, c.Output, c.OutputMagnitude, s.InChannels * s.KernelSize * s.KernelSize, $"output {s}");
            }
        }
    }

    private readonly struct BackwardCheck : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector>
        {
            foreach (ConvCase c in Cases.Value)
            {
                ConvShape s = c.Shape;
                float[] dInput = new float[s.InputLength], dWeight = new float[s.WeightLength], dBias = new float[s.OutChannels];
                float[] workspace = new float[s.Workspace];
                Conv2d.Backward<TVector>(dInput, dWeight, dBias, c.DOutput, c.Input, c.Weight, workspace, s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.KernelSize, s.Stride, s.Padding);
                int positions = s.Batch * s.OutHeight * s.OutWidth;
                KernelAssert.CloseToReference(dWeight, c.DWeight, c.DWeightMagnitude, positions, $"dWeight {s}");
                KernelAssert.CloseToReference(dBias, c.DBias, c.DBiasMagnitude, positions, $"dBias {s}");
                KernelAssert.CloseToReference(dInput, c.DInput, c.DInputMagnitude, s.OutChannels * s.KernelSize * s.KernelSize, $"dInput {s}");
            }
        }
    }
}
