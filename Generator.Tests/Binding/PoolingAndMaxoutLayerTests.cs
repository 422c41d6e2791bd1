using System.Linq;
using StaticNets.Generator.Model;
using static StaticNets.Generator.Tests.Infrastructure.BindingHarness;

namespace StaticNets.Generator.Tests.Binding;

/// <summary>AVGPOOL (pooling like POOL, numbered on its own) and MAXOUT (an FC to units*pieces, then the max of each unit's pieces).</summary>
public class PoolingAndMaxoutLayerTests
{
    [Fact]
    public void AvgPoolTilesLikePoolAndIsNumberedApartFromIt()
    {
        var network = Valid("CONV(2,3,pad:1)+POOL+AVGPOOL+MAXPOOL(1)+avgpool(2, stride: 1)+FC(3)+SOFTMAX", input: "1x16x16");
        Assert.Equal(new[] { "conv1", "pool1", "avgpool1", "pool2", "avgpool2", "fc1", "softmax" }, network.Layers.Select(l => l.Name));
        var first = network.Layer("avgpool1");
        Assert.Equal(LayerKind.AvgPool, first.Kind);
        Assert.Equal((new Shape(2, 8, 8), new Shape(2, 4, 4)), (first.Input, first.Output));
        Assert.Equal((0, 2, 2, 0), (first.Size, first.KernelSize, first.Stride, first.Padding));
        Assert.Equal((-1, 0, -1, 0, WeightInit.None), (first.WeightOffset, first.WeightCount, first.BiasOffset, first.BiasCount, first.Init));
        Assert.Equal("AVGPOOL(2)", first.SourceText);
        var second = network.Layer("avgpool2");
        Assert.Equal((new Shape(2, 3, 3), 2, 1, "AVGPOOL(2,stride:1)"), (second.Output, second.KernelSize, second.Stride, second.SourceText));
    }

    [Fact]
    public void AvgPoolWindowThatDoesNotTileIsReportedOnTheWindow()
    {
        Assert.Equal(
            "AVGPOOL #1: window 3 with stride 3 does not tile the Input 1x8x8: (8 - 3) = 5 is not divisible by stride 3, so the output size 5/3 + 1 is not a whole number; strides that fit: 1 (output 6); windows that fit stride 3: 2 (output 3), 5 (output 2), 8 (output 1)",
            ErrorAt("AVGPOOL([|3|])+FC(3)+SOFTMAX", "SN0004").Message);
        Assert.Equal(
            "AVGPOOL #2: window 2 with stride 3 does not tile the input 1x4x4 produced by avgpool1 (AVGPOOL(2)): (4 - 2) = 2 is not divisible by stride 3, so the output size 2/3 + 1 is not a whole number; strides that fit: 1 (output 3), 2 (output 2); windows that fit stride 3: 4 (output 1)",
            ErrorAt("AVGPOOL+AVGPOOL(2, stride: [|3|])+FC(3)+SOFTMAX", "SN0004").Message);
    }

    [Fact]
    public void AvgPoolLargerThanItsInputCollapses()
    {
        Assert.Equal("AVGPOOL #1: window 2 is larger than the input size 1: the input 4 produced by fc1 (FC(4)) is a flat vector; pool earlier, while the input is still an image",
            ErrorAt("FC(4)+[|AVGPOOL|]+FC(3)+SOFTMAX", "SN0005").Message);
        Assert.Equal("AVGPOOL size must be at least 1, got 0", ErrorAt("AVGPOOL([|0|])+FC(3)+SOFTMAX", "SN0009").Message);
    }

    [Fact]
    public void DefaultsForPoolDoNotApplyToAvgPool()
    {
        var network = Valid("POOL+AVGPOOL+FC(3)+SOFTMAX", input: "1x8x8", defaults: "POOL(4)");
        Assert.Equal(new Shape(1, 2, 2), network.Layer("pool1").Output);
        Assert.Equal(new Shape(1, 1, 1), network.Layer("avgpool1").Output);
    }

    [Fact]
    public void MaxoutCountsUnitsTimesPiecesWeightsAndBiases()
    {
        // 1x8x8 flattens to 64 inputs; 16 units of 3 pieces are an FC to 48: 48*64 weights, 48 biases.
        var network = Valid("MAXOUT(16,3)+FC(4)+SOFTMAX");
        var maxout = network.Layer("maxout1");
        Assert.Equal(LayerKind.Maxout, maxout.Kind);
        Assert.Equal((new Shape(1, 8, 8), new Shape(16, 1, 1)), (maxout.Input, maxout.Output));
        Assert.Equal((16, 3), (maxout.Size, maxout.Pieces));
        Assert.Equal((0, 3072, 3072, 48), (maxout.WeightOffset, maxout.WeightCount, maxout.BiasOffset, maxout.BiasCount));
        Assert.Equal((WeightInit.He, 64), (maxout.Init, maxout.FanIn));
        Assert.Equal(3072L, maxout.MultiplyAdds);
        Assert.Equal("MAXOUT(16,3)", maxout.SourceText);
        Assert.Equal(3120, network.Layer("fc1").WeightOffset);
        Assert.Equal(3120 + 68, network.ParameterCount);
    }

    [Fact]
    public void MaxoutPiecesDefaultToTwoAndAreShownOnlyWhenNot()
    {
        var network = Valid("MAXOUT(5)+MAXOUT(units: 4, pieces: 2)+maxout(3, pieces: 4)+FC(2)+SOFTMAX", input: "6");
        var layers = network.Layers.Where(l => l.Kind == LayerKind.Maxout).ToList();
        Assert.Equal(new[] { "maxout1", "maxout2", "maxout3" }, layers.Select(l => l.Name));
        Assert.Equal(new[] { 2, 2, 4 }, layers.Select(l => l.Pieces));
        Assert.Equal(new[] { "MAXOUT(5)", "MAXOUT(4)", "MAXOUT(3,4)" }, layers.Select(l => l.SourceText));
        Assert.Equal(new[] { 60, 40, 48 }, layers.Select(l => l.WeightCount));
        Assert.Equal(new[] { 10, 8, 12 }, layers.Select(l => l.BiasCount));
    }

    [Theory]
    [InlineData("MAXOUT(4, [|1|])+FC(3)+SOFTMAX", "SN0009", "MAXOUT pieces must be at least 2, got 1")]
    [InlineData("MAXOUT([|0|])+FC(3)+SOFTMAX", "SN0009", "MAXOUT units must be at least 1, got 0")]
    [InlineData("MAXOUT([|2.5|])+FC(3)+SOFTMAX", "SN0009", "MAXOUT units must be a whole number within the range of int, got 2.5")]
    [InlineData("[|MAXOUT|]+FC(3)+SOFTMAX", "SN0009", "MAXOUT is missing units: write MAXOUT(units) or give them in Defaults")]
    [InlineData("MAXOUT(4, [|piece|]: 3)+FC(3)+SOFTMAX", "SN0002", "MAXOUT has no argument 'piece' (did you mean pieces?); valid arguments are units, pieces")]
    public void MaxoutArgumentErrorsAreReportedOnTheArgument(string architecture, string id, string message)
    {
        Assert.Equal(message, ErrorAt(architecture, id).Message);
    }

    [Fact]
    public void MaxoutTooWideBeforeTheMaxIsReported()
    {
        Assert.Equal("MAXOUT #1 (units*pieces) output 2147483646x1x1 has 2147483646 values per example, more than the limit of 1073741824",
            ErrorAt("MAXOUT([|1073741823|], 2)+FC(3)+SOFTMAX", "SN0009").Message);
    }
}
