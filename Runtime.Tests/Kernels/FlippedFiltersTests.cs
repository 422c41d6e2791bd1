using System;
using StaticNets.Kernels;

namespace StaticNets.Runtime.Tests.Kernels;

public class FlippedFiltersTests
{
    // The identity the backward pass relies on: for stride 1 and padding p <= k-1, the input gradient equals the forward
    // convolution of the output gradient with the flipped, channel-swapped filters, padded by k-1-p.
    [Theory]
    [InlineData(2, 3, 7, 5, 4, 3, 1)]
    [InlineData(1, 6, 14, 14, 16, 5, 0)]
    [InlineData(2, 2, 6, 6, 3, 3, 2)]
    [InlineData(1, 4, 8, 8, 2, 1, 0)]
    public void InputGradientIsAForwardConvolutionWithFlippedFilters(int batch, int inC, int h, int w, int outC, int k, int padding)
    {
        var random = new Random(3);
        int outH = h + 2 * padding - k + 1, outW = w + 2 * padding - k + 1;
        double[] input = KernelAssert.RandomDoubles(random, batch * inC * h * w);
        double[] weight = KernelAssert.RandomDoubles(random, outC * inC * k * k);
        double[] dOutput = KernelAssert.RandomDoubles(random, batch * outC * outH * outW);
        var dInput = new double[input.Length];
        Conv2dReference.Backward<double>(dInput, new double[weight.Length], new double[outC], dOutput, input, weight, batch, inC, h, w, outC, k, 1, padding);

        float[] flipped = new float[weight.Length];
        FlippedFilters.Write(flipped, Array.ConvertAll(weight, v => (float)v), outC, inC, k);
        var viaForward = new double[input.Length];
        Conv2dReference.Forward<double>(viaForward, dOutput, Array.ConvertAll(flipped, v => (double)v), new double[inC], batch, outC, outH, outW, inC, k, 1, FlippedFilters.GradientPadding(k, padding));

        for (int i = 0; i < dInput.Length; i++)
        {
            Assert.True(Math.Abs(dInput[i] - viaForward[i]) <= 1e-6 * (1 + Math.Abs(dInput[i])), $"index {i}: {dInput[i]} vs {viaForward[i]}");
        }
    }
}
