using System.Linq;
using System.Threading.Tasks;
using StaticNets.CodeFixes.Tests.Infrastructure;

namespace StaticNets.CodeFixes.Tests;

public sealed class ConvolutionFitCodeFixTests
{
    // 1x32x32 into CONV(16,4,stride:3): 32 - 4 = 28 is not divisible by 3. Strides 1, 2, 4 divide it
    // (outputs 29, 15, 8); padding 1 makes 30, which stride 3 divides (output 11).
    private const string Fixes = "stride=1:29;stride=2:15;stride=4:8;pad=1:11";

    private static readonly ConvolutionFitCodeFixProvider s_provider = new();

    private static string Network(string architecture) => """
        using StaticNets;

        [Network(
        """ + architecture + """
        , Input = "1x32x32")]
        public partial class Net { }
        """;

    /// <summary>Reports SN0003 on the first [|...|] with the first {|...|} as the padding's place, if any.</summary>
    private static Task<AnalyzedDocument> AnalyzeAsync(string markup, string? fixes = Fixes)
    {
        var source = MarkedSource.Parse(markup);
        var planned = PlannedDiagnostic.At(DiagnosticIds.ConvolutionStrideMismatch, source.Spans[0], (DiagnosticPropertyNames.Fixes, fixes))
            .WithAdditional(source.Additional.ToArray());
        return CodeFixHarness.AnalyzeAsync(source.Text, planned);
    }

    [Fact]
    public async Task OffersEveryListedStrideAndPaddingInOrderWithDistinctKeys()
    {
        var analyzed = await AnalyzeAsync(Network("\"CONV(16,4,stride:[|3|]{||})+RELU+FC(10)+SOFTMAX\""));

        var actions = await CodeFixHarness.ActionsAsync(s_provider, analyzed);

        Assert.Equal(
            new[] { "Use stride 1 (output 29)", "Use stride 2 (output 15)", "Use stride 4 (output 8)", "Use padding 1 (output 11)" },
            actions.Select(a => a.Title));
        Assert.Equal(
            new[] { "StaticNets.SN0003.Stride.1", "StaticNets.SN0003.Stride.2", "StaticNets.SN0003.Stride.4", "StaticNets.SN0003.Padding.1" },
            actions.Select(a => a.EquivalenceKey));
    }

    [Theory]
    [InlineData("Use stride 1 (output 29)", "CONV(16,4,stride:1)")]
    [InlineData("Use stride 2 (output 15)", "CONV(16,4,stride:2)")]
    [InlineData("Use stride 4 (output 8)", "CONV(16,4,stride:4)")]
    [InlineData("Use padding 1 (output 11)", "CONV(16,4,stride:3,pad:1)")]
    public async Task EachOptionRewritesOnlyTheLayer(string title, string fixedLayer)
    {
        var analyzed = await AnalyzeAsync(Network("\"CONV(16,4,stride:[|3|]{||})+RELU+FC(10)+SOFTMAX\""));

        string after = await CodeFixHarness.ApplyAsync(s_provider, analyzed, title);

        Assert.Equal(Network("\"" + fixedLayer + "+RELU+FC(10)+SOFTMAX\""), after);
    }

    [Theory]
    [InlineData("@\"", "\"")]
    [InlineData("\"\"\"", "\"\"\"")]
    [InlineData("\"\"\"\"", "\"\"\"\"")]
    public async Task StrideAndPaddingFixesWorkInVerbatimAndRawLiterals(string open, string close)
    {
        string Architecture(string layer) => open + layer + "+RELU+FC(10)+SOFTMAX" + close;
        var analyzed = await AnalyzeAsync(Network(Architecture("CONV(16,4,stride:[|3|]{||})")));

        Assert.Equal(Network(Architecture("CONV(16,4,stride:2)")), await CodeFixHarness.ApplyAsync(s_provider, analyzed, "Use stride 2 (output 15)"));
        Assert.Equal(Network(Architecture("CONV(16,4,stride:3,pad:1)")), await CodeFixHarness.ApplyAsync(s_provider, analyzed, "Use padding 1 (output 11)"));
    }

    [Fact]
    public async Task AddedPaddingFollowsTheSpacingOfTheArgumentList()
    {
        var analyzed = await AnalyzeAsync(Network("\"CONV(16, 4, stride: [|3|]{||}) + RELU + FC(10) + SOFTMAX\""));

        string after = await CodeFixHarness.ApplyAsync(s_provider, analyzed, "Use padding 1 (output 11)");

        Assert.Equal(Network("\"CONV(16, 4, stride: 3, pad: 1) + RELU + FC(10) + SOFTMAX\""), after);
    }

    [Fact]
    public async Task PaddingIsAddedAfterTheLastArgumentOfAMultiLineRawLiteral()
    {
        const string Before = """"
            """
                    CONV(16, 4,
                         stride: [|3|]
                    {||})
                    + RELU + FC(10) + SOFTMAX
                    """
            """";
        const string After = """"
            """
                    CONV(16, 4,
                         stride: 3, pad: 1
                    )
                    + RELU + FC(10) + SOFTMAX
                    """
            """";
        var analyzed = await AnalyzeAsync(Network(Before));

        string after = await CodeFixHarness.ApplyAsync(s_provider, analyzed, "Use padding 1 (output 11)");

        Assert.Equal(Network(After), after);
    }

    [Theory]
    [InlineData("CONV(16,4,stride:[|3|],pad:{|2|})", "CONV(16,4,stride:3,pad:1)")]
    [InlineData("CONV(16,4,[|3|],{|0|})", "CONV(16,4,3,1)")]
    [InlineData("CONV(16,4,stride:[|3|],pad:[{|0|},1])*2", "CONV(16,4,stride:3,pad:[1,1])*2")]
    public async Task WrittenPaddingIsReplacedWhereTheGeneratorLocatesIt(string layer, string fixedLayer)
    {
        var analyzed = await AnalyzeAsync(Network("\"" + layer + "+RELU+FC(10)+SOFTMAX\""), "pad=1:11");

        string after = await CodeFixHarness.ApplyAsync(s_provider, analyzed, "Use padding 1 (output 11)");

        Assert.Equal(Network("\"" + fixedLayer + "+RELU+FC(10)+SOFTMAX\""), after);
    }

    [Fact]
    public async Task WithoutAPaddingLocationOnlyStridesAreOffered()
    {
        var analyzed = await AnalyzeAsync(Network("\"CONV(16,4,stride:[|3|])+RELU+FC(10)+SOFTMAX\""));

        var actions = await CodeFixHarness.ActionsAsync(s_provider, analyzed);

        Assert.Equal(new[] { "Use stride 1 (output 29)", "Use stride 2 (output 15)", "Use stride 4 (output 8)" }, actions.Select(a => a.Title));
    }

    [Fact]
    public async Task OptionsSharedByTheHeightAndWidthDiagnosticsAreOfferedOnce()
    {
        var source = MarkedSource.Parse(Network("\"CONV(16,4,stride:[|3|]{||})+RELU+FC(10)+SOFTMAX\""));
        var height = PlannedDiagnostic.At(DiagnosticIds.ConvolutionStrideMismatch, source.Spans[0], (DiagnosticPropertyNames.Fixes, "stride=1:29;pad=1:11"))
            .WithAdditional(source.Additional[0]);
        var width = PlannedDiagnostic.At(DiagnosticIds.ConvolutionStrideMismatch, source.Spans[0], (DiagnosticPropertyNames.Fixes, "stride=1:13;stride=2:7"))
            .WithAdditional(source.Additional[0]);
        var analyzed = await CodeFixHarness.AnalyzeAsync(source.Text, height, width);

        var actions = await CodeFixHarness.ActionsAsync(s_provider, analyzed);

        Assert.Equal(3, actions.Length);
        Assert.Equal(
            new[] { "StaticNets.SN0003.Padding.1", "StaticNets.SN0003.Stride.1", "StaticNets.SN0003.Stride.2" },
            actions.Select(a => a.EquivalenceKey).OrderBy(k => k, System.StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("stride=0:29")]
    [InlineData("stride=-1:29")]
    [InlineData("stride=2:0")]
    [InlineData("stride= 2:15")]
    [InlineData("stride=2")]
    [InlineData("pad=x:11")]
    [InlineData("size=3:10")]
    [InlineData("STRIDE=2:15")]
    [InlineData("stride=3:10")]
    public async Task NothingIsOfferedForAMissingMalformedOrNoOpFixesProperty(string? fixes)
    {
        var analyzed = await AnalyzeAsync(Network("\"CONV(16,4,stride:[|3|])+RELU+FC(10)+SOFTMAX\""), fixes);

        Assert.Empty(await CodeFixHarness.ActionsAsync(s_provider, analyzed));
    }

    [Theory]
    [InlineData("[|\"CONV(16,4,stride:3)+RELU+FC(10)+SOFTMAX\"|]")]
    [InlineData("[|Architecture|]")]
    [InlineData("[|\"CONV(16,4,\" + \"stride:3)+RELU+FC(10)+SOFTMAX\"|]")]
    public async Task NothingIsOfferedWhenTheDiagnosticCoversMoreThanLiteralContent(string architecture)
    {
        var analyzed = await AnalyzeAsync(Network(architecture));

        Assert.Empty(await CodeFixHarness.ActionsAsync(s_provider, analyzed));
    }

    [Fact]
    public async Task APaddingLocationOutsideTheLiteralIsNotEdited()
    {
        var analyzed = await AnalyzeAsync(Network("\"CONV(16,4,stride:[|3|])+RELU+FC(10)+SOFTMAX\"{||}"));

        var actions = await CodeFixHarness.ActionsAsync(s_provider, analyzed);

        Assert.DoesNotContain(actions, a => a.Title.StartsWith("Use padding", System.StringComparison.Ordinal));
    }
}
