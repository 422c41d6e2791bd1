using System.Linq;
using StaticNets.Generator.Model;
using static StaticNets.Generator.Tests.Infrastructure.BindingHarness;

namespace StaticNets.Generator.Tests.Binding;

/// <summary>BATCHNORM/BN: gamma and beta per channel (per feature when flat), running statistics in buffers.</summary>
public class BatchNormLayerTests
{
    [Fact]
    public void BatchNormAfterAConvolutionIsPerChannel()
    {
        var network = Valid("CONV(4,3)+BATCHNORM+RELU+FC(3)+SOFTMAX");
        var bn = network.Layer("bn1");
        Assert.Equal(LayerKind.BatchNorm, bn.Kind);
        Assert.Equal((new Shape(4, 6, 6), new Shape(4, 6, 6)), (bn.Input, bn.Output));
        // conv1 holds 4*1*3*3 + 4 = 40 parameters: gamma [4] at 40, beta [4] at 44.
        Assert.Equal((40, 4, 44, 4), (bn.WeightOffset, bn.WeightCount, bn.BiasOffset, bn.BiasCount));
        Assert.Equal((WeightInit.Constant, 1f, 0), (bn.Init, bn.InitConstant, bn.FanIn));
        Assert.Equal((0.1f, 1e-5f), (bn.Momentum, bn.Epsilon));
        Assert.Equal((0, 8), (bn.BufferOffset, bn.BufferCount));
        Assert.Equal("BATCHNORM", bn.SourceText);
        Assert.Equal(8, network.BufferCount);
        Assert.Equal(48, network.Layer("fc1").WeightOffset);
    }

    [Fact]
    public void TwoBatchNormsAccumulateBufferOffsetsInLayerOrder()
    {
        // 1x8x8 -> conv1 4x6x6 -> bn1 (4 channels) -> fc1 6 -> bn2 (6 features).
        var network = Valid("CONV(4,3)+BN+RELU+FC(6)+BN+RELU+FC(3)+SOFTMAX");
        var bn1 = network.Layer("bn1");
        var bn2 = network.Layer("bn2");
        Assert.Equal((0, 8), (bn1.BufferOffset, bn1.BufferCount));
        Assert.Equal((8, 12), (bn2.BufferOffset, bn2.BufferCount));
        Assert.Equal(20, network.BufferCount);

        // Parameters: conv1 36+4 at 0, bn1 4+4 at 40, fc1 864+6 at 48, bn2 6+6 at 918, fc2 18+3 at 930.
        Assert.Equal((40, 44), (bn1.WeightOffset, bn1.BiasOffset));
        Assert.Equal((new Shape(6, 1, 1), 918, 6, 924, 6), (bn2.Input, bn2.WeightOffset, bn2.WeightCount, bn2.BiasOffset, bn2.BiasCount));
        Assert.Equal(930, network.Layer("fc2").WeightOffset);
        Assert.Equal(951, network.ParameterCount);
        Assert.All(network.Layers.Where(l => l.Kind != LayerKind.BatchNorm), l => Assert.Equal((-1, 0), (l.BufferOffset, l.BufferCount)));
    }

    [Fact]
    public void BatchNormOnAFlatInputIsPerFeature()
    {
        var network = Valid("BN+FC(2)+SOFTMAX", input: "5");
        var bn = network.Layer("bn1");
        Assert.Equal((0, 5, 5, 5, 0, 10), (bn.WeightOffset, bn.WeightCount, bn.BiasOffset, bn.BiasCount, bn.BufferOffset, bn.BufferCount));
        Assert.Equal(10 + 12, network.ParameterCount);
        Assert.Equal("BN", bn.SourceText);
    }

    [Fact]
    public void MomentumAndEpsilonArePositionalOrNamedAndShownWhenNotDefault()
    {
        var network = Valid("FC(4)+BN(0.2)+FC(4)+BATCHNORM(eps: 1e-3)+FC(4)+bn(0.01, 1e-7)+FC(4)+BN(momentum: 0.1, eps: 0.00001)+FC(3)+SOFTMAX", input: "5");
        var layers = network.Layers.Where(l => l.Kind == LayerKind.BatchNorm).ToList();
        Assert.Equal(new[] { "bn1", "bn2", "bn3", "bn4" }, layers.Select(l => l.Name));
        Assert.Equal(new[] { 0.2f, 0.1f, 0.01f, 0.1f }, layers.Select(l => l.Momentum));
        Assert.Equal(new[] { 1e-5f, 1e-3f, 1e-7f, 1e-5f }, layers.Select(l => l.Epsilon));
        Assert.Equal(new[] { "BN(0.2)", "BATCHNORM(eps:0.001)", "BN(0.01,eps:1e-7)", "BN" }, layers.Select(l => l.SourceText));
        Assert.Equal(new[] { 0, 8, 16, 24 }, layers.Select(l => l.BufferOffset));
    }

    [Theory]
    [InlineData("FC(4)+BATCHNORM([|0|])+FC(3)+SOFTMAX", "BATCHNORM momentum must be greater than 0 and at most 1, got 0")]
    [InlineData("FC(4)+BN(momentum: [|1.5|])+FC(3)+SOFTMAX", "BN momentum must be greater than 0 and at most 1, got 1.5")]
    [InlineData("FC(4)+BN(0.1, [|0|])+FC(3)+SOFTMAX", "BN eps must be greater than 0 and finite, got 0")]
    [InlineData("FC(4)+BN(eps: [|-1e-5|])+FC(3)+SOFTMAX", "BN eps must be greater than 0 and finite, got -1e-5")]
    [InlineData("FC(4)+BN(eps: [|1e-50|])+FC(3)+SOFTMAX", "BN eps must be greater than 0 and finite, got 1e-50 (0 as a float)")]
    public void MomentumAndEpsilonOutOfRangeAreReportedOnTheValue(string architecture, string message)
    {
        Assert.Equal(message, ErrorAt(architecture, "SN0009").Message);
    }

    [Fact]
    public void MomentumOfExactlyOneIsAllowed()
    {
        Assert.Equal(1f, Valid("FC(4)+BN(1)+FC(3)+SOFTMAX").Layer("bn1").Momentum);
    }

    [Fact]
    public void AMisspeltArgumentSuggestsEps()
    {
        Assert.Equal("BN has no argument 'esp' (did you mean eps?); valid arguments are momentum, eps",
            ErrorAt("FC(4)+BN([|esp|]: 1e-3)+FC(3)+SOFTMAX", "SN0002").Message);
    }

    [Fact]
    public void DefaultsForBatchnormApplyUnderEitherName()
    {
        var network = Valid("FC(4)+BN+FC(4)+BATCHNORM+FC(3)+SOFTMAX", defaults: "BATCHNORM(eps: 1e-3)");
        Assert.All(network.Layers.Where(l => l.Kind == LayerKind.BatchNorm), l => Assert.Equal((0.1f, 1e-3f), (l.Momentum, l.Epsilon)));
        var aliased = Valid("FC(4)+BATCHNORM+FC(3)+SOFTMAX", defaults: "bn(0.5)");
        Assert.Equal(0.5f, aliased.Layer("bn1").Momentum);
    }
}
