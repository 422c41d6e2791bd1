using System;
using StaticNets.Kernels;

namespace StaticNets.Runtime.Tests.Kernels;

/// <summary>
/// Which algorithm each convolution takes, and that the Winograd paths Conv2d routes through (forward, and the input
/// gradient as a forward convolution with turned filters) match the float64 reference at every vector width.
/// </summary>
public class ConvPlanTests
{
    [Fact]
    public void ReferenceLayersTakeTheMeasuredFastestPath()
    {
        const int Avx512 = 16;
        Assert.Equal(ConvAlgorithm.Direct, Plan(64, 3, 32, 32, 3, 1, 1).Forward);        // cifar conv1: 3 channels, too thin for Winograd
        Assert.Equal(ConvAlgorithm.Winograd, Plan(64, 32, 32, 32, 3, 1, 1).Forward);     // cifar conv2
        Assert.Equal(ConvAlgorithm.Winograd, Plan(64, 128, 8, 128, 3, 1, 1).Forward);    // cifar conv6 at batch 64
        Assert.Equal(ConvAlgorithm.Im2ColGemm, Plan(1, 128, 8, 128, 3, 1, 1).Forward);   // ... at batch 1: 64 positions, half-empty vectors
        Assert.Equal(ConvAlgorithm.Direct, Plan(1, 1, 28, 6, 5, 1, 2).Forward);          // lenet5 conv1
        Assert.Equal(ConvAlgorithm.Direct, Plan(1, 6, 14, 16, 5, 1, 0).Forward);         // lenet5 conv2
        Assert.Equal(ConvAlgorithm.Im2ColGemm, Plan(8, 3, 11, 8, 3, 2, 0).Forward);      // strided

        ConvPlan cifar2 = Plan(64, 32, 32, 32, 3, 1, 1);
        Assert.True(cifar2.InputGradientByForward);
        Assert.Equal(ConvAlgorithm.Winograd, cifar2.WeightGradient);
        Assert.Equal(ConvAlgorithm.Im2ColGemm, Plan(64, 3, 32, 32, 3, 1, 1).WeightGradient);  // cifar conv1: 3 channels
        Assert.Equal(ConvAlgorithm.Direct, Plan(64, 6, 14, 16, 5, 1, 0).WeightGradient);      // lenet5 conv2: 5x5
        Assert.Equal(ConvAlgorithm.Winograd, cifar2.InputGradientAlgorithm);
        Assert.False(Plan(64, 6, 14, 16, 5, 1, 0).InputGradientByForward);             // lenet5 conv2: the turned convolution would be mostly padding
        ConvPlan lenet1 = Plan(64, 1, 28, 6, 5, 1, 2);
        Assert.True(lenet1.InputGradientByForward);
        Assert.Equal(ConvAlgorithm.Direct, lenet1.InputGradientAlgorithm);              // 6 -> 1 channel, 28 wide, padded by 2
        Assert.False(Plan(8, 3, 11, 8, 3, 2, 0).InputGradientByForward);                // strided: col2im

        static ConvPlan Plan(int batch, int inC, int size, int outC, int k, int stride, int padding) =>
            new(new ConvGeometry(inC, size, size, outC, k, stride, padding), batch, Avx512);
    }

    // (batch, inC, h, w, outC, padding), 3x3 stride 1: Winograd forward where inC >= 16, Winograd input gradient where
    // outC >= 16; odd sizes, paddings 0-2, a cifar shape.
    public static TheoryData<int, int, int, int, int, int, int> WinogradShapes()
    {
        var data = new TheoryData<int, int, int, int, int, int, int>();
        foreach (int bits in new[] { 512, 256, 128, 32 })
        {
            data.Add(bits, 2, 16, 12, 12, 8, 1);
            data.Add(bits, 3, 8, 13, 9, 16, 1);
            data.Add(bits, 1, 20, 16, 16, 17, 2);
            data.Add(bits, 4, 17, 11, 10, 18, 0);
            data.Add(bits, 4, 64, 8, 8, 128, 1);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WinogradShapes))]
    public void WinogradPathsMatchFloat64Reference(int bits, int batch, int inC, int h, int w, int outC, int padding) =>
        VectorWidths.Run(bits, new WinogradCheck(batch, inC, h, w, outC, padding));

    private readonly record struct WinogradCheck(int Batch, int InC, int H, int W, int OutC, int Padding) : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector>
        {
            var g = new ConvGeometry(InC, H, W, OutC, 3, 1, Padding);
            var plan = new ConvPlan(g, Batch, TVector.Count);
            Assert.True(plan.Forward == ConvAlgorithm.Winograd || plan.InputGradientAlgorithm == ConvAlgorithm.Winograd, "the shape must exercise a Winograd path");

            var random = new Random(InC * 31 + OutC);
            float[] input = KernelAssert.RandomFloats(random, Batch * g.InputLength);
            float[] weight = KernelAssert.RandomFloats(random, OutC * g.ColumnRows);
            float[] bias = KernelAssert.RandomFloats(random, OutC);
            float[] dOutput = KernelAssert.RandomFloats(random, Batch * g.OutputLength);
            var output = new double[Batch * g.OutputLength];
            var dInput = new double[input.Length];
            var dWeight = new double[weight.Length];
            var dBias = new double[OutC];
            Conv2dReference.Forward<double>(output, KernelAssert.ToDouble(input), KernelAssert.ToDouble(weight), KernelAssert.ToDouble(bias), Batch, InC, H, W, OutC, 3, 1, Padding);
            Conv2dReference.Backward<double>(dInput, dWeight, dBias, KernelAssert.ToDouble(dOutput), KernelAssert.ToDouble(input), KernelAssert.ToDouble(weight), Batch, InC, H, W, OutC, 3, 1, Padding);

            float[] workspace = new float[Conv2d.WorkspaceLength(InC, H, W, OutC, 3, 1, Padding)];
            Array.Fill(workspace, float.NaN);
            float[] actualOutput = new float[output.Length];
            Conv2d.Forward<TVector>(actualOutput, input, weight, bias, workspace, Batch, InC, H, W, OutC, 3, 1, Padding);
            // Winograd's error bound and its derivation are WinogradConv2dTests' (and WinogradWeightGradientTests' for the
            // weight gradient); each is at least Σ|w||x|, so it also bounds the paths a narrower width may take.
            var shape = new WinogradConv2dTests.WinogradShape(Batch, InC, H, W, OutC, Padding);
            KernelAssert.CloseToReference(actualOutput, output, WinogradConv2dTests.Magnitude(shape, input, weight, bias), InC + 10, $"output {this}");

            float[] actualDInput = new float[input.Length], actualDWeight = new float[weight.Length], actualDBias = new float[OutC];
            Array.Fill(workspace, float.NaN);
            Conv2d.Backward<TVector>(actualDInput, actualDWeight, actualDBias, dOutput, input, weight, workspace, Batch, InC, H, W, OutC, 3, 1, Padding);
            ConvGeometry turned = ConvPlan.GradientGeometry(g);
            float[] turnedWeight = new float[weight.Length];
            FlippedFilters.Write(turnedWeight, weight, OutC, InC, 3);
            var turnedShape = new WinogradConv2dTests.WinogradShape(Batch, turned.InChannels, turned.InHeight, turned.InWidth, turned.OutChannels, turned.Padding);
            KernelAssert.CloseToReference(actualDInput, dInput, WinogradConv2dTests.Magnitude(turnedShape, dOutput, turnedWeight, new float[InC]), OutC + 10, $"dInput {this}");
            int tiles = Batch * ((g.OutHeight + 1) / 2) * ((g.OutWidth + 1) / 2);
            (double[] weightMagnitude, double[] biasMagnitude) = WinogradWeightGradientTests.Magnitudes(new WinogradWeightGradientTests.GradientShape(Batch, InC, H, W, OutC, Padding), input, dOutput);
            KernelAssert.CloseToReference(actualDWeight, dWeight, weightMagnitude, tiles + 9, $"dWeight {this}");
            KernelAssert.CloseToReference(actualDBias, dBias, biasMagnitude, Batch * g.Positions, $"dBias {this}");
        }
    }
}
