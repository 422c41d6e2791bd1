using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using StaticNets.CodeFixes.Tests.Infrastructure;

namespace StaticNets.CodeFixes.Tests;

/// <summary>The real generator's diagnostics, fixed by the real code fixes: the property contract holds end to end.</summary>
public sealed class GeneratorEndToEndTests
{
    [Fact]
    public async Task StrideAndPaddingFixesComeFromTheGeneratorsNumbers()
    {
        const string source = """
            using StaticNets;
            [Network("CONV(96,11,stride:4)+RELU+FC(10)+SOFTMAX", Input = "3x224x224")]
            public partial class Net { }
            """;
        var analyzed = await CodeFixHarness.GenerateAsync(source, "SN0003");
        var provider = new ConvolutionFitCodeFixProvider();
        var titles = (await CodeFixHarness.ActionsAsync(provider, analyzed)).Select(a => a.Title).ToArray();

        // (224 - 11) = 213: strides 1 and 3 divide it; no padding fits stride 4 (the message says the same).
        Assert.Equal(new[] { "Use stride 1 (output 214)", "Use stride 3 (output 72)" }, titles);
        Assert.Equal(source.Replace("stride:4", "stride:3"), await CodeFixHarness.ApplyAsync(provider, analyzed, "Use stride 3 (output 72)"));
    }

    [Fact]
    public async Task PaddingFixIsInsertedWhereTheGeneratorPointsWhenNoPaddingIsWritten()
    {
        const string source = """
            using StaticNets;
            [Network("CONV(8,5,stride:3)+RELU+FC(10)+SOFTMAX", Input = "1x28x28")]
            public partial class Net { }
            """;
        var analyzed = await CodeFixHarness.GenerateAsync(source, "SN0003");
        var provider = new ConvolutionFitCodeFixProvider();

        // (28 - 5) = 23 is prime: only stride 1 divides it; padding 2 gives (28 + 4 - 5) = 27 = 3 * 9, 10 outputs.
        Assert.Equal(new[] { "Use stride 1 (output 24)", "Use padding 2 (output 10)" }, (await CodeFixHarness.ActionsAsync(provider, analyzed)).Select(a => a.Title));
        Assert.Equal(source.Replace("stride:3)", "stride:3,pad:2)"), await CodeFixHarness.ApplyAsync(provider, analyzed, "Use padding 2 (output 10)"));
    }

    [Fact]
    public async Task WrittenPaddingIsReplaced()
    {
        const string source = """
            using StaticNets;
            [Network("CONV(8,4,stride:3,pad:1)+RELU+FC(10)+SOFTMAX", Input = "1x28x28")]
            public partial class Net { }
            """;
        var analyzed = await CodeFixHarness.GenerateAsync(source, "SN0003");
        var provider = new ConvolutionFitCodeFixProvider();

        // (28 + 2*1 - 4) = 26 is not a multiple of 3; padding 0 gives 24 (9 outputs), padding 3 gives 30 (11 outputs).
        var titles = (await CodeFixHarness.ActionsAsync(provider, analyzed)).Select(a => a.Title).ToArray();
        Assert.Contains("Use padding 0 (output 9)", titles);
        Assert.Contains("Use padding 3 (output 11)", titles);
        Assert.Equal(source.Replace("pad:1", "pad:3"), await CodeFixHarness.ApplyAsync(provider, analyzed, "Use padding 3 (output 11)"));
    }

    [Fact]
    public async Task UnknownLayerAndArgumentNamesAreReplacedWithTheGeneratorsSuggestion()
    {
        const string source = """
            using StaticNets;
            [Network("CONV(6,5,strid:1)+RELUU+FC(10)+SOFTMAX", Input = "1x28x28")]
            public partial class Net { }
            """;
        var analyzed = await CodeFixHarness.GenerateAsync(source, "SN0002");
        Assert.Equal(2, analyzed.Diagnostics.Length);
        Assert.Equal(
            source.Replace("strid:", "stride:").Replace("RELUU", "RELU"),
            await CodeFixHarness.FixAllAsync(new UnknownNameCodeFixProvider(), analyzed, UnknownNameCodeFixProvider.EquivalenceKey));
    }

    [Fact]
    public async Task ClassAndEnclosingTypeBecomePartial()
    {
        const string source = """
            using StaticNets;
            public class Models
            {
                [Network("FC(10)+SOFTMAX", Input = "4")]
                public sealed class Net { }
            }
            """;
        var analyzed = await CodeFixHarness.GenerateAsync(source, "SN0006");
        Assert.NotEmpty(analyzed.Diagnostics);
        var action = Assert.Single(await CodeFixHarness.ActionsAsync(new PartialClassCodeFixProvider(), analyzed with { Diagnostics = analyzed.Diagnostics.Take(1).ToImmutableArray() }));
        Assert.Equal(
            source.Replace("public class Models", "public partial class Models").Replace("public sealed class Net", "public sealed partial class Net"),
            await CodeFixHarness.ApplyAsync(action, analyzed.Document));
    }
}
