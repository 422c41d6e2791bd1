using System.Linq;
using StaticNets.Generator.Model;
using static StaticNets.Generator.Tests.Infrastructure.BindingHarness;

namespace StaticNets.Generator.Tests.Binding;

/// <summary>
/// The weights of CONV and FC start as the first activation after them asks (notes §6.3), looking through
/// batch norm, dropout and pooling; MAXOUT's are He, batch norm's gamma 1 and PReLU's slope 0.25.
/// </summary>
public class WeightInitTests
{
    // Theory data names the init (the enum is internal, so it cannot be a public test method's parameter).
    private static string FirstInit(string architecture, string input = "1x8x8") => Valid(architecture, input).Layers[0].Init.ToString();

    [Theory]
    [InlineData("RELU", nameof(WeightInit.He))]
    [InlineData("LEAKYRELU", nameof(WeightInit.He))]
    [InlineData("PRELU", nameof(WeightInit.He))]
    [InlineData("ELU", nameof(WeightInit.He))]
    [InlineData("TANH", nameof(WeightInit.Xavier))]
    [InlineData("SIGMOID", nameof(WeightInit.Sigmoid))]
    [InlineData("SOFTPLUS", nameof(WeightInit.Xavier))]
    [InlineData("FC(4)", nameof(WeightInit.Xavier))]
    [InlineData("CONV(2,1)", nameof(WeightInit.Xavier))]
    [InlineData("MAXOUT(4)", nameof(WeightInit.Xavier))]
    public void TheActivationRightAfterAConvolutionChoosesItsInit(string next, string expected)
    {
        Assert.Equal(expected, FirstInit("CONV(2,3)+" + next + "+FC(3)+SOFTMAX"));
    }

    [Theory]
    [InlineData("BN+RELU", nameof(WeightInit.He))]
    [InlineData("POOL(2)+RELU", nameof(WeightInit.He))]
    [InlineData("MAXPOOL+LEAKYRELU(0.2)", nameof(WeightInit.He))]
    [InlineData("AVGPOOL+TANH", nameof(WeightInit.Xavier))]
    [InlineData("BATCHNORM+SIGMOID", nameof(WeightInit.Sigmoid))]
    [InlineData("DROPOUT+ELU", nameof(WeightInit.He))]
    [InlineData("BN+POOL+DROPOUT(0.1)+PRELU", nameof(WeightInit.He))]
    [InlineData("POOL+SOFTPLUS", nameof(WeightInit.Xavier))]
    [InlineData("BN+FC(4)+RELU", nameof(WeightInit.Xavier))]
    public void BatchNormDropoutAndPoolingAreLookedThrough(string next, string expected)
    {
        Assert.Equal(expected, FirstInit("CONV(2,3,pad:1)+" + next + "+FC(3)+SOFTMAX"));
    }

    [Theory]
    [InlineData("SOFTMAX")]
    [InlineData("SVM")]
    [InlineData("L2")]
    public void TheFcFeedingAnyLossGetsScoringInit(string loss)
    {
        var network = Valid("FC(6)+DROPOUT+RELU+FC(3)+" + loss, input: "5");
        Assert.Equal(new[] { WeightInit.He, WeightInit.None, WeightInit.None, WeightInit.Scoring, WeightInit.None }, network.Layers.Select(l => l.Init));
    }

    [Fact]
    public void MaxoutWeightsAreHeWhateverFollows()
    {
        foreach (var next in new[] { "SIGMOID", "TANH", "FC(4)", "BN+SOFTPLUS" })
        {
            var maxout = Valid("MAXOUT(4)+" + next + "+FC(3)+SOFTMAX").Layer("maxout1");
            Assert.Equal(WeightInit.He, maxout.Init);
            Assert.Equal(0f, maxout.InitConstant);
        }
    }

    [Fact]
    public void BatchNormAndPreluStartFromConstants()
    {
        var network = Valid("FC(4)+BN+PRELU+FC(3)+SOFTMAX", input: "5");
        Assert.Equal(
            new[] { (WeightInit.He, 0f), (WeightInit.Constant, 1f), (WeightInit.Constant, 0.25f), (WeightInit.Scoring, 0f), (WeightInit.None, 0f) },
            network.Layers.Select(l => (l.Init, l.InitConstant)));
    }

    [Fact]
    public void EveryLayerOfADeepMixedNetworkGetsTheDocumentedInit()
    {
        var network = Valid("CONV(4,3,pad:1)+BN+RELU+CONV(4,3,pad:1)+POOL+TANH+FC(8)+DROPOUT+SIGMOID+MAXOUT(4)+FC(5)+SOFTPLUS+FC(3)+SOFTMAX");
        Assert.Equal(
            new[]
            {
                ("conv1", WeightInit.He), ("bn1", WeightInit.Constant), ("relu1", WeightInit.None),
                ("conv2", WeightInit.Xavier), ("pool1", WeightInit.None), ("tanh1", WeightInit.None),
                ("fc1", WeightInit.Sigmoid), ("dropout1", WeightInit.None), ("sigmoid1", WeightInit.None),
                ("maxout1", WeightInit.He), ("fc2", WeightInit.Xavier), ("softplus1", WeightInit.None),
                ("fc3", WeightInit.Scoring), ("softmax", WeightInit.None),
            },
            network.Layers.Select(l => (l.Name, l.Init)));
    }
}
