using System.Linq;
using StaticNets.Generator.Model;
using static StaticNets.Generator.Tests.Infrastructure.BindingHarness;

namespace StaticNets.Generator.Tests.Binding;

/// <summary>
/// A small network using the newer layers, bound to exactly the layers, shapes, parameter and buffer
/// offsets worked out by hand below (PyTorch state_dict order; buffers apart).
/// </summary>
public class MixedLayerNetworkTests
{
    private const string Architecture = "CONV(8,3,pad:1)+BN+RELU+POOL(2)+FC(32)+DROPOUT(0.5)+PRELU+FC(10)+SVM";

    private sealed record Expected(string Name, LayerKind Kind, Shape Input, Shape Output, int WeightOffset, int WeightCount,
        int BiasOffset, int BiasCount, int BufferOffset, int BufferCount, WeightInit Init, float InitConstant, int FanIn, string SourceText);

    private static Shape S(int c, int h = 1, int w = 1) => new(c, h, w);

    // conv1: (8 + 2*1 - 3)/1 + 1 = 8, weight [8,1,3,3] = 72 at 0, bias 8 at 72.
    // bn1: gamma 8 at 80, beta 8 at 88; running mean and variance 2*8 = 16 buffer floats at 0.
    // pool1: 8x8 -> 4x4.  fc1: 8*4*4 = 128 inputs, weight [32,128] = 4096 at 96, bias 32 at 4192.
    // prelu1: one slope per feature, 32 at 4224.  fc2: weight [10,32] = 320 at 4256, bias 10 at 4576.
    // Total 4586 parameters, 16 buffer floats.
    private static readonly Expected[] s_layers =
    {
        new("conv1", LayerKind.Convolution, S(1, 8, 8), S(8, 8, 8), 0, 72, 72, 8, -1, 0, WeightInit.He, 0f, 9, "CONV(8,3,pad:1)"),
        new("bn1", LayerKind.BatchNorm, S(8, 8, 8), S(8, 8, 8), 80, 8, 88, 8, 0, 16, WeightInit.Constant, 1f, 0, "BN"),
        new("relu1", LayerKind.Relu, S(8, 8, 8), S(8, 8, 8), -1, 0, -1, 0, -1, 0, WeightInit.None, 0f, 0, "RELU"),
        new("pool1", LayerKind.MaxPool, S(8, 8, 8), S(8, 4, 4), -1, 0, -1, 0, -1, 0, WeightInit.None, 0f, 0, "POOL(2)"),
        new("fc1", LayerKind.FullyConnected, S(8, 4, 4), S(32), 96, 4096, 4192, 32, -1, 0, WeightInit.He, 0f, 128, "FC(32)"),
        new("dropout1", LayerKind.Dropout, S(32), S(32), -1, 0, -1, 0, -1, 0, WeightInit.None, 0f, 0, "DROPOUT(0.5)"),
        new("prelu1", LayerKind.Prelu, S(32), S(32), 4224, 32, -1, 0, -1, 0, WeightInit.Constant, 0.25f, 0, "PRELU"),
        new("fc2", LayerKind.FullyConnected, S(32), S(10), 4256, 320, 4576, 10, -1, 0, WeightInit.Scoring, 0f, 32, "FC(10)"),
        new("svm", LayerKind.SvmLoss, S(10), S(10), -1, 0, -1, 0, -1, 0, WeightInit.None, 0f, 0, "SVM(1)"),
    };

    [Fact]
    public void ConvBnReluPoolFcDropoutPreluFcSvmBindsToTheHandWorkedLayout()
    {
        var result = Bind(Architecture, input: "1x8x8");
        Assert.Empty(result.Diagnostics);
        var network = result.Network!;

        Assert.Equal(s_layers.Select(e => e.Name), network.Layers.Select(l => l.Name));
        for (int i = 0; i < s_layers.Length; i++)
        {
            var l = network.Layers[i];
            Assert.Equal(s_layers[i], new Expected(l.Name, l.Kind, l.Input, l.Output, l.WeightOffset, l.WeightCount, l.BiasOffset, l.BiasCount,
                l.BufferOffset, l.BufferCount, l.Init, l.InitConstant, l.FanIn, l.SourceText));
        }
        Assert.Equal(4586, network.ParameterCount);
        Assert.Equal(16, network.BufferCount);
        Assert.Equal(10, network.Classes);
        Assert.Equal(network.ParameterCount, network.Layers.Sum(l => l.ParameterCount));
    }

    [Fact]
    public void HyperParametersOfTheMixedNetworkAreFilledIn()
    {
        var network = Valid(Architecture);
        Assert.Equal((0.1f, 1e-5f), (network.Layer("bn1").Momentum, network.Layer("bn1").Epsilon));
        Assert.Equal(0.5f, network.Layer("dropout1").DropProbability);
        Assert.Equal(1f, network.Layer("svm").Margin);
        Assert.Equal(0f, network.Layer("prelu1").Alpha);
        Assert.Equal((2, 2), (network.Layer("pool1").KernelSize, network.Layer("pool1").Stride));
        Assert.All(network.Layers.Where(l => l.Kind != LayerKind.Maxout), l => Assert.Equal(0, l.Pieces));
    }

    [Fact]
    public void TheSpecHandedToTheEmitterCarriesTheBufferCount()
    {
        var source = Infrastructure.GeneratorHarness.Network("\"" + Architecture + "\", Input = \"1x8x8\"");
        var run = Infrastructure.GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(Infrastructure.GeneratorHarness.Compile(source)).GetRunResult();
        var result = Assert.IsType<NetworkResult>(run.Results.Single().TrackedSteps[TrackingNames.Results].Single().Outputs.Single().Value);
        var spec = Assert.IsType<NetworkSpec>(result.Spec);
        Assert.Equal((4586, 16, 10), (spec.ParameterCount, spec.BufferCount, spec.Classes));
        Assert.Equal(s_layers.Select(e => e.Name), spec.Layers.Select(l => l.Name));
    }
}
