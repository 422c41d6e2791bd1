using System.Text.RegularExpressions;
using StaticNets.Generator.Tests.Infrastructure;

namespace StaticNets.Generator.Tests.Emit;

/// <summary>
/// A RELU straight after a CONV or FC runs inside that layer's kernel (one pass over the output instead of two); every
/// other RELU, and every other activation, keeps its own forward call. Backward passes are unchanged either way.
/// </summary>
public class ReluFusionTests
{
    [Theory]
    // architecture, input, forward calls of Relu left, fused CONV/FC calls
    [InlineData("CONV(4,3)+RELU+POOL(2)+FC(10)+SOFTMAX", "1x6x6", 0, 1)]
    [InlineData("FC(8)+RELU+FC(8)+RELU+FC(3)+SOFTMAX", "5", 0, 2)]
    [InlineData("CONV(4,3)+BN+RELU+FC(3)+SOFTMAX", "1x6x6", 1, 0)]
    [InlineData("FC(8)+LEAKYRELU(0.1)+FC(8)+TANH+FC(3)+SOFTMAX", "5", 0, 0)]
    [InlineData("CONV(4,3)+POOL(2)+RELU+FC(3)+SOFTMAX", "1x6x6", 1, 0)]
    // The second RELU cannot overwrite the first one's output (its backward reads it), so it is not in place.
    [InlineData("FC(8)+RELU+RELU+FC(3)+SOFTMAX", "5", 1, 1)]
    public void OnlyAReluDirectlyAfterConvOrFcIsFused(string architecture, string input, int separateRelus, int fusedCalls)
    {
        var outcome = GeneratorHarness.Run(GeneratorHarness.Network($"\"{architecture}\", Input = \"{input}\"", "Net"));
        string source = Assert.Single(outcome.Sources).SourceText.ToString();
        string runForward = source[source.IndexOf("private void RunForward", System.StringComparison.Ordinal)..];
        runForward = runForward[..runForward.IndexOf("\n        }\n", System.StringComparison.Ordinal)];

        int fused = Regex.Matches(runForward, @"(Conv2d|FullyConnected)\.Forward\([^;]*FusedActivation\.Relu\);").Count;
        int relus = Regex.Matches(runForward, @"Kernels\.Relu\.Forward\(").Count;
        int reluBackward = Regex.Matches(source, @"Kernels\.Relu\.Backward\(").Count;
        int reluLayers = Regex.Matches(architecture, @"(?<!LEAKY)RELU").Count;

        Assert.Equal(fusedCalls, fused);
        Assert.Equal(separateRelus, relus);
        Assert.Equal(reluLayers, fused + relus);
        Assert.Equal(reluLayers, reluBackward);
    }

    [Theory]
    // architecture, input, ReLU masks moved onto a max-pool's (smaller) output gradient
    [InlineData("CONV(4,3)+RELU+POOL(2)+CONV(4,3)+RELU+POOL(2)+FC(3)+SOFTMAX", "1x10x10", 2)]
    [InlineData("CONV(4,3)+RELU+AVGPOOL(2)+FC(3)+SOFTMAX", "1x6x6", 0)]
    [InlineData("CONV(4,3)+RELU+BN+POOL(2)+FC(3)+SOFTMAX", "1x6x6", 0)]
    public void AReluBeforeMaxPoolIsMaskedOnThePooledGradient(string architecture, string input, int masked)
    {
        var outcome = GeneratorHarness.Run(GeneratorHarness.Network($"\"{architecture}\", Input = \"{input}\"", "Net"));
        string source = Assert.Single(outcome.Sources).SourceText.ToString();
        Assert.Equal(masked, Regex.Matches(source, "// masked by the max-pool after it").Count);

        // Each masked ReLU's Relu.Backward runs just before its pool's backward, over the pool's output.
        Assert.Equal(masked, Regex.Matches(source, @"Kernels\.Relu\.Backward\([^;]*\);\s*global::StaticNets\.Kernels\.MaxPool2d\.Backward\(").Count);
    }
}
