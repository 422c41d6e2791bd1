using System;
using StaticNets.Kernels;

namespace StaticNets.Runtime.Tests.Kernels;

public class LeakyReluTests
{
    [Theory]
    [MemberData(nameof(VectorWidths.All), MemberType = typeof(VectorWidths))]
    public void ForwardAndBackwardEqualTheReferenceAtEveryLengthAndInPlace(int bits) => VectorWidths.Run(bits, new SweepCheck());

    [Fact]
    public void NegativeInputsAreScaledAndTheGradientFollowsTheOutputsSign()
    {
        float[] output = new float[4];
        LeakyRelu.Forward(output, [-5f, 0f, 3f, -0.5f], 0.2f);
        Assert.Equal([-1f, 0f, 3f, -0.1f], output);

        float[] dInput = new float[4];
        LeakyRelu.Backward(dInput, [10f, 10f, 10f, 10f], output, 0.2f);
        Assert.Equal([2f, 2f, 10f, 2f], dInput);
    }

    [Fact]
    public void ReferenceBackwardMatchesCentredDifferences()
    {
        // Inputs kept at least 0.1 from the kink at 0, far more than the step, so each probe stays on one side.
        var random = new Random(4);
        double[] input = KernelAssert.RandomDoubles(random, 200);
        for (int i = 0; i < input.Length; i++)
        {
            input[i] += Math.CopySign(0.1, input[i]);
        }

        double[] r = KernelAssert.RandomDoubles(random, input.Length);
        var output = new double[input.Length];
        double Loss()
        {
            LeakyReluReference.Forward<double>(output, input, 0.01);
            return KernelAssert.Dot(r, output);
        }

        Loss();
        var dInput = new double[input.Length];
        LeakyReluReference.Backward<double>(dInput, r, output, 0.01);
        KernelAssert.GradientMatchesCentredDifferences(input, dInput, Loss, "dInput");
    }

    [Fact]
    public void MismatchedLengthsAndAlphaOutsideZeroToOneThrow()
    {
        KernelAssert.ThrowsForLength("output", "10 floats (input.Length = 10), got 9.", () => LeakyRelu.Forward(new float[9], new float[10], 0.01f));
        KernelAssert.ThrowsForLength("dInput", "10 floats (output.Length = 10), got 11.", () => LeakyRelu.Backward(new float[11], new float[10], new float[10], 0.01f));
        KernelAssert.ThrowsForLength("dOutput", "10 floats", () => LeakyRelu.Backward(new float[10], new float[9], new float[10], 0.01f));
        KernelAssert.ThrowsForRange("alpha", "in [0, 1), got 1.", () => LeakyRelu.Forward(new float[1], new float[1], 1f));
        KernelAssert.ThrowsForRange("alpha", "in [0, 1), got -0.1.", () => LeakyRelu.Forward(new float[1], new float[1], -0.1f));
        KernelAssert.ThrowsForRange("alpha", "in [0, 1), got NaN.", () => LeakyRelu.Backward(new float[1], new float[1], new float[1], float.NaN));
    }

    private readonly struct SweepCheck : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector>
        {
            // One float rounding per element in both, in the same order: the float reference must agree bit for bit.
            var random = new Random(8);
            foreach (float alpha in (ReadOnlySpan<float>)[0f, 0.01f, 0.2f])
            {
                for (int length = 0; length <= 256; length++)
                {
                    float[] input = KernelAssert.RandomFloats(random, length, scale: 10);
                    float[] dOutput = KernelAssert.RandomFloats(random, length);
                    var expected = new float[length];
                    LeakyReluReference.Forward<float>(expected, input, alpha);
                    var expectedGradient = new float[length];
                    LeakyReluReference.Backward<float>(expectedGradient, dOutput, expected, alpha);

                    float[] output = new float[length];
                    LeakyRelu.Forward<TVector>(output, input, alpha);
                    KernelAssert.Identical(output, KernelAssert.ToDouble(expected), $"alpha {alpha}, length {length}");
                    LeakyRelu.Forward<TVector>(input, input, alpha);
                    KernelAssert.Identical(input, KernelAssert.ToDouble(expected), $"in place, alpha {alpha}, length {length}");

                    float[] dInput = new float[length];
                    LeakyRelu.Backward<TVector>(dInput, dOutput, output, alpha);
                    KernelAssert.Identical(dInput, KernelAssert.ToDouble(expectedGradient), $"backward, alpha {alpha}, length {length}");
                    LeakyRelu.Backward<TVector>(dOutput, dOutput, output, alpha);
                    KernelAssert.Identical(dOutput, KernelAssert.ToDouble(expectedGradient), $"backward in place, alpha {alpha}, length {length}");
                }
            }
        }
    }
}
