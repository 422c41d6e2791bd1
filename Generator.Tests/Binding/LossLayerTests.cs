using System.Linq;
using Microsoft.CodeAnalysis.Text;
using StaticNets.Generator.Binding;
using StaticNets.Generator.Model;
using static StaticNets.Generator.Tests.Infrastructure.BindingHarness;

namespace StaticNets.Generator.Tests.Binding;

/// <summary>SVM and L2 are losses exactly as SOFTMAX: last and once, as wide as Classes, the scoring FC implied after anything else.</summary>
public class LossLayerTests
{
    [Fact]
    public void SvmAfterAnFcTakesItsWidthAndDefaultMargin()
    {
        var network = Valid("FC(7)+SVM", input: "5");
        var svm = network.Layers[^1];
        Assert.Equal(("svm", LayerKind.SvmLoss, new Shape(7, 1, 1), new Shape(7, 1, 1)), (svm.Name, svm.Kind, svm.Input, svm.Output));
        Assert.Equal((1f, "SVM(1)", WeightInit.None, 0), (svm.Margin, svm.SourceText, svm.Init, svm.ParameterCount));
        Assert.Equal(7, network.Classes);
        Assert.Equal(WeightInit.Scoring, network.Layer("fc1").Init);
        Assert.Empty(Bind("FC(7)+SVM", input: "5").Diagnostics);
    }

    [Fact]
    public void SvmMarginIsPositionalOrNamed()
    {
        var positional = Valid("FC(3)+SVM(0.5)").Layers[^1];
        Assert.Equal((0.5f, "SVM(0.5)"), (positional.Margin, positional.SourceText));
        var named = Valid("FC(3)+svm(margin: 2)").Layers[^1];
        Assert.Equal((2f, "SVM(2)"), (named.Margin, named.SourceText));
    }

    [Theory]
    [InlineData("FC(3)+SVM([|0|])", "SVM margin must be greater than 0 and finite, got 0")]
    [InlineData("FC(3)+SVM(margin: [|-1|])", "SVM margin must be greater than 0 and finite, got -1")]
    [InlineData("FC(3)+SVM([|1e40|])", "SVM margin must be greater than 0 and finite, got 1e40 (infinity as a float)")]
    public void SvmMarginMustBePositiveAndFinite(string architecture, string message)
    {
        Assert.Equal(message, ErrorAt(architecture, "SN0009").Message);
    }

    [Fact]
    public void L2AfterAnFcTakesItsWidth()
    {
        var network = Valid("FC(16)+TANH+FC(3)+L2", input: "5");
        var l2 = network.Layers[^1];
        Assert.Equal(("l2", LayerKind.SquaredErrorLoss, new Shape(3, 1, 1), "L2"), (l2.Name, l2.Kind, l2.Output, l2.SourceText));
        Assert.Equal(3, network.Classes);
        Assert.Equal(new[] { WeightInit.Xavier, WeightInit.None, WeightInit.Scoring, WeightInit.None }, network.Layers.Select(l => l.Init));
        Assert.Equal("L2 takes no arguments", ErrorAt("FC(3)+L2([|1|])", "SN0009").Message);
    }

    [Theory]
    [InlineData("SVM", nameof(LayerKind.SvmLoss))]
    [InlineData("L2", nameof(LayerKind.SquaredErrorLoss))]
    public void LossAfterANonlinearityImpliesTheScoringFc(string loss, string kind)
    {
        var result = Bind("FC(8)+RELU+" + loss, input: "5", classes: 4);
        var info = Assert.Single(result.Diagnostics);
        Assert.Equal("SN0010", info.Descriptor.Id);
        Assert.Equal(loss + " follows RELU, so the scoring FC(4) is implied before it (fc2)", info.Message);
        Assert.Equal(new SourceSpan(NetworkArgument.Architecture, new TextSpan(11, loss.Length)), info.At);

        var network = result.Network!;
        Assert.Equal(new[] { "fc1", "relu1", "fc2", loss.ToLowerInvariant() }, network.Layers.Select(l => l.Name));
        var scoring = network.Layer("fc2");
        Assert.True(scoring.Implied);
        // fc1: 8*5 weights and 8 biases; the implied fc2: 4*8 weights at 48, 4 biases at 80.
        Assert.Equal((new Shape(4, 1, 1), 48, 32, 80, 4, WeightInit.Scoring),
            (scoring.Output, scoring.WeightOffset, scoring.WeightCount, scoring.BiasOffset, scoring.BiasCount, scoring.Init));
        Assert.Equal(84, network.ParameterCount);
        Assert.Equal(kind, network.Layers[^1].Kind.ToString());
        Assert.Equal(4, network.Classes);
    }

    [Fact]
    public void LossWithoutClassesAfterANonlinearityNamesWhatItNeeds()
    {
        Assert.Equal("SVM needs the number of classes: set Classes = n, or put FC(n) right before it",
            ErrorAt("FC(8)+RELU+[|SVM|]", "SN0008", input: "5").Message);
        Assert.Equal("L2 needs the number of outputs: set Classes = n, or put FC(n) right before it",
            ErrorAt("FC(8)+RELU+[|L2|]", "SN0008", input: "5").Message);
    }

    [Fact]
    public void LossWidthDifferentFromClassesIsReportedOnTheUnits()
    {
        Assert.Equal("SVM gets 12 scores from FC(12) but Classes = 10; make the last FC FC(10) or set Classes = 12",
            ErrorAt("FC([|12|])+SVM", "SN0008", input: "5", classes: 10).Message);
        Assert.Equal("L2 gets 12 predictions from FC(12) but Classes = 10; make the last FC FC(10) or set Classes = 12",
            ErrorAt("FC([|12|])+L2", "SN0008", input: "5", classes: 10).Message);
    }

    [Fact]
    public void MisplacedLossesAreReported()
    {
        Assert.Equal("SVM must be the last layer, but 1 layer(s) follow it", ErrorAt("FC(10)+[|SVM|]+FC(3)", "SN0008", input: "5").Message);
        Assert.Equal("L2 must be the last layer, but 2 layer(s) follow it", ErrorAt("FC(10)+[|L2|]+RELU+FC(3)", "SN0008", input: "5").Message);
        Assert.Equal("only one loss is allowed, as the last layer, but the network has 2", ErrorAt("FC(10)+[|SOFTMAX|]+FC(3)+L2", "SN0008", input: "5").Message);
        Assert.Equal("only one loss is allowed, as the last layer, but the network has 2", ErrorAt("FC(10)+[|L2|]+FC(3)+SVM", "SN0008", input: "5").Message);
    }

    [Fact]
    public void ANetworkWithoutALossNamesAllThree()
    {
        Assert.Equal("the network has no loss: end it with SOFTMAX (softmax + cross-entropy), SVM (multiclass hinge) or L2 (squared error)",
            ErrorAt("FC(10)+[|DROPOUT|]", "SN0008", input: "5", classes: 10).Message);
    }

    [Fact]
    public void ALossAfterALookThroughLayerStillImpliesTheScoringFc()
    {
        // DESIGN.md: a loss right after anything but an FC implies FC(Classes), so FC(10) here is a hidden layer.
        var network = Valid("FC(10)+DROPOUT+SVM", input: "5", classes: 10);
        Assert.Equal(new[] { "fc1", "dropout1", "fc2", "svm" }, network.Layers.Select(l => l.Name));
        Assert.True(network.Layer("fc2").Implied);
        Assert.Equal((WeightInit.Xavier, WeightInit.Scoring), (network.Layer("fc1").Init, network.Layer("fc2").Init));
    }
}
