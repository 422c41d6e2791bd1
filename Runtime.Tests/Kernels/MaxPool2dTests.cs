using System;
using System.Collections.Generic;
using StaticNets.Kernels;

namespace StaticNets.Runtime.Tests.Kernels;

public class MaxPool2dTests
{
    private readonly record struct PoolShape(int Batch, int Channels, int InHeight, int InWidth, int Size, int Stride)
    {
        public int OutHeight => MaxPool2dReference.OutputSize(InHeight, Size, Stride);
        public int OutWidth => MaxPool2dReference.OutputSize(InWidth, Size, Stride);
        public int InputLength => Batch * Channels * InHeight * InWidth;
        public int OutputLength => Batch * Channels * OutHeight * OutWidth;
    }

    private static IEnumerable<PoolShape> Shapes()
    {
        yield return new PoolShape(3, 6, 28, 28, 2, 2); // LeNet-5 pool1
        yield return new PoolShape(2, 16, 10, 10, 2, 2); // LeNet-5 pool2

        // 2×2/2 runs vectorised along output rows: output widths 1..33 cover every width's tail and the overlap.
        foreach (int outWidth in (int[])[1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33])
        {
            yield return new PoolShape(1 + outWidth % 2, 1 + outWidth % 3, 2 * (1 + outWidth % 4), 2 * outWidth, 2, 2);
        }

        int index = 0;
        foreach (int height in (int[])[1, 3, 7, 13, 28])
        {
            foreach (int width in (int[])[1, 4, 7, 13])
            {
                foreach (int size in (int[])[1, 2, 3, 5])
                {
                    foreach (int stride in (int[])[1, 2, 3])
                    {
                        if (size > height || size > width || (height - size) % stride != 0 || (width - size) % stride != 0)
                        {
                            continue;
                        }

                        index++;
                        yield return new PoolShape(1 + index % 3, 1 + index % 5, height, width, size, stride);
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(VectorWidths.All), MemberType = typeof(VectorWidths))]
    public void ForwardAndBackwardEqualTheReferenceForEveryShape(int bits) => VectorWidths.Run(bits, new SweepCheck());

    private readonly struct SweepCheck : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector> => ForwardAndBackwardEqualTheReference<TVector>();
    }

    private static void ForwardAndBackwardEqualTheReference<TVector>()
        where TVector : struct, IVector<TVector>
    {
        // Pooling only selects values, so outputs are bit-identical to the reference; small integers make ties common,
        // which exercises the first-maximum rule. dInput is NaN-filled first to prove every element is written.
        var random = new Random(3);
        int count = 0;
        foreach (PoolShape s in Shapes())
        {
            float[] input = new float[s.InputLength];
            for (int i = 0; i < input.Length; i++)
            {
                input[i] = random.Next(-4, 5);
            }

            float[] dOutput = KernelAssert.RandomFloats(random, s.OutputLength);
            var expectedOutput = new double[s.OutputLength];
            var expectedDInput = new double[s.InputLength];
            MaxPool2dReference.Forward<double>(expectedOutput, KernelAssert.ToDouble(input), s.Batch, s.Channels, s.InHeight, s.InWidth, s.Size, s.Stride);
            MaxPool2dReference.Backward<double>(expectedDInput, KernelAssert.ToDouble(dOutput), KernelAssert.ToDouble(input), s.Batch, s.Channels, s.InHeight, s.InWidth, s.Size, s.Stride);

            float[] output = new float[s.OutputLength];
            float[] dInput = new float[s.InputLength];
            Array.Fill(dInput, float.NaN);
            MaxPool2d.Forward<TVector>(output, input, s.Batch, s.Channels, s.InHeight, s.InWidth, s.Size, s.Stride);
            MaxPool2d.Backward<TVector>(dInput, dOutput, input, output, s.Batch, s.Channels, s.InHeight, s.InWidth, s.Size, s.Stride);
            KernelAssert.Identical(output, expectedOutput, $"output {s}");

            // Overlapping windows add gradients in float here and in double in the reference: equal to a float rounding.
            var magnitude = new double[s.InputLength];
            MaxPool2dReference.Backward<double>(magnitude, KernelAssert.Abs(KernelAssert.ToDouble(dOutput)), KernelAssert.ToDouble(input), s.Batch, s.Channels, s.InHeight, s.InWidth, s.Size, s.Stride);
            int overlap = (s.Size + s.Stride - 1) / s.Stride;
            KernelAssert.CloseToReference(dInput, expectedDInput, magnitude, overlap * overlap, $"dInput {s}");
            count++;
        }

        Assert.True(count > 70, $"only {count} shapes");
    }

    [Fact]
    public void BackwardRoutesGradientToFirstMaximum()
    {
        // One 2x3 plane, window 2, stride 1: windows [[5,5],[5,1]] and [[5,2],[1,5]]; each has a tie for its maximum.
        float[] input = [5, 5, 2,
                         5, 1, 5];
        float[] output = new float[2];
        MaxPool2d.Forward(output, input, 1, 1, 2, 3, 2, 1);
        Assert.Equal([5f, 5f], output);

        float[] dInput = new float[6];
        MaxPool2d.Backward(dInput, [10f, 100f], input, output, 1, 1, 2, 3, 2, 1);
        // Both windows' first maximum in row-major order is element (0, 1) for the second and (0, 0) for the first.
        Assert.Equal([10f, 100f, 0, 0, 0, 0], dInput);
    }

    [Fact]
    public void OverlappingWindowsAccumulateGradient()
    {
        // A 3x5 plane, window 3, stride 1: three windows side by side, and the 9 is the maximum of all of them.
        float[] input = [1, 2, 9, 3, 4,
                         0, 0, 0, 0, 0,
                         0, 0, 0, 0, 0];
        float[] output = new float[3];
        MaxPool2d.Forward(output, input, 1, 1, 3, 5, 3, 1);
        Assert.Equal([9f, 9f, 9f], output);

        float[] dInput = new float[15];
        MaxPool2d.Backward(dInput, [1f, 2f, 4f], input, output, 1, 1, 3, 5, 3, 1);
        float[] expected = new float[15];
        expected[2] = 7;
        Assert.Equal(expected, dInput);
    }

    [Fact]
    public void ReferenceBackwardMatchesCentredDifferences()
    {
        // Distinct values spaced 0.01 apart, far more than the step, so no window's maximum changes under the probe.
        const int Batch = 2, Channels = 2, Height = 7, Width = 5, Size = 3, Stride = 2;
        var random = new Random(5);
        double[] input = new double[Batch * Channels * Height * Width];
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = 0.01 * i;
        }

        random.Shuffle(input);
        int outputLength = Batch * Channels * 3 * 2;
        double[] r = KernelAssert.RandomDoubles(random, outputLength);
        var output = new double[outputLength];
        double Loss()
        {
            MaxPool2dReference.Forward<double>(output, input, Batch, Channels, Height, Width, Size, Stride);
            return KernelAssert.Dot(r, output);
        }

        var dInput = new double[input.Length];
        MaxPool2dReference.Backward<double>(dInput, r, input, Batch, Channels, Height, Width, Size, Stride);
        KernelAssert.GradientMatchesCentredDifferences(input, dInput, Loss, "dInput");
    }

    [Fact]
    public void WrongSpanLengthsAndUntiledWindowsThrow()
    {
        KernelAssert.ThrowsForLength("output", "1176 floats (batch*channels*outHeight*outWidth = 1*6*14*14), got 1175.",
            () => MaxPool2d.Forward(new float[1175], new float[6 * 28 * 28], 1, 6, 28, 28, 2, 2));
        KernelAssert.ThrowsForLength("input", "4704 floats",
            () => MaxPool2d.Forward(new float[1176], new float[4703], 1, 6, 28, 28, 2, 2));
        KernelAssert.ThrowsForLength("dInput", "4704 floats",
            () => MaxPool2d.Backward(new float[4705], new float[1176], new float[4704], new float[1176], 1, 6, 28, 28, 2, 2));
        KernelAssert.ThrowsForLength("dOutput", "1176 floats",
            () => MaxPool2d.Backward(new float[4704], new float[1], new float[4704], new float[1176], 1, 6, 28, 28, 2, 2));
        KernelAssert.ThrowsForLength("output", "1176 floats",
            () => MaxPool2d.Backward(new float[4704], new float[1176], new float[4704], new float[1177], 1, 6, 28, 28, 2, 2));

        // 7 - 2 = 5 is odd: size-2 stride-2 windows leave the last row out (notes §5.2).
        var error = Assert.Throws<ArgumentException>(() => MaxPool2d.Forward(new float[9], new float[49], 1, 1, 7, 7, 2, 2));
        Assert.Equal("stride", error.ParamName);
    }
}
