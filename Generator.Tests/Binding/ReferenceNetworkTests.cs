using System.Linq;
using StaticNets.Generator.Binding;
using StaticNets.Generator.Model;
using StaticNets.Generator.Tests.Infrastructure;

namespace StaticNets.Generator.Tests.Binding;

/// <summary>
/// The reference networks bind to exactly the layers, shapes and PyTorch state_dict offsets worked out
/// by hand from H2 = (H1 + 2P - F)/S + 1 (tables below), with each layer's weight then its bias.
/// </summary>
public class ReferenceNetworkTests
{
    private sealed record Expected(string Name, LayerKind Kind, Shape Input, Shape Output, int WeightOffset, int WeightCount,
        int BiasOffset, int BiasCount, WeightInit Init, int FanIn);

    private static Shape S(int c, int h = 1, int w = 1) => new(c, h, w);

    private static Expected Conv(string name, Shape input, Shape output, int weightOffset, int weightCount, int biasOffset, int biasCount, int fanIn, WeightInit init = WeightInit.He) =>
        new(name, LayerKind.Convolution, input, output, weightOffset, weightCount, biasOffset, biasCount, init, fanIn);

    private static Expected Fc(string name, Shape input, Shape output, int weightOffset, int weightCount, int biasOffset, int biasCount, int fanIn, WeightInit init) =>
        new(name, LayerKind.FullyConnected, input, output, weightOffset, weightCount, biasOffset, biasCount, init, fanIn);

    private static Expected Plain(string name, LayerKind kind, Shape input, Shape output) =>
        new(name, kind, input, output, -1, 0, -1, 0, WeightInit.None, 0);

    private static readonly Expected[] s_cifar =
    {
        Conv("conv1", S(3, 32, 32), S(32, 32, 32), 0, 864, 864, 32, 27),
        Plain("relu1", LayerKind.Relu, S(32, 32, 32), S(32, 32, 32)),
        Conv("conv2", S(32, 32, 32), S(32, 32, 32), 896, 9216, 10112, 32, 288),
        Plain("relu2", LayerKind.Relu, S(32, 32, 32), S(32, 32, 32)),
        Plain("pool1", LayerKind.MaxPool, S(32, 32, 32), S(32, 16, 16)),
        Conv("conv3", S(32, 16, 16), S(64, 16, 16), 10144, 18432, 28576, 64, 288),
        Plain("relu3", LayerKind.Relu, S(64, 16, 16), S(64, 16, 16)),
        Conv("conv4", S(64, 16, 16), S(64, 16, 16), 28640, 36864, 65504, 64, 576),
        Plain("relu4", LayerKind.Relu, S(64, 16, 16), S(64, 16, 16)),
        Plain("pool2", LayerKind.MaxPool, S(64, 16, 16), S(64, 8, 8)),
        Conv("conv5", S(64, 8, 8), S(128, 8, 8), 65568, 73728, 139296, 128, 576),
        Plain("relu5", LayerKind.Relu, S(128, 8, 8), S(128, 8, 8)),
        Conv("conv6", S(128, 8, 8), S(128, 8, 8), 139424, 147456, 286880, 128, 1152),
        Plain("relu6", LayerKind.Relu, S(128, 8, 8), S(128, 8, 8)),
        Plain("pool3", LayerKind.MaxPool, S(128, 8, 8), S(128, 4, 4)),
        Fc("fc1", S(128, 4, 4), S(256), 287008, 524288, 811296, 256, 2048, WeightInit.He),
        Plain("relu7", LayerKind.Relu, S(256), S(256)),
        Fc("fc2", S(256), S(10), 811552, 2560, 814112, 10, 256, WeightInit.Scoring),
        Plain("softmax", LayerKind.SoftmaxLoss, S(10), S(10)),
    };

    private static readonly Expected[] s_lenet5 =
    {
        Conv("conv1", S(1, 28, 28), S(6, 28, 28), 0, 150, 150, 6, 25),
        Plain("relu1", LayerKind.Relu, S(6, 28, 28), S(6, 28, 28)),
        Plain("pool1", LayerKind.MaxPool, S(6, 28, 28), S(6, 14, 14)),
        Conv("conv2", S(6, 14, 14), S(16, 10, 10), 156, 2400, 2556, 16, 150),
        Plain("relu2", LayerKind.Relu, S(16, 10, 10), S(16, 10, 10)),
        Plain("pool2", LayerKind.MaxPool, S(16, 10, 10), S(16, 5, 5)),
        Fc("fc1", S(16, 5, 5), S(120), 2572, 48000, 50572, 120, 400, WeightInit.He),
        Plain("relu3", LayerKind.Relu, S(120), S(120)),
        Fc("fc2", S(120), S(84), 50692, 10080, 60772, 84, 120, WeightInit.He),
        Plain("relu4", LayerKind.Relu, S(84), S(84)),
        Fc("fc3", S(84), S(10), 60856, 840, 61696, 10, 84, WeightInit.Scoring),
        Plain("softmax", LayerKind.SoftmaxLoss, S(10), S(10)),
    };

    private static readonly Expected[] s_mlp2 =
    {
        Fc("fc1", S(3, 32, 32), S(100), 0, 307200, 307200, 100, 3072, WeightInit.He),
        Plain("relu1", LayerKind.Relu, S(100), S(100)),
        Fc("fc2", S(100), S(10), 307300, 1000, 308300, 10, 100, WeightInit.Scoring),
        Plain("softmax", LayerKind.SoftmaxLoss, S(10), S(10)),
    };

    private static BoundNetwork BindWithoutErrors(NetworkArguments arguments)
    {
        var result = NetworkBinder.Bind(arguments);
        Assert.DoesNotContain(result.Diagnostics, d => d.IsError);
        return Assert.IsType<BoundNetwork>(result.Network);
    }

    private static void AssertLayers(Expected[] expected, BoundNetwork network)
    {
        Assert.Equal(expected.Select(e => e.Name), network.Layers.Select(l => l.Name));
        for (int i = 0; i < expected.Length; i++)
        {
            var layer = network.Layers[i];
            var actual = new Expected(layer.Name, layer.Kind, layer.Input, layer.Output, layer.WeightOffset, layer.WeightCount,
                layer.BiasOffset, layer.BiasCount, layer.Init, layer.FanIn);
            Assert.Equal(expected[i], actual);
        }
    }

    [Fact]
    public void CifarPatternBindsToTheCifarReferenceNetwork()
    {
        var network = BindWithoutErrors(ReferenceNetworks.CifarPatternArguments);
        AssertLayers(s_cifar, network);
        Assert.Equal(814_122, network.ParameterCount);
        Assert.Equal(new Shape(3, 32, 32), network.Input);
        Assert.Equal(10, network.Classes);
    }

    [Fact]
    public void CifarPatternAndExplicitFormGiveTheSameLayersExceptTheImpliedFlag()
    {
        var pattern = BindWithoutErrors(ReferenceNetworks.CifarPatternArguments);
        var explicitForm = BindWithoutErrors(ReferenceNetworks.CifarExplicitArguments);
        AssertLayers(s_cifar, explicitForm);
        Assert.Equal(explicitForm.ParameterCount, pattern.ParameterCount);

        // The pattern ends in RELU+SOFTMAX, so its scoring FC(10) is implied; the explicit form writes it.
        Assert.Equal(explicitForm.Layers.Select(l => l with { Implied = false }), pattern.Layers.Select(l => l with { Implied = false }));
        Assert.Equal(new[] { "fc2" }, pattern.Layers.Where(l => l.Implied).Select(l => l.Name));
        Assert.DoesNotContain(explicitForm.Layers, l => l.Implied);
    }

    [Fact]
    public void CifarPatternReportsOnlyTheImpliedScoringLayer()
    {
        var diagnostic = Assert.Single(NetworkBinder.Bind(ReferenceNetworks.CifarPatternArguments).Diagnostics);
        Assert.Equal("SN0010", diagnostic.Descriptor.Id);
        Assert.Equal("SOFTMAX follows RELU, so the scoring FC(10) is implied before it (fc2)", diagnostic.Message);
    }

    [Fact]
    public void CifarLayersCarryCanonicalSourceText()
    {
        var network = BindWithoutErrors(ReferenceNetworks.CifarPatternArguments);
        Assert.Equal(
            new[]
            {
                "CONV(32,3,pad:1)", "RELU", "CONV(32,3,pad:1)", "RELU", "POOL(2)",
                "CONV(64,3,pad:1)", "RELU", "CONV(64,3,pad:1)", "RELU", "POOL(2)",
                "CONV(128,3,pad:1)", "RELU", "CONV(128,3,pad:1)", "RELU", "POOL(2)",
                "FC(256)", "RELU", "FC(10)", "SOFTMAX",
            },
            network.Layers.Select(l => l.SourceText));
        var conv = network.Layers[0];
        Assert.Equal((32, 3, 1, 1), (conv.Size, conv.KernelSize, conv.Stride, conv.Padding));
        var pool = network.Layers[4];
        Assert.Equal((0, 2, 2, 0), (pool.Size, pool.KernelSize, pool.Stride, pool.Padding));
        Assert.Equal(256, network.Layers[15].Size);
    }

    [Fact]
    public void Lenet5HasItsReferenceShapesAndOffsets()
    {
        var network = BindWithoutErrors(ReferenceNetworks.Lenet5Arguments);
        AssertLayers(s_lenet5, network);
        Assert.Equal(61_706, network.ParameterCount);
        Assert.Equal(10, network.Classes);
        Assert.Empty(NetworkBinder.Bind(ReferenceNetworks.Lenet5Arguments).Diagnostics);
    }

    [Fact]
    public void Mlp2HasItsReferenceShapesAndOffsets()
    {
        var network = BindWithoutErrors(ReferenceNetworks.Mlp2Arguments);
        AssertLayers(s_mlp2, network);
        Assert.Equal(308_310, network.ParameterCount);
    }

    [Fact]
    public void ParametersAreContiguousWeightThenBiasInLayerOrder()
    {
        foreach (var arguments in new[] { ReferenceNetworks.CifarPatternArguments, ReferenceNetworks.Lenet5Arguments, ReferenceNetworks.Mlp2Arguments })
        {
            var network = BindWithoutErrors(arguments);
            int next = 0;
            foreach (var layer in network.Layers.Where(l => l.WeightCount > 0))
            {
                Assert.Equal(next, layer.WeightOffset);
                Assert.Equal(layer.WeightOffset + layer.WeightCount, layer.BiasOffset);
                next = layer.BiasOffset + layer.BiasCount;
            }
            Assert.Equal(network.ParameterCount, next);
            Assert.Equal(network.ParameterCount, network.Layers.Sum(l => l.ParameterCount));
        }
    }
}
