using System;
using StaticNets.Kernels;

namespace StaticNets.Runtime.Tests.Kernels;

public class FusedActivationTests
{
    // lenet5's convolutions (direct kernel), cifar's conv5 shape (8 wide: im2col), a strided one (im2col).
    [Theory]
    [InlineData(2, 1, 28, 28, 6, 5, 1, 2)]
    [InlineData(2, 6, 14, 14, 16, 5, 1, 0)]
    [InlineData(2, 64, 8, 8, 128, 3, 1, 1)]
    [InlineData(3, 3, 11, 11, 8, 3, 2, 1)]
    public void ConvolutionWithFusedReluEqualsConvolutionThenRelu(int batch, int inC, int h, int w, int outC, int k, int stride, int padding)
    {
        var random = new Random(5);
        int outH = (h + 2 * padding - k) / stride + 1, outW = (w + 2 * padding - k) / stride + 1;
        float[] input = KernelAssert.RandomFloats(random, batch * inC * h * w);
        float[] weight = KernelAssert.RandomFloats(random, outC * inC * k * k);
        float[] bias = KernelAssert.RandomFloats(random, outC);
        float[] workspace = new float[Conv2d.WorkspaceLength(inC, h, w, outC, k, stride, padding)];
        float[] separate = new float[batch * outC * outH * outW], fused = new float[separate.Length];

        Conv2d.Forward(separate, input, weight, bias, workspace, batch, inC, h, w, outC, k, stride, padding);
        Assert.Contains(separate, v => v < 0);
        Relu.Forward(separate, separate);
        Conv2d.Forward(fused, input, weight, bias, workspace, batch, inC, h, w, outC, k, stride, padding, FusedActivation.Relu);

        Assert.Equal(separate, fused);
    }

    [Theory]
    [InlineData(1, 400, 120)]
    [InlineData(64, 2048, 256)]
    [InlineData(7, 33, 17)]
    public void FullyConnectedWithFusedReluEqualsFullyConnectedThenRelu(int batch, int inFeatures, int outFeatures)
    {
        var random = new Random(6);
        float[] input = KernelAssert.RandomFloats(random, batch * inFeatures);
        float[] weight = KernelAssert.RandomFloats(random, outFeatures * inFeatures);
        float[] bias = KernelAssert.RandomFloats(random, outFeatures);
        float[] separate = new float[batch * outFeatures], fused = new float[separate.Length];

        FullyConnected.Forward(separate, input, weight, bias, batch, inFeatures, outFeatures);
        Assert.Contains(separate, v => v < 0);
        Relu.Forward(separate, separate);
        FullyConnected.Forward(fused, input, weight, bias, batch, inFeatures, outFeatures, FusedActivation.Relu);

        Assert.Equal(separate, fused);
    }

    [Fact]
    public void UndefinedActivationIsRefusedByName()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            FullyConnected.Forward(new float[2], new float[3], new float[6], new float[2], 1, 3, 2, (FusedActivation)7));
        Assert.Equal("activation", error.ParamName);
    }
}
