using System;
using StaticNets.Kernels;

namespace StaticNets.Runtime.Tests.Kernels;

public class SoftplusTests
{
    // t = e^(-|x|) carries Exp's 2.5 u into ln(1 + t) damped by t/((1 + t)·ln(1 + t)) <= 1; Log adds 2.1 u (measured);
    // Goldberg's correction t/(w - 1) and its product two roundings; adding max(x, 0) one more: 8 u.
    private const double ForwardBudget = 8;

    // -(e^(-y) - 1) to 6 u as in ELU, times d: 7 u.
    private const double BackwardBudget = 7;

    [Theory]
    [MemberData(nameof(VectorWidths.All), MemberType = typeof(VectorWidths))]
    public void ForwardAndBackwardMatchTheReferenceAtEveryLengthAndInPlace(int bits) => VectorWidths.Run(bits, new SweepCheck());

    [Fact]
    public void ForwardIsStableForLargeInputsOfEitherSign()
    {
        // ln(1 + e^x) computed literally overflows for x > 88 and rounds to 0 below x = -17.
        float[] input = [100f, 1e30f, float.PositiveInfinity, -20f, -80f, float.NegativeInfinity];
        float[] output = new float[input.Length];
        Softplus.Forward(output, input);
        Assert.Equal(100f, output[0]);
        Assert.Equal(1e30f, output[1]);
        Assert.Equal(float.PositiveInfinity, output[2]);
        KernelAssert.WithinRoundoff(output.AsSpan(3, 2), [Math.Exp(-20) - Math.Exp(-40) / 2, Math.Exp(-80)], ForwardBudget, "softplus of large negative inputs");
        Assert.Equal(0f, output[5]);
    }

    [Fact]
    public void BackwardIsTheSigmoidEvenWhereTheOutputIsTiny()
    {
        // softplus(-60) = e^-60 ≈ 8.8e-27, whose derivative σ(-60) is the same number: 1 - e^(-y) would round to 0.
        float[] output = new float[3];
        Softplus.Forward(output, [-60f, 0f, 30f]);
        float[] dInput = new float[3];
        Softplus.Backward(dInput, [1f, 1f, 1f], output);
        KernelAssert.WithinRoundoff(dInput, [1 / (1 + Math.Exp(60)), 0.5, 1 / (1 + Math.Exp(-30))], ForwardBudget + BackwardBudget, "σ from softplus output");
    }

    [Fact]
    public void ReferenceBackwardMatchesCentredDifferences()
    {
        var random = new Random(17);
        double[] input = KernelAssert.RandomDoubles(random, 64, scale: 6);
        double[] r = KernelAssert.RandomWeights(random, input.Length);
        var output = new double[input.Length];
        double Loss()
        {
            SoftplusReference.Forward<double>(output, input);
            return KernelAssert.Dot(r, output);
        }

        Loss();
        var dInput = new double[input.Length];
        SoftplusReference.Backward<double>(dInput, r, output);
        KernelAssert.GradientMatchesCentredDifferences(input, dInput, Loss, "dInput");
    }

    [Fact]
    public void MismatchedLengthsThrow()
    {
        KernelAssert.ThrowsForLength("output", "10 floats (input.Length = 10), got 9.", () => Softplus.Forward(new float[9], new float[10]));
        KernelAssert.ThrowsForLength("dInput", "10 floats (output.Length = 10), got 11.", () => Softplus.Backward(new float[11], new float[10], new float[10]));
        KernelAssert.ThrowsForLength("dOutput", "10 floats", () => Softplus.Backward(new float[10], new float[9], new float[10]));
    }

    private readonly struct SweepCheck : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector>
        {
            // |x| <= 80 keeps every output a normal float (softplus(-80) = 1.8e-35).
            var random = new Random(24);
            for (int length = 0; length <= 256; length++)
            {
                float[] input = KernelAssert.WideFloats(random, length, 1e-8, 80);
                var expected = new double[length];
                SoftplusReference.Forward<double>(expected, KernelAssert.ToDouble(input));
                float[] output = new float[length];
                Softplus.Forward<TVector>(output, input);
                KernelAssert.WithinRoundoff(output, expected, ForwardBudget, $"length {length}");
                float[] inPlace = (float[])input.Clone();
                Softplus.Forward<TVector>(inPlace, inPlace);
                Assert.Equal(output, inPlace);

                float[] dOutput = KernelAssert.RandomFloats(random, length);
                var expectedGradient = new double[length];
                SoftplusReference.Backward<double>(expectedGradient, KernelAssert.ToDouble(dOutput), KernelAssert.ToDouble(output));
                float[] dInput = new float[length];
                Softplus.Backward<TVector>(dInput, dOutput, output);
                KernelAssert.WithinRoundoff(dInput, expectedGradient, BackwardBudget, $"backward, length {length}");
                Softplus.Backward<TVector>(dOutput, dOutput, output);
                Assert.Equal(dInput, dOutput);
            }
        }
    }
}
