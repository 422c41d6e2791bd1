using System;
using System.Collections.Generic;
using StaticNets.Kernels;

namespace StaticNets.Runtime.Tests.Kernels;

public class AvgPool2dTests
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
    public void ForwardAndBackwardMatchTheReferenceForEveryShape(int bits) => VectorWidths.Run(bits, new SweepCheck());

    private readonly struct SweepCheck : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector> => ForwardAndBackwardMatchTheReference<TVector>();
    }

    private static void ForwardAndBackwardMatchTheReference<TVector>()
        where TVector : struct, IVector<TVector>
    {
        // The forward sums size² floats and scales by 1/size² (itself rounded): the float summation bound with
        // size² + 1 terms over Σ|x|/size². The backward adds one rounded share per overlapping window. dInput is
        // NaN-filled first to prove every element is written.
        var random = new Random(3);
        int count = 0;
        foreach (PoolShape s in Shapes())
        {
            float[] input = KernelAssert.RandomFloats(random, s.InputLength);
            float[] dOutput = KernelAssert.RandomFloats(random, s.OutputLength);
            double[] input64 = KernelAssert.ToDouble(input), dOutput64 = KernelAssert.ToDouble(dOutput);
            var expectedOutput = new double[s.OutputLength];
            var outputMagnitude = new double[s.OutputLength];
            var expectedDInput = new double[s.InputLength];
            var dInputMagnitude = new double[s.InputLength];
            AvgPool2dReference.Forward<double>(expectedOutput, input64, s.Batch, s.Channels, s.InHeight, s.InWidth, s.Size, s.Stride);
            AvgPool2dReference.Forward<double>(outputMagnitude, KernelAssert.Abs(input64), s.Batch, s.Channels, s.InHeight, s.InWidth, s.Size, s.Stride);
            AvgPool2dReference.Backward<double>(expectedDInput, dOutput64, s.Batch, s.Channels, s.InHeight, s.InWidth, s.Size, s.Stride);
            AvgPool2dReference.Backward<double>(dInputMagnitude, KernelAssert.Abs(dOutput64), s.Batch, s.Channels, s.InHeight, s.InWidth, s.Size, s.Stride);

            float[] output = new float[s.OutputLength];
            float[] dInput = new float[s.InputLength];
            Array.Fill(dInput, float.NaN);
            AvgPool2d.Forward<TVector>(output, input, s.Batch, s.Channels, s.InHeight, s.InWidth, s.Size, s.Stride);
            AvgPool2d.Backward<TVector>(dInput, dOutput, s.Batch, s.Channels, s.InHeight, s.InWidth, s.Size, s.Stride);
            KernelAssert.CloseToReference(output, expectedOutput, outputMagnitude, s.Size * s.Size + 1, $"output {s}");
            int overlap = (s.Size + s.Stride - 1) / s.Stride;
            KernelAssert.CloseToReference(dInput, expectedDInput, dInputMagnitude, overlap * overlap + 1, $"dInput {s}");
            count++;
        }

        Assert.True(count > 70, $"only {count} shapes");
    }

    [Fact]
    public void TwoByTwoWindowsAverageAndShareTheGradientEqually()
    {
        // One 2x4 plane: windows [[1, 2], [3, 6]] and [[-4, 0], [8, 0]].
        float[] input = [1, 2, -4, 0,
                         3, 6, 8, 0];
        float[] output = new float[2];
        AvgPool2d.Forward(output, input, 1, 1, 2, 4, 2, 2);
        Assert.Equal([3f, 1f], output);

        float[] dInput = new float[8];
        AvgPool2d.Backward(dInput, [4f, -8f], 1, 1, 2, 4, 2, 2);
        Assert.Equal([1f, 1f, -2f, -2f, 1f, 1f, -2f, -2f], dInput);
    }

    [Fact]
    public void OverlappingWindowsAccumulateGradient()
    {
        // A 2x3 plane, window 2, stride 1: the middle column belongs to both windows.
        float[] dInput = new float[6];
        AvgPool2d.Backward(dInput, [4f, 8f], 1, 1, 2, 3, 2, 1);
        Assert.Equal([1f, 3f, 2f, 1f, 3f, 2f], dInput);
    }

    [Fact]
    public void ReferenceBackwardMatchesCentredDifferences()
    {
        const int Batch = 2, Channels = 2, Height = 7, Width = 5, Size = 3, Stride = 2;
        var random = new Random(5);
        double[] input = KernelAssert.RandomDoubles(random, Batch * Channels * Height * Width);
        int outputLength = Batch * Channels * 3 * 2;
        double[] r = KernelAssert.RandomWeights(random, outputLength);
        var output = new double[outputLength];
        double Loss()
        {
            AvgPool2dReference.Forward<double>(output, input, Batch, Channels, Height, Width, Size, Stride);
            return KernelAssert.Dot(r, output);
        }

        var dInput = new double[input.Length];
        AvgPool2dReference.Backward<double>(dInput, r, Batch, Channels, Height, Width, Size, Stride);
        KernelAssert.GradientMatchesCentredDifferences(input, dInput, Loss, "dInput");
    }

    [Fact]
    public void WrongSpanLengthsAndUntiledWindowsThrow()
    {
        KernelAssert.ThrowsForLength("output", "1176 floats (batch*channels*outHeight*outWidth = 1*6*14*14), got 1175.",
            () => AvgPool2d.Forward(new float[1175], new float[6 * 28 * 28], 1, 6, 28, 28, 2, 2));
        KernelAssert.ThrowsForLength("input", "4704 floats",
            () => AvgPool2d.Forward(new float[1176], new float[4703], 1, 6, 28, 28, 2, 2));
        KernelAssert.ThrowsForLength("dInput", "4704 floats",
            () => AvgPool2d.Backward(new float[4705], new float[1176], 1, 6, 28, 28, 2, 2));
        KernelAssert.ThrowsForLength("dOutput", "1176 floats",
            () => AvgPool2d.Backward(new float[4704], new float[1], 1, 6, 28, 28, 2, 2));

        // 7 - 2 = 5 is odd: size-2 stride-2 windows leave the last row out (notes §5.2).
        var error = Assert.Throws<ArgumentException>(() => AvgPool2d.Forward(new float[9], new float[49], 1, 1, 7, 7, 2, 2));
        Assert.Equal("stride", error.ParamName);
        error = Assert.Throws<ArgumentException>(() => AvgPool2d.Backward(new float[9], new float[9], 1, 1, 2, 2, 3, 1));
        Assert.Equal("size", error.ParamName);
    }
}
