using System;
using StaticNets.Kernels;

namespace StaticNets.Runtime.Tests.Kernels;

public class SigmoidTests
{
    // TensorPrimitives.Sigmoid is 1/(1 + Exp(-x)): Exp's 2.5 u (measured) plus the addition and the division.
    private const double ForwardBudget = 5;

    // d·(s·(1 - s)): three roundings (1 - s is exact for s >= 0.5).
    private const double BackwardBudget = 3;

    [Fact]
    public void ForwardMatchesTheReferenceAtEveryLengthAndInPlace()
    {
        // |x| <= 80 keeps σ(x) >= 1.8e-35, a normal float: below that the result is subnormal and has fewer bits.
        var random = new Random(21);
        for (int length = 0; length <= 256; length++)
        {
            float[] input = KernelAssert.WideFloats(random, length, 1e-8, 80);
            var expected = new double[length];
            SigmoidReference.Forward<double>(expected, KernelAssert.ToDouble(input));

            float[] output = new float[length];
            Sigmoid.Forward(output, input);
            KernelAssert.WithinRoundoff(output, expected, ForwardBudget, $"length {length}");
            Sigmoid.Forward(input, input);
            Assert.Equal(output, input);
        }
    }

    [Theory]
    [MemberData(nameof(VectorWidths.All), MemberType = typeof(VectorWidths))]
    public void BackwardMatchesTheReferenceAtEveryLengthAndInPlace(int bits) => VectorWidths.Run(bits, new BackwardCheck());

    [Fact]
    public void SaturatedInputsGiveZeroOrOneWithoutOverflow()
    {
        float[] output = new float[4];
        Sigmoid.Forward(output, [0f, 1000f, -1000f, float.PositiveInfinity]);
        Assert.Equal([0.5f, 1f, 0f, 1f], output);
    }

    [Fact]
    public void ReferenceBackwardMatchesCentredDifferences()
    {
        var random = new Random(15);
        double[] input = KernelAssert.RandomDoubles(random, 64, scale: 4);
        double[] r = KernelAssert.RandomWeights(random, input.Length);
        var output = new double[input.Length];
        double Loss()
        {
            SigmoidReference.Forward<double>(output, input);
            return KernelAssert.Dot(r, output);
        }

        Loss();
        var dInput = new double[input.Length];
        SigmoidReference.Backward<double>(dInput, r, output);
        KernelAssert.GradientMatchesCentredDifferences(input, dInput, Loss, "dInput");
    }

    [Fact]
    public void MismatchedLengthsThrow()
    {
        KernelAssert.ThrowsForLength("output", "10 floats (input.Length = 10), got 9.", () => Sigmoid.Forward(new float[9], new float[10]));
        KernelAssert.ThrowsForLength("dInput", "10 floats (output.Length = 10), got 11.", () => Sigmoid.Backward(new float[11], new float[10], new float[10]));
        KernelAssert.ThrowsForLength("dOutput", "10 floats", () => Sigmoid.Backward(new float[10], new float[9], new float[10]));
    }

    private readonly struct BackwardCheck : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector>
        {
            var random = new Random(22);
            for (int length = 0; length <= 256; length++)
            {
                float[] output = new float[length];
                for (int i = 0; i < length; i++)
                {
                    output[i] = (float)random.NextDouble();
                }

                float[] dOutput = KernelAssert.RandomFloats(random, length);
                var expected = new double[length];
                SigmoidReference.Backward<double>(expected, KernelAssert.ToDouble(dOutput), KernelAssert.ToDouble(output));

                float[] dInput = new float[length];
                Sigmoid.Backward<TVector>(dInput, dOutput, output);
                KernelAssert.WithinRoundoff(dInput, expected, BackwardBudget, $"length {length}");
                Sigmoid.Backward<TVector>(dOutput, dOutput, output);
                Assert.Equal(dInput, dOutput);
            }
        }
    }
}
