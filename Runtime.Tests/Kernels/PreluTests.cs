using System;
using System.Collections.Generic;
using StaticNets.Kernels;

namespace StaticNets.Runtime.Tests.Kernels;

public class PreluTests
{
    // (batch, channels, spatial): spatial 1 (after an FC, vectorised across channels) and runs around every width.
    private static IEnumerable<(int Batch, int Channels, int Spatial)> Shapes()
    {
        foreach (int spatial in (int[])[1, 2, 3, 7, 16, 17, 33, 49])
        {
            foreach (int channels in (int[])[1, 3, 5, 17, 37])
            {
                yield return (1 + (spatial + channels) % 3, channels, spatial);
            }
        }
    }

    [Theory]
    [MemberData(nameof(VectorWidths.All), MemberType = typeof(VectorWidths))]
    public void ForwardAndBackwardMatchTheReferenceForEveryShape(int bits) => VectorWidths.Run(bits, new SweepCheck());

    [Fact]
    public void EachChannelUsesItsOwnSlope()
    {
        // batch 1, channels 2, spatial 2: slopes 0.5 and -2.
        float[] input = [-2f, 3f, -1f, 4f];
        float[] output = new float[4];
        Prelu.Forward(output, input, [0.5f, -2f], 1, 2, 2);
        Assert.Equal([-1f, 3f, 2f, 4f], output);

        float[] dInput = new float[4], dSlopes = new float[2];
        Prelu.Backward(dInput, dSlopes, [1f, 1f, 10f, 10f], input, [0.5f, -2f], 1, 2, 2);
        Assert.Equal([0.5f, 1f, -20f, 10f], dInput);
        Assert.Equal([-2f, -10f], dSlopes);
    }

    [Fact]
    public void ForwardRefusesToRunInPlace()
    {
        float[] buffer = new float[8];
        var error = Assert.Throws<ArgumentException>(() => Prelu.Forward(buffer, buffer, [0.25f, 0.25f], 2, 2, 2));
        Assert.Equal("output", error.ParamName);
    }

    [Theory]
    [InlineData(3, 4, 1)]
    [InlineData(2, 3, 5)]
    public void ReferenceBackwardMatchesCentredDifferences(int batch, int channels, int spatial)
    {
        // Inputs kept at least 0.1 from the kink at 0; slopes of both signs and above 1, as training may make them.
        var random = new Random(31);
        double[] input = KernelAssert.RandomDoubles(random, batch * channels * spatial);
        for (int i = 0; i < input.Length; i++)
        {
            input[i] += Math.CopySign(0.1, input[i]);
        }

        double[] slopes = KernelAssert.RandomDoubles(random, channels, scale: 1.5);
        double[] r = KernelAssert.RandomWeights(random, input.Length);
        var output = new double[input.Length];
        double Loss()
        {
            PreluReference.Forward<double>(output, input, slopes, batch, channels, spatial);
            return KernelAssert.Dot(r, output);
        }

        var dInput = new double[input.Length];
        var dSlopes = new double[channels];
        PreluReference.Backward<double>(dInput, dSlopes, r, input, slopes, batch, channels, spatial);
        KernelAssert.GradientMatchesCentredDifferences(input, dInput, Loss, "dInput");
        KernelAssert.GradientMatchesCentredDifferences(slopes, dSlopes, Loss, "dSlopes");
    }

    [Fact]
    public void WrongSpanLengthsThrow()
    {
        KernelAssert.ThrowsForLength("output", "30 floats (batch*channels*spatial = 2*3*5), got 29.", () => Prelu.Forward(new float[29], new float[30], new float[3], 2, 3, 5));
        KernelAssert.ThrowsForLength("input", "30 floats", () => Prelu.Forward(new float[30], new float[31], new float[3], 2, 3, 5));
        KernelAssert.ThrowsForLength("slopes", "3 floats (channels = 3), got 2.", () => Prelu.Forward(new float[30], new float[30], new float[2], 2, 3, 5));
        KernelAssert.ThrowsForLength("dInput", "30 floats", () => Prelu.Backward(new float[1], new float[3], new float[30], new float[30], new float[3], 2, 3, 5));
        KernelAssert.ThrowsForLength("dSlopes", "3 floats", () => Prelu.Backward(new float[30], new float[4], new float[30], new float[30], new float[3], 2, 3, 5));
        KernelAssert.ThrowsForLength("dOutput", "30 floats", () => Prelu.Backward(new float[30], new float[3], new float[3], new float[30], new float[3], 2, 3, 5));
        KernelAssert.ThrowsForLength("input", "30 floats", () => Prelu.Backward(new float[30], new float[3], new float[30], new float[3], new float[3], 2, 3, 5));
        KernelAssert.ThrowsForLength("slopes", "3 floats", () => Prelu.Backward(new float[30], new float[3], new float[30], new float[30], new float[1], 2, 3, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => Prelu.Forward(new float[0], new float[0], new float[3], 2, 3, 0));
    }

    private readonly struct SweepCheck : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector>
        {
            var random = new Random(32);
            foreach ((int batch, int channels, int spatial) in Shapes())
            {
                string shape = $"batch {batch}, channels {channels}, spatial {spatial}";
                int length = batch * channels * spatial;
                float[] input = KernelAssert.RandomFloats(random, length);
                float[] slopes = KernelAssert.RandomFloats(random, channels, scale: 1.5);
                float[] dOutput = KernelAssert.RandomFloats(random, length);

                // Output and dInput are one product or a copy per element, as in the float reference: bit for bit.
                var expected = new float[length];
                PreluReference.Forward<float>(expected, input, slopes, batch, channels, spatial);
                float[] output = new float[length];
                Prelu.Forward<TVector>(output, input, slopes, batch, channels, spatial);
                KernelAssert.Identical(output, KernelAssert.ToDouble(expected), $"output {shape}");

                var expectedDInput = new float[length];
                var expectedDSlopes = new double[channels];
                PreluReference.Backward<float>(expectedDInput, new float[channels], dOutput, input, slopes, batch, channels, spatial);
                PreluReference.Backward<double>(new double[length], expectedDSlopes, KernelAssert.ToDouble(dOutput), KernelAssert.ToDouble(input), KernelAssert.ToDouble(slopes), batch, channels, spatial);
                // Σ|d·x| over the terms each slope gradient sums, for the float summation bound.
                var magnitude = new double[channels];
                for (int i = 0; i < length; i++)
                {
                    magnitude[i / spatial % channels] += input[i] < 0 ? Math.Abs((double)dOutput[i] * input[i]) : 0;
                }

                float[] dInput = new float[length], dSlopes = new float[channels];
                Array.Fill(dSlopes, float.NaN);
                Prelu.Backward<TVector>(dInput, dSlopes, dOutput, input, slopes, batch, channels, spatial);
                KernelAssert.Identical(dInput, KernelAssert.ToDouble(expectedDInput), $"dInput {shape}");
                KernelAssert.CloseToReference(dSlopes, expectedDSlopes, magnitude, batch * spatial, $"dSlopes {shape}");

                // dInput may be dOutput itself.
                float[] inPlaceSlopes = new float[channels];
                Prelu.Backward<TVector>(dOutput, inPlaceSlopes, dOutput, input, slopes, batch, channels, spatial);
                Assert.Equal(dInput, dOutput);
                Assert.Equal(dSlopes, inPlaceSlopes);
            }
        }
    }
}
