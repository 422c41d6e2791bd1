using System.Linq;
using Microsoft.CodeAnalysis;
using StaticNets.Generator.Tests.Infrastructure;
using static StaticNets.Generator.Tests.Infrastructure.BindingHarness;

namespace StaticNets.Generator.Tests.Diagnostics;

/// <summary>
/// SN1001 (linear layers that collapse into one, notes §4.2.1) and SN1002 (sigmoid deep in a conv net, notes
/// §6.1.1): warnings on networks that compile and run but train badly, on the exact characters concerned.
/// </summary>
public class DesignWarningTests
{
    private const string SigmoidAdvice =
        "sigmoid saturates, its gradient s(1 - s) is at most 0.25 and about 4.5e-5 at |x| = 10, so the gradient reaching conv1 and conv2 vanishes, "
        + "and its outputs are all positive, so the next layer's weight updates all share one sign; use RELU (or TANH, which is zero-centred but saturates too)";

    private static Diagnostic LocateWarning(string attributeArguments, string id)
    {
        var (diagnostic, outcome) = Markup.RunAndLocate(Markup.Network(attributeArguments), id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        // A warning does not stop generation.
        Assert.Single(outcome.Sources);
        Assert.DoesNotContain(outcome.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        return diagnostic;
    }

    [Fact]
    public void SN1001FcRightAfterFcUnderlinesTheSecondAndStatesTheCollapsedMap()
    {
        var diagnostic = LocateWarning("\"FC(100)+[|FC|](10)+SOFTMAX\", Input = \"3x32x32\"", "SN1001");
        Assert.Equal(
            "FC(10) (fc2) follows FC(100) (fc1) with no nonlinearity between them, so the two collapse into one linear map from 3x32x32 to 10: "
            + "W2(W1x + b1) + b2 = (W2W1)x + (W2b1 + b2), no more expressive than a single layer; insert RELU after FC(100)",
            diagnostic.GetMessage());
    }

    [Fact]
    public void SN1001ConvRightAfterConvUnderlinesTheSecondConv()
    {
        var diagnostic = LocateWarning("\"CONV(8,3)+[|CONV|](16,3)+RELU+FC(10)+SOFTMAX\", Input = \"1x28x28\"", "SN1001");
        Assert.Equal(
            "CONV(16,3) (conv2) follows CONV(8,3) (conv1) with no nonlinearity between them, so the two collapse into one linear map from 1x28x28 to 16x24x24: "
            + "W2(W1x + b1) + b2 = (W2W1)x + (W2b1 + b2), no more expressive than a single layer; insert RELU after CONV(8,3)",
            diagnostic.GetMessage());
    }

    [Fact]
    public void SN1001SeesThroughDropoutAndBatchNormAndNamesThem()
    {
        var warning = WarningAt("FC(64)+DROPOUT(0.5)+BN+[|FC|](10)+SOFTMAX", "SN1001", input: "784");
        Assert.Equal(
            "FC(10) (fc2) follows FC(64) (fc1) with only DROPOUT(0.5) (dropout1) and BN (bn1) between them, which are affine at inference and fold into W1 and b1, "
            + "so the two collapse into one linear map from 784 to 10: W2(W1x + b1) + b2 = (W2W1)x + (W2b1 + b2), no more expressive than a single layer; insert RELU after FC(64)",
            warning.Message);
    }

    [Fact]
    public void SN1001SeesThroughAveragePooling()
    {
        var warning = WarningAt("CONV(4,3,pad:1)+AVGPOOL(2)+[|CONV|](8,3,pad:1)+RELU+FC(3)+SOFTMAX", "SN1001");
        Assert.StartsWith("CONV(8,3,pad:1) (conv2) follows CONV(4,3,pad:1) (conv1) with only AVGPOOL(2) (avgpool1) between them, which is affine at inference", warning.Message);
    }

    [Fact]
    public void SN1001ImpliedScoringFcAfterALinearLayerUnderlinesTheLoss()
    {
        var warning = WarningAt("CONV(6,5)+DROPOUT(0.2)+[|SOFTMAX|]", "SN1001", input: "1x28x28", classes: 10);
        Assert.Equal(
            "the scoring FC(10) implied before SOFTMAX (fc1) follows CONV(6,5) (conv1) with only DROPOUT(0.2) (dropout1) between them, which is affine at inference "
            + "and folds into W1 and b1, so the two collapse into one linear map from 1x28x28 to 10: W2(W1x + b1) + b2 = (W2W1)x + (W2b1 + b2), "
            + "no more expressive than a single layer; insert RELU after CONV(6,5)",
            warning.Message);
    }

    [Theory]
    [InlineData("FC(64)+RELU+SOFTMAX")]
    [InlineData("FC(64)+DROPOUT(0.5)+RELU+SOFTMAX")]
    [InlineData("CONV(4,3)+BN+RELU+POOL(2)+SOFTMAX")]
    public void SN1001IsNotReportedForTheImpliedFcWhenANonlinearityPrecedesTheLoss(string architecture)
    {
        var result = Bind(architecture, input: "1x8x8", classes: 10);
        Assert.NotNull(result.Network);
        Assert.Equal(new[] { "SN0010" }, Ids(result));
    }

    [Theory]
    [InlineData("RELU")]
    [InlineData("LEAKYRELU")]
    [InlineData("PRELU")]
    [InlineData("ELU")]
    [InlineData("SIGMOID")]
    [InlineData("TANH")]
    [InlineData("SOFTPLUS")]
    [InlineData("MAXOUT(8)")]
    [InlineData("BN+TANH+DROPOUT")]
    public void SN1001IsNotReportedAcrossANonlinearity(string between)
    {
        var result = Bind("FC(16)+" + between + "+FC(3)+SOFTMAX", input: "10");
        Assert.NotNull(result.Network);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void SN1001IsNotReportedAcrossMaxPooling()
    {
        var result = Bind("CONV(2,3,pad:1)+POOL(2)+CONV(2,1)+RELU+FC(3)+SOFTMAX");
        Assert.NotNull(result.Network);
        Assert.Empty(result.Diagnostics);
    }

    [Fact]
    public void SN1001LayerRepeatedWithoutANonlinearityIsReportedOnceNamingTheFirstPair()
    {
        var warning = WarningAt("([|FC|](8)+DROPOUT)*3+RELU+FC(3)+SOFTMAX", "SN1001", input: "10");
        Assert.StartsWith("FC(8) (fc2) follows FC(8) (fc1) with only DROPOUT(0.5) (dropout1) between them", warning.Message);
    }

    [Fact]
    public void SN1001IsNotReportedWhenTheShapesDoNotFit()
    {
        var error = ErrorAt("CONV(8,3)+CONV(4,[|9|])+RELU+FC(3)+SOFTMAX", "SN0005");
        Assert.Equal("SN0005", Assert.Single(Bind("CONV(8,3)+CONV(4,9)+RELU+FC(3)+SOFTMAX").Diagnostics).Descriptor.Id);
        Assert.Contains("produced by conv1 (CONV(8,3))", error.Message);
    }

    [Fact]
    public void SN1002SigmoidAfterTwoConvolutionsUnderlinesItAndExplainsTheGradient()
    {
        var diagnostic = LocateWarning("\"CONV(6,5)+RELU+POOL(2)+CONV(16,5)+[|SIGMOID|]+POOL(2)+FC(10)+SOFTMAX\", Input = \"1x28x28\"", "SN1002");
        Assert.Equal("SIGMOID (sigmoid1) comes after 2 CONV layers (conv1 and conv2): " + SigmoidAdvice, diagnostic.GetMessage());
    }

    [Fact]
    public void SN1002CountsConvolutionsInsideRepetitions()
    {
        var warning = WarningAt("(CONV(4,3,pad:1)+RELU)*3+[|SIGMOID|]+FC(3)+SOFTMAX", "SN1002");
        Assert.StartsWith("SIGMOID (sigmoid1) comes after 3 CONV layers (conv1 to conv3): sigmoid saturates", warning.Message);
        Assert.Contains("the gradient reaching conv1 to conv3 vanishes", warning.Message);
    }

    [Fact]
    public void SN1002WrittenSigmoidRepeatedIsReportedOnceAtItsFirstDeepRepetition()
    {
        var warning = WarningAt("((CONV(8,3,pad:1)+[|SIGMOID|])*2+POOL)*2+FC(10)+SOFTMAX", "SN1002", input: "1x16x16");
        Assert.Equal("SIGMOID (sigmoid2) comes after 2 CONV layers (conv1 and conv2): " + SigmoidAdvice, warning.Message);
    }

    [Theory]
    [InlineData("CONV(4,3)+SIGMOID+POOL(2)+FC(3)+SOFTMAX")]
    [InlineData("FC(16)+SIGMOID+FC(8)+SIGMOID+FC(4)+SIGMOID+FC(3)+SOFTMAX")]
    [InlineData("CONV(4,3,pad:1)+RELU+CONV(4,3,pad:1)+TANH+FC(3)+SOFTMAX")]
    [InlineData("CONV(4,3,pad:1)+SIGMOID+CONV(4,3,pad:1)+RELU+FC(3)+SOFTMAX")]
    public void SN1002IsNotReportedBeforeTheSecondConvolutionOrWithoutConvolutionsOrForTanh(string architecture)
    {
        var result = Bind(architecture);
        Assert.NotNull(result.Network);
        Assert.DoesNotContain("SN1002", Ids(result));
    }

    [Fact]
    public void TheReferenceNetworksAndTheExamplesCarryNoDesignWarning()
    {
        foreach (var arguments in new[] { ReferenceNetworks.Mlp2Arguments, ReferenceNetworks.Lenet5Arguments, ReferenceNetworks.CifarPatternArguments, ReferenceNetworks.CifarExplicitArguments })
        {
            var result = StaticNets.Generator.Binding.NetworkBinder.Bind(arguments);
            Assert.DoesNotContain(result.Diagnostics, d => d.Descriptor.DefaultSeverity != DiagnosticSeverity.Info);
        }
        // The small sigmoid networks of the examples and runtime tests: sigmoid without convolutions stays quiet.
        Assert.Empty(Bind("FC(8)+SIGMOID+FC(1)+L2", input: "2").Diagnostics);
        Assert.Empty(Bind("FC(8)+SIGMOID+FC(6)+TANH+FC(5)+SOFTPLUS+FC(4)+SVM(2)", input: "5").Diagnostics);
        Assert.Empty(Bind("FC(8)+PRELU+MAXOUT(4,3)+BN+DROPOUT(0.3)+FC(3)+SOFTMAX", input: "6").Diagnostics);
    }
}
