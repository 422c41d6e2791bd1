using System.Linq;
using StaticNets.Generator.Binding;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Tests.Binding;

/// <summary>Binding rules beyond the reference networks: defaults, variables, lists, aliases, the loss.</summary>
public class NetworkBinderTests
{
    private static BindResult Bind(string architecture, string? input = "1x8x8", int? classes = null, string? let = null, string? defaults = null) =>
        NetworkBinder.Bind(new NetworkArguments(architecture, input, classes, let, defaults));

    private static BoundNetwork Valid(string architecture, string? input = "1x8x8", int? classes = null, string? let = null, string? defaults = null)
    {
        var result = Bind(architecture, input, classes, let, defaults);
        Assert.True(result.Network is not null, string.Join(" | ", result.Diagnostics.Select(d => d.Descriptor.Id + " " + d.Message)));
        return result.Network!;
    }

    private static ArgumentDiagnostic OnlyError(BindResult result)
    {
        Assert.Null(result.Network);
        return Assert.Single(result.Diagnostics, d => d.IsError);
    }

    [Fact]
    public void ExplicitArgumentsOverrideDefaultsOneByOne()
    {
        var network = Valid("CONV+CONV(4)+CONV(4, 1, pad: 0)+FC(3)+SOFTMAX", defaults: "CONV(2, 3, pad: same)");
        Assert.Equal(new[] { "CONV(2,3,pad:1)", "CONV(4,3,pad:1)", "CONV(4,1)" }, network.Layers.Take(3).Select(l => l.SourceText));
    }

    [Fact]
    public void LayerNamesAndArgumentNamesIgnoreCaseAndMaxpoolIsPool()
    {
        var network = Valid("conv(2, 3, PAD: Same)+Relu+maxpool(SIZE: 2)+Fc(3)+softmax");
        Assert.Equal(new[] { "conv1", "relu1", "pool1", "fc1", "softmax" }, network.Layers.Select(l => l.Name));
        Assert.Equal("MAXPOOL(2)", network.Layers[2].SourceText);
        Assert.Equal(new Shape(2, 4, 4), network.Layers[2].Output);
    }

    [Fact]
    public void DefaultsForPoolApplyToMaxpool()
    {
        var network = Valid("MAXPOOL+FC(3)+SOFTMAX", defaults: "POOL(4)");
        Assert.Equal(new Shape(1, 2, 2), network.Layers[0].Output);
    }

    [Fact]
    public void PoolStrideDefaultsToItsWindowAndMayBeGiven()
    {
        var network = Valid("POOL(3, stride: 1)+POOL+FC(3)+SOFTMAX");
        Assert.Equal(new Shape(1, 6, 6), network.Layers[0].Output);
        Assert.Equal(new Shape(1, 3, 3), network.Layers[1].Output);
        Assert.Equal("POOL(3,stride:1)", network.Layers[0].SourceText);
    }

    [Fact]
    public void ConvolutionWithStrideFollowsTheFormula()
    {
        // (8 + 2*1 - 4)/2 + 1 = 4
        var conv = Valid("CONV(5, 4, stride: 2, pad: 1)+FC(3)+SOFTMAX").Layers[0];
        Assert.Equal(new Shape(5, 4, 4), conv.Output);
        Assert.Equal("CONV(5,4,stride:2,pad:1)", conv.SourceText);
    }

    [Fact]
    public void NonSquareInputsAreCheckedPerSide()
    {
        var conv = Valid("CONV(2, 3)+FC(3)+SOFTMAX", input: "1x10x6").Layers[0];
        Assert.Equal(new Shape(2, 8, 4), conv.Output);
    }

    [Fact]
    public void LetVariablesServeAsCountsAndValues()
    {
        var network = Valid("(FC(U)+RELU)*N+FC(C)+SOFTMAX", input: "5", let: "N=3, U=7, C=4");
        Assert.Equal(new[] { "fc1", "relu1", "fc2", "relu2", "fc3", "relu3", "fc4", "softmax" }, network.Layers.Select(l => l.Name));
        Assert.All(network.Layers.Take(6).Where(l => l.Kind == LayerKind.FullyConnected), l => Assert.Equal(7, l.Size));
        Assert.Equal(4, network.Classes);
    }

    [Fact]
    public void ListsBindToTheRepetitionNamedByAt()
    {
        var network = Valid("((FC([1,2]@N)+RELU)*N)*M+FC(3)+SOFTMAX", input: "5", let: "N=2, M=2");
        Assert.Equal(new[] { 1, 2, 1, 2, 3 }, network.Layers.Where(l => l.Kind == LayerKind.FullyConnected).Select(l => l.Size));

        var outer = Valid("((FC([1,2]@M)+RELU)*N)*M+FC(3)+SOFTMAX", input: "5", let: "N=2, M=2");
        Assert.Equal(new[] { 1, 1, 2, 2, 3 }, outer.Layers.Where(l => l.Kind == LayerKind.FullyConnected).Select(l => l.Size));
    }

    [Fact]
    public void ListsBindToTheOnlyRepetitionOfTheirLength()
    {
        var network = Valid("((FC([1,2,3])+RELU)*2)*3+FC(4)+SOFTMAX", input: "5");
        Assert.Equal(new[] { 1, 1, 2, 2, 3, 3, 4 }, network.Layers.Where(l => l.Kind == LayerKind.FullyConnected).Select(l => l.Size));
    }

    [Fact]
    public void WithoutAtAListBindsToTheInnermostRepetitionOfItsLength()
    {
        var network = Valid("((FC([1,2])+RELU)*2)*2+FC(3)+SOFTMAX", input: "5");
        Assert.Equal(new[] { 1, 2, 1, 2, 3 }, network.Layers.Where(l => l.Kind == LayerKind.FullyConnected).Select(l => l.Size));
    }

    [Fact]
    public void ListElementsMayBeVariables()
    {
        var network = Valid("(FC([A,B])+RELU)*2+FC(4)+SOFTMAX", input: "5", let: "A=6, B=9");
        Assert.Equal(new[] { 6, 9, 4 }, network.Layers.Where(l => l.Kind == LayerKind.FullyConnected).Select(l => l.Size));
    }

    [Fact]
    public void ClassesMayBeOmittedWhenAnFcPrecedesTheLoss()
    {
        var network = Valid("FC(7)+SOFTMAX", input: "5");
        Assert.Equal(7, network.Classes);
        Assert.Empty(Bind("FC(7)+SOFTMAX", input: "5").Diagnostics);
    }

    [Fact]
    public void LossAfterTheInputImpliesTheScoringLayer()
    {
        var network = Valid("SOFTMAX", input: "5", classes: 3);
        var fc = network.Layers[0];
        Assert.True(fc.Implied);
        Assert.Equal(("fc1", "FC(3)", 18), (fc.Name, fc.SourceText, fc.ParameterCount));
        Assert.Equal(WeightInit.Scoring, fc.Init);
    }

    [Fact]
    public void WeightInitIsHeBeforeReluSmallForScoresAndXavierOtherwise()
    {
        var network = Valid("CONV(2,3)+RELU+CONV(2,3)+POOL(2)+FC(4)+RELU+FC(3)+SOFTMAX");
        Assert.Equal(
            new[] { WeightInit.He, WeightInit.None, WeightInit.Xavier, WeightInit.None, WeightInit.He, WeightInit.None, WeightInit.Scoring, WeightInit.None },
            network.Layers.Select(l => l.Init));
        Assert.Equal(new[] { 9, 0, 18, 0, 8, 0, 4, 0 }, network.Layers.Select(l => l.FanIn));
    }

    [Fact]
    public void ArgumentsAreMatchedOncePerWrittenLayerNotPerRepetition()
    {
        var result = Bind("(FC(3, units: 4)+RELU)*5+FC(2)+SOFTMAX", input: "5");
        var error = OnlyError(result);
        Assert.Equal("SN0009", error.Descriptor.Id);
        Assert.Equal("FC is given units twice", error.Message);
    }

    [Fact]
    public void PositionalArgumentsMustComeFirst()
    {
        var error = OnlyError(Bind("CONV(size: 3, 2)+FC(2)+SOFTMAX"));
        Assert.Equal("CONV: a positional argument cannot follow a named one; write it as name: value (CONV takes filters, size, stride, pad)", error.Message);
    }

    [Fact]
    public void TooManyArgumentsAreReported()
    {
        Assert.Equal("FC takes at most 1 arguments (units)", OnlyError(Bind("FC(2, 3)+SOFTMAX")).Message);
        Assert.Equal("RELU takes no arguments", OnlyError(Bind("FC(2)+RELU(1)+FC(2)+SOFTMAX")).Message);
    }

    [Fact]
    public void ATwiceGivenDefaultIsReported()
    {
        var error = OnlyError(Bind("FC+SOFTMAX", defaults: "FC(2); fc(3)"));
        Assert.Equal("Defaults gives FC more than once", error.Message);
        Assert.Equal(NetworkArgument.Defaults, error.At.Argument);
    }

    [Fact]
    public void EveryLayerNameOfTheDesignIsKnownInAnyCase()
    {
        foreach (var name in new[] { "CONV", "POOL", "MAXPOOL", "AVGPOOL", "FC", "RELU", "LEAKYRELU", "PRELU", "ELU", "SIGMOID", "TANH", "SOFTPLUS", "MAXOUT", "BATCHNORM", "BN", "DROPOUT", "SOFTMAX", "SVM", "L2" })
        {
            foreach (var written in new[] { name, name.ToLowerInvariant() })
            {
                var result = Bind("FC(4)+" + written + "+FC(2)+SOFTMAX", input: "2x4x4");
                Assert.DoesNotContain(result.Diagnostics, d => d.Descriptor.Id == "SN0002");
            }
        }
    }

    [Fact]
    public void AnUnknownLayerListsEveryKnownName()
    {
        Assert.Equal(
            "unknown layer 'XYZZY'; known layers are CONV, POOL, MAXPOOL, AVGPOOL, FC, MAXOUT, RELU, LEAKYRELU, PRELU, ELU, SIGMOID, TANH, SOFTPLUS, BATCHNORM, BN, DROPOUT, SOFTMAX, SVM, L2",
            OnlyError(Bind("FC(4)+XYZZY+FC(2)+SOFTMAX")).Message);
    }

    [Theory]
    [InlineData("LEAKYRLU", "LEAKYRELU", " It takes alpha")]
    [InlineData("Dropuot", "DROPOUT", " It takes p")]
    [InlineData("AVGPOL", "AVGPOOL", " It takes size, stride")]
    [InlineData("BATCHNROM", "BATCHNORM", " It takes momentum, eps")]
    [InlineData("SMV", "SVM", " It takes margin")]
    [InlineData("PRELUU", "PRELU", "")]
    [InlineData("ELUU", "ELU", " It takes alpha")]
    [InlineData("SIGMIOD", "SIGMOID", "")]
    [InlineData("MAXOTU", "MAXOUT", " It takes units, pieces")]
    [InlineData("SOFTPLSU", "SOFTPLUS", "")]
    [InlineData("TANHH", "TANH", "")]
    [InlineData("L3", "L2", "")]
    public void MisspeltNewLayersGetADidYouMeanWithTheArgumentsTheyTake(string written, string meant, string arguments)
    {
        var error = OnlyError(Bind("FC(4)+" + written + "+FC(2)+SOFTMAX"));
        Assert.Equal("SN0002", error.Descriptor.Id);
        Assert.Equal("unknown layer '" + written + "': did you mean " + meant + "?" + arguments, error.Message);
    }

    [Fact]
    public void AnAmbiguousLossTypoStopsBeforeLossAndShapeChecks()
    {
        // SOFTMX may have been meant as the loss: "no loss" on top of "unknown layer" would only be noise.
        var result = Bind("FC(3)+SOFTMX");
        var error = OnlyError(result);
        Assert.Equal("unknown layer 'SOFTMX': did you mean SOFTMAX?", error.Message);
    }

    [Fact]
    public void ArchitectureMissingIsASyntaxErrorOnTheAttribute()
    {
        var error = OnlyError(NetworkBinder.Bind(new NetworkArguments(null, "3", null, null, null)));
        Assert.Equal("SN0001", error.Descriptor.Id);
        Assert.Equal(NetworkArgument.Attribute, error.At.Argument);
    }

    [Fact]
    public void HugeValuesAreReportedNotOverflowed()
    {
        Assert.Equal("CONV #1 output 2147483647x8x8 has 137438953408 values per example, more than the limit of 1073741824",
            OnlyError(Bind("CONV(2147483647, 1)+FC(2)+SOFTMAX")).Message);
        Assert.Equal("CONV #1 (height): filter size 2147483647 is larger than the padded input 1 + 2*0 = 1 (the Input 1x1x2), so the output size (1 + 2*0 - 2147483647)/1 + 1 is less than 1; filter sizes that fit: 1 (output 1); paddings that fit stride 1: 1073741823 (output 1), 1073741824 (output 3), 1073741825 (output 5), 1073741826 (output 7), 1073741827 (output 9)",
            OnlyError(Bind("CONV(1, 2147483647)+FC(2)+SOFTMAX", input: "1x1x2")).Message);
        Assert.Equal("CONV #1 output 1x4294967302x4294967302 has too many values per example, more than the limit of 1073741824",
            OnlyError(Bind("CONV(1, 1, pad: 2147483647)+FC(2)+SOFTMAX")).Message);
        Assert.Equal("the network has more than 1073741824 parameters (reached at FC #2)",
            OnlyError(Bind("FC(30000)+FC(30000)+FC(2)+SOFTMAX", input: "30000")).Message);
        Assert.Equal("this repetition expands to 2147483647 layers, more than the limit of 10000",
            OnlyError(Bind("((FC(2)*2147483647)*2147483647)*2147483647+SOFTMAX")).Message);
        Assert.Equal("the architecture has 10001 layers, more than the limit of 10000",
            OnlyError(Bind(string.Concat(Enumerable.Repeat("RELU+", 10_000)) + "SOFTMAX", classes: 2)).Message);
    }

    [Fact]
    public void AHugeArchitectureIsReportedQuickly()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var name = new string('R', 1_000_000);
        Assert.Equal("SN0002", OnlyError(Bind(name + "+SOFTMAX", classes: 2)).Descriptor.Id);
        Assert.Equal("SN0009", OnlyError(Bind(string.Concat(Enumerable.Repeat("RELU+", 200_000)) + "SOFTMAX", classes: 2)).Descriptor.Id);
        Assert.True(watch.ElapsedMilliseconds < 5_000, watch.ElapsedMilliseconds + " ms");
    }
}
