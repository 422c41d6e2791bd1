using System;
using StaticNets.Kernels;

namespace StaticNets.Runtime.Tests.Kernels;

public class FullyConnectedTests
{
    // (batch, in, out): LeNet-5's three layers at batch 64, then odd and tail sizes around every vector width.
    private static readonly (int Batch, int In, int Out)[] Shapes =
    [
        (64, 400, 120), (64, 120, 84), (64, 84, 10),
        (1, 1, 1), (2, 3, 1), (3, 1, 5), (1, 7, 9), (2, 16, 16), (3, 17, 15), (1, 33, 8), (2, 31, 33),
        (3, 64, 4), (1, 65, 70), (2, 70, 65), (3, 5, 63), (5, 100, 10), (7, 13, 3),
    ];

    [Theory]
    [MemberData(nameof(VectorWidths.All), MemberType = typeof(VectorWidths))]
    public void ForwardAndBackwardMatchFloat64ReferenceForEveryShape(int bits) => VectorWidths.Run(bits, new SweepCheck());

    [Fact]
    public void ReferenceBackwardMatchesCentredDifferences()
    {
        const int Batch = 3, In = 7, Out = 4;
        var random = new Random(11);
        double[] input = KernelAssert.RandomDoubles(random, Batch * In);
        double[] weight = KernelAssert.RandomDoubles(random, Out * In);
        double[] bias = KernelAssert.RandomDoubles(random, Out);
        double[] r = KernelAssert.RandomDoubles(random, Batch * Out);
        var output = new double[Batch * Out];
        double Loss()
        {
            FullyConnectedReference.Forward<double>(output, input, weight, bias, Batch, In, Out);
            return KernelAssert.Dot(r, output);
        }

        var dInput = new double[input.Length];
        var dWeight = new double[weight.Length];
        var dBias = new double[Out];
        FullyConnectedReference.Backward<double>(dInput, dWeight, dBias, r, input, weight, Batch, In, Out);
        KernelAssert.GradientMatchesCentredDifferences(input, dInput, Loss, "dInput");
        KernelAssert.GradientMatchesCentredDifferences(weight, dWeight, Loss, "dWeight");
        KernelAssert.GradientMatchesCentredDifferences(bias, dBias, Loss, "dBias");
    }

    [Fact]
    public void BackwardWithEmptyInputGradientStillWritesWeightAndBiasGradients()
    {
        var random = new Random(2);
        float[] dOutput = KernelAssert.RandomFloats(random, 4 * 10), input = KernelAssert.RandomFloats(random, 4 * 84), weight = KernelAssert.RandomFloats(random, 10 * 84);
        float[] dWeight1 = new float[840], dBias1 = new float[10], dWeight2 = new float[840], dBias2 = new float[10];
        FullyConnected.Backward(new float[4 * 84], dWeight1, dBias1, dOutput, input, weight, 4, 84, 10);
        FullyConnected.Backward([], dWeight2, dBias2, dOutput, input, weight, 4, 84, 10);
        Assert.Equal(dWeight1, dWeight2);
        Assert.Equal(dBias1, dBias2);
    }

    [Fact]
    public void WrongSpanLengthsThrowNamingTheExpectedLength()
    {
        KernelAssert.ThrowsForLength("weight", "48000 floats (outFeatures*inFeatures = 120*400), got 47999.",
            () => FullyConnected.Forward(new float[64 * 120], new float[64 * 400], new float[47999], new float[120], 64, 400, 120));
        KernelAssert.ThrowsForLength("output", "7680 floats (batch*outFeatures = 64*120)",
            () => FullyConnected.Forward(new float[64 * 121], new float[64 * 400], new float[48000], new float[120], 64, 400, 120));
        KernelAssert.ThrowsForLength("input", "25600 floats",
            () => FullyConnected.Forward(new float[64 * 120], new float[64 * 401], new float[48000], new float[120], 64, 400, 120));
        KernelAssert.ThrowsForLength("bias", "120 floats (outFeatures = 120)",
            () => FullyConnected.Forward(new float[64 * 120], new float[64 * 400], new float[48000], new float[119], 64, 400, 120));
        KernelAssert.ThrowsForLength("dInput", "40 floats (batch*inFeatures = 4*10) or be empty",
            () => FullyConnected.Backward(new float[39], new float[30], new float[3], new float[12], new float[40], new float[30], 4, 10, 3));
        KernelAssert.ThrowsForLength("dWeight", "30 floats",
            () => FullyConnected.Backward(new float[40], new float[31], new float[3], new float[12], new float[40], new float[30], 4, 10, 3));
        KernelAssert.ThrowsForLength("dBias", "3 floats",
            () => FullyConnected.Backward(new float[40], new float[30], new float[4], new float[12], new float[40], new float[30], 4, 10, 3));
        KernelAssert.ThrowsForLength("dOutput", "12 floats",
            () => FullyConnected.Backward(new float[40], new float[30], new float[3], new float[11], new float[40], new float[30], 4, 10, 3));
        KernelAssert.ThrowsForLength("input", "40 floats",
            () => FullyConnected.Backward(new float[40], new float[30], new float[3], new float[12], new float[41], new float[30], 4, 10, 3));
        KernelAssert.ThrowsForLength("weight", "30 floats",
            () => FullyConnected.Backward(new float[40], new float[30], new float[3], new float[12], new float[40], new float[29], 4, 10, 3));
    }

    private readonly struct SweepCheck : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector>
        {
            var random = new Random(99);
            foreach ((int batch, int inFeatures, int outFeatures) in Shapes)
            {
                float[] input = KernelAssert.RandomFloats(random, batch * inFeatures);
                float[] weight = KernelAssert.RandomFloats(random, outFeatures * inFeatures);
                float[] bias = KernelAssert.RandomFloats(random, outFeatures);
                float[] dOutput = KernelAssert.RandomFloats(random, batch * outFeatures);
                double[] x = KernelAssert.ToDouble(input), w = KernelAssert.ToDouble(weight), b = KernelAssert.ToDouble(bias), d = KernelAssert.ToDouble(dOutput);
                var (output, outputMagnitude) = (new double[batch * outFeatures], new double[batch * outFeatures]);
                FullyConnectedReference.Forward<double>(output, x, w, b, batch, inFeatures, outFeatures);
                FullyConnectedReference.Forward<double>(outputMagnitude, KernelAssert.Abs(x), KernelAssert.Abs(w), KernelAssert.Abs(b), batch, inFeatures, outFeatures);
                var (dInput, dWeight, dBias) = (new double[x.Length], new double[w.Length], new double[outFeatures]);
                var (dInputMagnitude, dWeightMagnitude, dBiasMagnitude) = (new double[x.Length], new double[w.Length], new double[outFeatures]);
                FullyConnectedReference.Backward<double>(dInput, dWeight, dBias, d, x, w, batch, inFeatures, outFeatures);
                FullyConnectedReference.Backward<double>(dInputMagnitude, dWeightMagnitude, dBiasMagnitude, KernelAssert.Abs(d), KernelAssert.Abs(x), KernelAssert.Abs(w), batch, inFeatures, outFeatures);

                string shape = $"batch={batch} in={inFeatures} out={outFeatures}";
                float[] actualOutput = new float[output.Length];
                FullyConnected.Forward<TVector>(actualOutput, input, weight, bias, batch, inFeatures, outFeatures);
                KernelAssert.CloseToReference(actualOutput, output, outputMagnitude, inFeatures, $"output {shape}");

                float[] actualDInput = new float[x.Length], actualDWeight = new float[w.Length], actualDBias = new float[outFeatures];
                FullyConnected.Backward<TVector>(actualDInput, actualDWeight, actualDBias, dOutput, input, weight, batch, inFeatures, outFeatures);
                KernelAssert.CloseToReference(actualDInput, dInput, dInputMagnitude, outFeatures, $"dInput {shape}");
                KernelAssert.CloseToReference(actualDWeight, dWeight, dWeightMagnitude, batch, $"dWeight {shape}");
                KernelAssert.CloseToReference(actualDBias, dBias, dBiasMagnitude, batch, $"dBias {shape}");
            }
        }
    }
}
