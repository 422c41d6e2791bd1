using System.Linq;
using StaticNets.Generator.Model;
using static StaticNets.Generator.Tests.Infrastructure.BindingHarness;

namespace StaticNets.Generator.Tests.Binding;

/// <summary>LEAKYRELU, ELU, PRELU, SIGMOID, TANH, SOFTPLUS and DROPOUT: shape-preserving, with their own fields and ranges.</summary>
public class ActivationLayerTests
{
    [Fact]
    public void ActivationsKeepTheShapeAndHaveNoParametersExceptPrelu()
    {
        var network = Valid("CONV(3,3)+LEAKYRELU+ELU+SIGMOID+TANH+SOFTPLUS+DROPOUT+FC(4)+SOFTMAX");
        Assert.Equal(
            new[] { "conv1", "leakyrelu1", "elu1", "sigmoid1", "tanh1", "softplus1", "dropout1", "fc1", "softmax" },
            network.Layers.Select(l => l.Name));
        Assert.Equal(
            new[] { LayerKind.LeakyRelu, LayerKind.Elu, LayerKind.Sigmoid, LayerKind.Tanh, LayerKind.Softplus, LayerKind.Dropout },
            network.Layers.Skip(1).Take(6).Select(l => l.Kind));
        foreach (var layer in network.Layers.Skip(1).Take(6))
        {
            Assert.Equal(new Shape(3, 6, 6), layer.Input);
            Assert.Equal(new Shape(3, 6, 6), layer.Output);
            Assert.Equal((-1, 0, -1, 0, WeightInit.None, 0), (layer.WeightOffset, layer.WeightCount, layer.BiasOffset, layer.BiasCount, layer.Init, layer.FanIn));
            Assert.Equal((-1, 0), (layer.BufferOffset, layer.BufferCount));
        }
        Assert.Equal(30 + (4 * 108) + 4, network.ParameterCount);
        Assert.Equal(0, network.BufferCount);
    }

    [Fact]
    public void ActivationsAreNumberedPerKind()
    {
        var network = Valid("FC(4)+TANH+FC(4)+TANH+FC(4)+SIGMOID+FC(4)+LEAKYRELU+FC(4)+LEAKYRELU+FC(3)+SOFTMAX");
        Assert.Equal(
            new[] { "fc1", "tanh1", "fc2", "tanh2", "fc3", "sigmoid1", "fc4", "leakyrelu1", "fc5", "leakyrelu2", "fc6", "softmax" },
            network.Layers.Select(l => l.Name));
    }

    [Fact]
    public void LeakyReluSlopeDefaultsToOneHundredthAndIsAlwaysShown()
    {
        var network = Valid("FC(4)+LEAKYRELU+FC(4)+LeakyRelu(0.1)+FC(4)+LEAKYRELU(alpha: 0)+FC(3)+SOFTMAX");
        var layers = network.Layers.Where(l => l.Kind == LayerKind.LeakyRelu).ToList();
        Assert.Equal(new[] { 0.01f, 0.1f, 0f }, layers.Select(l => l.Alpha));
        Assert.Equal(new[] { "LEAKYRELU(0.01)", "LEAKYRELU(0.1)", "LEAKYRELU(0)" }, layers.Select(l => l.SourceText));
    }

    [Theory]
    [InlineData("FC(4)+LEAKYRELU([|1|])+FC(3)+SOFTMAX", "LEAKYRELU alpha must be at least 0 and less than 1, got 1")]
    [InlineData("FC(4)+LEAKYRELU(alpha: [|-0.01|])+FC(3)+SOFTMAX", "LEAKYRELU alpha must be at least 0 and less than 1, got -0.01")]
    [InlineData("FC(4)+leakyrelu([|1e5|])+FC(3)+SOFTMAX", "LEAKYRELU alpha must be at least 0 and less than 1, got 1e5")]
    [InlineData("FC(4)+LEAKYRELU([|0.999999999|])+FC(3)+SOFTMAX", "LEAKYRELU alpha must be at least 0 and less than 1, got 0.999999999 (1 as a float)")]
    public void LeakyReluSlopeOutsideZeroToOneIsReportedOnTheValue(string architecture, string message)
    {
        Assert.Equal(message, ErrorAt(architecture, "SN0009").Message);
    }

    [Fact]
    public void EluAlphaDefaultsToOne()
    {
        var network = Valid("FC(4)+ELU+FC(4)+ELU(0.5)+FC(4)+ELU(alpha: 2)+FC(3)+SOFTMAX");
        var layers = network.Layers.Where(l => l.Kind == LayerKind.Elu).ToList();
        Assert.Equal(new[] { 1f, 0.5f, 2f }, layers.Select(l => l.Alpha));
        Assert.Equal(new[] { "ELU(1)", "ELU(0.5)", "ELU(2)" }, layers.Select(l => l.SourceText));
    }

    [Theory]
    [InlineData("FC(4)+ELU([|0|])+FC(3)+SOFTMAX", "ELU alpha must be greater than 0 and finite, got 0")]
    [InlineData("FC(4)+ELU(alpha: [|-1.5|])+FC(3)+SOFTMAX", "ELU alpha must be greater than 0 and finite, got -1.5")]
    [InlineData("FC(4)+ELU([|1e39|])+FC(3)+SOFTMAX", "ELU alpha must be greater than 0 and finite, got 1e39 (infinity as a float)")]
    [InlineData("FC(4)+ELU([|1e-46|])+FC(3)+SOFTMAX", "ELU alpha must be greater than 0 and finite, got 1e-46 (0 as a float)")]
    public void EluAlphaMustBePositiveAndFinite(string architecture, string message)
    {
        Assert.Equal(message, ErrorAt(architecture, "SN0009").Message);
    }

    [Fact]
    public void PreluHasOneSlopePerChannelAfterAConvolution()
    {
        var network = Valid("CONV(3,3)+PRELU+FC(5)+SOFTMAX");
        var prelu = network.Layer("prelu1");
        Assert.Equal(LayerKind.Prelu, prelu.Kind);
        Assert.Equal((new Shape(3, 6, 6), new Shape(3, 6, 6)), (prelu.Input, prelu.Output));
        // conv1: 3*1*3*3 weights + 3 biases = 30, so the slopes start at 30.
        Assert.Equal((30, 3, -1, 0), (prelu.WeightOffset, prelu.WeightCount, prelu.BiasOffset, prelu.BiasCount));
        Assert.Equal((WeightInit.Constant, 0.25f, 0), (prelu.Init, prelu.InitConstant, prelu.FanIn));
        Assert.Equal((0f, "PRELU"), (prelu.Alpha, prelu.SourceText));
        Assert.Equal(33, network.Layer("fc1").WeightOffset);
        Assert.Equal(30 + 3 + (5 * 108) + 5, network.ParameterCount);
    }

    [Fact]
    public void PreluHasOneSlopePerFeatureAfterAnFc()
    {
        var network = Valid("FC(7)+PRELU+FC(2)+SOFTMAX", input: "5");
        var prelu = network.Layer("prelu1");
        Assert.Equal((new Shape(7, 1, 1), new Shape(7, 1, 1)), (prelu.Input, prelu.Output));
        Assert.Equal((42, 7, -1, 0), (prelu.WeightOffset, prelu.WeightCount, prelu.BiasOffset, prelu.BiasCount));
        Assert.Equal(42 + 7 + 16, network.ParameterCount);
    }

    [Fact]
    public void PreluOnTheInputHasOneSlopePerInputChannel()
    {
        var prelu = Valid("PRELU+FC(2)+SOFTMAX", input: "3x4x4").Layer("prelu1");
        Assert.Equal((0, 3), (prelu.WeightOffset, prelu.WeightCount));
    }

    [Fact]
    public void PreluTakesNoArguments()
    {
        Assert.Equal("PRELU takes no arguments", ErrorAt("FC(4)+PRELU([|0.25|])+FC(3)+SOFTMAX", "SN0009").Message);
        Assert.Equal("PRELU has no argument 'alpha'; it takes no arguments", ErrorAt("FC(4)+PRELU([|alpha|]: 0.25)+FC(3)+SOFTMAX", "SN0002").Message);
    }

    [Fact]
    public void DropoutProbabilityDefaultsToOneHalfAndIsAlwaysShown()
    {
        var network = Valid("FC(4)+DROPOUT+FC(4)+DROPOUT(0.2)+FC(4)+dropout(p: 0)+FC(3)+SOFTMAX");
        var layers = network.Layers.Where(l => l.Kind == LayerKind.Dropout).ToList();
        Assert.Equal(new[] { "dropout1", "dropout2", "dropout3" }, layers.Select(l => l.Name));
        Assert.Equal(new[] { 0.5f, 0.2f, 0f }, layers.Select(l => l.DropProbability));
        Assert.Equal(new[] { "DROPOUT(0.5)", "DROPOUT(0.2)", "DROPOUT(0)" }, layers.Select(l => l.SourceText));
    }

    [Theory]
    [InlineData("FC(4)+DROPOUT([|1|])+FC(3)+SOFTMAX", "DROPOUT p must be at least 0 and less than 1, got 1")]
    [InlineData("FC(4)+DROPOUT(p: [|-0.5|])+FC(3)+SOFTMAX", "DROPOUT p must be at least 0 and less than 1, got -0.5")]
    [InlineData("FC(4)+DROPOUT([|0.99999999|])+FC(3)+SOFTMAX", "DROPOUT p must be at least 0 and less than 1, got 0.99999999 (1 as a float)")]
    public void DropoutProbabilityMustBeBelowOne(string architecture, string message)
    {
        Assert.Equal(message, ErrorAt(architecture, "SN0009").Message);
    }

    [Fact]
    public void ArgumentlessActivationsRefuseArguments()
    {
        foreach (var name in new[] { "SIGMOID", "TANH", "SOFTPLUS" })
        {
            Assert.Equal(name + " takes no arguments", ErrorAt("FC(4)+" + name + "([|1|])+FC(3)+SOFTMAX", "SN0009").Message);
        }
    }

    [Fact]
    public void UnknownArgumentsOfTheNewLayersListTheValidOnes()
    {
        Assert.Equal("DROPOUT has no argument 'rate'; valid arguments are p",
            ErrorAt("FC(4)+DROPOUT([|rate|]: 0.2)+FC(3)+SOFTMAX", "SN0002").Message);
        Assert.Equal("LEAKYRELU has no argument 'alhpa' (did you mean alpha?); valid arguments are alpha",
            ErrorAt("FC(4)+LEAKYRELU([|alhpa|]: 0.2)+FC(3)+SOFTMAX", "SN0002").Message);
    }
}
