using System;
using StaticNets.Kernels;

namespace StaticNets.Runtime.Tests.Kernels;

public class EluTests
{
    // e^x - 1 for x <= -0.5 is TensorPrimitives.Exp (2.5 u measured) minus 1, which magnifies the error at most
    // e^-0.5/(1 - e^-0.5) = 1.55 times, plus the subtraction and the alpha multiply: 6 u. The series above -0.5 is
    // within 3 u. The float64 reference is exact to far below u.
    private const double ForwardBudget = 6;

    [Theory]
    [MemberData(nameof(VectorWidths.All), MemberType = typeof(VectorWidths))]
    public void ForwardAndBackwardMatchTheReferenceAtEveryLengthAndInPlace(int bits) => VectorWidths.Run(bits, new SweepCheck());

    [Fact]
    public void SmallNegativeInputsKeepFullRelativeAccuracy()
    {
        // Exp(x) - 1 in float rounds e^x near 1 first: at x = -1e-6 it keeps about one correct digit, at -3e-9 none.
        float[] input = [-1e-6f, -3e-9f, -1e-20f, -0.49f];
        float[] output = new float[input.Length];
        Elu.Forward(output, input, 1f);
        double[] expected = Array.ConvertAll(input, x => ReferenceMath.ExpM1((double)x));
        KernelAssert.WithinRoundoff(output, expected, ForwardBudget, "ELU near 0");
    }

    [Fact]
    public void LargeInputsNeitherOverflowNorLoseTheLimit()
    {
        float[] output = new float[4];
        Elu.Forward(output, [200f, -200f, float.MaxValue, float.NegativeInfinity], 0.5f);
        Assert.Equal([200f, -0.5f, float.MaxValue, -0.5f], output);
    }

    [Fact]
    public void ReferenceBackwardMatchesCentredDifferences()
    {
        var random = new Random(14);
        double[] input = KernelAssert.RandomDoubles(random, 64, scale: 3);
        for (int i = 0; i < input.Length; i++)
        {
            input[i] += Math.CopySign(0.1, input[i]);
        }

        double[] r = KernelAssert.RandomWeights(random, input.Length);
        var output = new double[input.Length];
        foreach (double alpha in (ReadOnlySpan<double>)[1.0, 0.3])
        {
            double Loss()
            {
                EluReference.Forward<double>(output, input, alpha);
                return KernelAssert.Dot(r, output);
            }

            Loss();
            var dInput = new double[input.Length];
            EluReference.Backward<double>(dInput, r, output, alpha);
            KernelAssert.GradientMatchesCentredDifferences(input, dInput, Loss, $"dInput (alpha {alpha})");
        }
    }

    [Fact]
    public void MismatchedLengthsAndNegativeOrInfiniteAlphaThrow()
    {
        KernelAssert.ThrowsForLength("output", "10 floats (input.Length = 10), got 9.", () => Elu.Forward(new float[9], new float[10], 1f));
        KernelAssert.ThrowsForLength("dInput", "10 floats (output.Length = 10), got 11.", () => Elu.Backward(new float[11], new float[10], new float[10], 1f));
        KernelAssert.ThrowsForLength("dOutput", "10 floats", () => Elu.Backward(new float[10], new float[9], new float[10], 1f));
        KernelAssert.ThrowsForRange("alpha", "non-negative and finite, got -1.", () => Elu.Forward(new float[1], new float[1], -1f));
        KernelAssert.ThrowsForRange("alpha", "non-negative and finite, got Infinity.", () => Elu.Forward(new float[1], new float[1], float.PositiveInfinity));
        KernelAssert.ThrowsForRange("alpha", "non-negative and finite, got NaN.", () => Elu.Backward(new float[1], new float[1], new float[1], float.NaN));
    }

    private readonly struct SweepCheck : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector>
        {
            var random = new Random(9);
            for (int length = 0; length <= 256; length++)
            {
                float alpha = length % 3 == 0 ? 1f : 0.7f;
                float[] input = KernelAssert.WideFloats(random, length, 1e-8, 90);
                var expected = new double[length];
                EluReference.Forward<double>(expected, KernelAssert.ToDouble(input), alpha);

                float[] output = new float[length];
                Elu.Forward<TVector>(output, input, alpha);
                KernelAssert.WithinRoundoff(output, expected, ForwardBudget, $"length {length}");
                float[] inPlace = (float[])input.Clone();
                Elu.Forward<TVector>(inPlace, inPlace, alpha);
                Assert.Equal(output, inPlace);

                // The backward is d·(output + alpha) in both, in float: bit for bit.
                float[] dOutput = KernelAssert.RandomFloats(random, length);
                var expectedGradient = new float[length];
                EluReference.Backward<float>(expectedGradient, dOutput, output, alpha);
                float[] dInput = new float[length];
                Elu.Backward<TVector>(dInput, dOutput, output, alpha);
                KernelAssert.Identical(dInput, KernelAssert.ToDouble(expectedGradient), $"backward, length {length}");
                Elu.Backward<TVector>(dOutput, dOutput, output, alpha);
                KernelAssert.Identical(dOutput, KernelAssert.ToDouble(expectedGradient), $"backward in place, length {length}");
            }
        }
    }
}
