using System;
using StaticNets.Kernels;

namespace StaticNets.Runtime.Tests.Kernels;

public class ReluTests
{
    [Theory]
    [MemberData(nameof(VectorWidths.All), MemberType = typeof(VectorWidths))]
    public void ForwardMatchesReferenceAtEveryLengthAndInPlace(int bits) => VectorWidths.Run(bits, new ForwardCheck());

    [Theory]
    [MemberData(nameof(VectorWidths.All), MemberType = typeof(VectorWidths))]
    public void BackwardMatchesReferenceAtEveryLengthAndInPlace(int bits) => VectorWidths.Run(bits, new BackwardCheck());

    [Fact]
    public void BackwardPassesNoGradientAtZeroOutput()
    {
        float[] dInput = new float[3];
        Relu.Backward(dInput, [5f, 6f, 7f], [0f, -0f, 1e-30f]);
        Assert.Equal([0f, 0f, 7f], dInput);
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
            ReluReference.Forward<double>(output, input);
            return KernelAssert.Dot(r, output);
        }

        Loss();
        var dInput = new double[input.Length];
        ReluReference.Backward<double>(dInput, r, output);
        KernelAssert.GradientMatchesCentredDifferences(input, dInput, Loss, "dInput");
    }

    [Fact]
    public void MismatchedLengthsThrow()
    {
        KernelAssert.ThrowsForLength("output", "10 floats (input.Length = 10), got 9.", () => Relu.Forward(new float[9], new float[10]));
        KernelAssert.ThrowsForLength("dInput", "10 floats (output.Length = 10), got 11.", () => Relu.Backward(new float[11], new float[10], new float[10]));
        KernelAssert.ThrowsForLength("dOutput", "10 floats", () => Relu.Backward(new float[10], new float[9], new float[10]));
    }

    private readonly struct ForwardCheck : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector>
        {
            var random = new Random(1);
            for (int length = 0; length <= 256; length++)
            {
                float[] input = KernelAssert.RandomFloats(random, length);
                var expected = new double[length];
                ReluReference.Forward<double>(expected, KernelAssert.ToDouble(input));

                float[] output = new float[length];
                Relu.Forward<TVector>(output, input);
                KernelAssert.Identical(output, expected, $"length {length}");

                Relu.Forward<TVector>(input, input);
                KernelAssert.Identical(input, expected, $"in place, length {length}");
            }
        }
    }

    private readonly struct BackwardCheck : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector>
        {
            var random = new Random(8);
            for (int length = 0; length <= 256; length++)
            {
                float[] output = KernelAssert.RandomFloats(random, length);
                float[] dOutput = KernelAssert.RandomFloats(random, length);
                var expected = new double[length];
                ReluReference.Backward<double>(expected, KernelAssert.ToDouble(dOutput), KernelAssert.ToDouble(output));

                float[] dInput = new float[length];
                Relu.Backward<TVector>(dInput, dOutput, output);
                KernelAssert.Identical(dInput, expected, $"length {length}");

                Relu.Backward<TVector>(dOutput, dOutput, output);
                KernelAssert.Identical(dOutput, expected, $"in place, length {length}");
            }
        }
    }
}
