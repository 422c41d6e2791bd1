using System;
using StaticNets.Kernels;

namespace StaticNets.Runtime.Tests.Kernels;

public class TanhTests
{
    // m = e^(-2|x|) - 1 to 6 u as in ELU; -m/(2 + m) adds two roundings and, where 2 + m is near 1, carries m's
    // absolute error (at most 3.5 u there, the exponential being tiny) into a result near 1: 8 u.
    private const double ForwardBudget = 8;

    // d·(1 - t)·(1 + t): four roundings.
    private const double BackwardBudget = 4;

    [Theory]
    [MemberData(nameof(VectorWidths.All), MemberType = typeof(VectorWidths))]
    public void ForwardAndBackwardMatchTheReferenceAtEveryLengthAndInPlace(int bits) => VectorWidths.Run(bits, new SweepCheck());

    [Fact]
    public void TinyInputsKeepTheirValueAndSign()
    {
        // TensorPrimitives.Tanh returns -6e-8 for 1.1e-11; tanh x = x(1 - x²/3 + ...) here.
        float[] input = [1.1e-11f, -1e-6f, 3e-30f, 0f];
        float[] output = new float[input.Length];
        Tanh.Forward(output, input);
        KernelAssert.WithinRoundoff(output, Array.ConvertAll(input, x => Math.Tanh(x)), ForwardBudget, "tanh near 0");
    }

    [Fact]
    public void SaturatedInputsGiveOneWithoutOverflow()
    {
        float[] output = new float[4];
        Tanh.Forward(output, [20f, -1000f, float.PositiveInfinity, float.NegativeInfinity]);
        Assert.Equal([1f, -1f, 1f, -1f], output);
    }

    [Fact]
    public void ReferenceBackwardMatchesCentredDifferences()
    {
        var random = new Random(16);
        double[] input = KernelAssert.RandomDoubles(random, 64, scale: 2);
        double[] r = KernelAssert.RandomWeights(random, input.Length);
        var output = new double[input.Length];
        double Loss()
        {
            TanhReference.Forward<double>(output, input);
            return KernelAssert.Dot(r, output);
        }

        Loss();
        var dInput = new double[input.Length];
        TanhReference.Backward<double>(dInput, r, output);
        KernelAssert.GradientMatchesCentredDifferences(input, dInput, Loss, "dInput");
    }

    [Fact]
    public void MismatchedLengthsThrow()
    {
        KernelAssert.ThrowsForLength("output", "10 floats (input.Length = 10), got 9.", () => Tanh.Forward(new float[9], new float[10]));
        KernelAssert.ThrowsForLength("dInput", "10 floats (output.Length = 10), got 11.", () => Tanh.Backward(new float[11], new float[10], new float[10]));
        KernelAssert.ThrowsForLength("dOutput", "10 floats", () => Tanh.Backward(new float[10], new float[9], new float[10]));
    }

    private readonly struct SweepCheck : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector>
        {
            var random = new Random(23);
            for (int length = 0; length <= 256; length++)
            {
                float[] input = KernelAssert.WideFloats(random, length, 1e-8, 30);
                var expected = new double[length];
                TanhReference.Forward<double>(expected, KernelAssert.ToDouble(input));
                float[] output = new float[length];
                Tanh.Forward<TVector>(output, input);
                KernelAssert.WithinRoundoff(output, expected, ForwardBudget, $"length {length}");
                float[] inPlace = (float[])input.Clone();
                Tanh.Forward<TVector>(inPlace, inPlace);
                Assert.Equal(output, inPlace);

                float[] dOutput = KernelAssert.RandomFloats(random, length);
                var expectedGradient = new double[length];
                TanhReference.Backward<double>(expectedGradient, KernelAssert.ToDouble(dOutput), KernelAssert.ToDouble(output));
                float[] dInput = new float[length];
                Tanh.Backward<TVector>(dInput, dOutput, output);
                KernelAssert.WithinRoundoff(dInput, expectedGradient, BackwardBudget, $"backward, length {length}");
                Tanh.Backward<TVector>(dOutput, dOutput, output);
                Assert.Equal(dInput, dOutput);
            }
        }
    }
}
