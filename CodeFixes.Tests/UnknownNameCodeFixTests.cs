using System.Linq;
using System.Threading.Tasks;
using StaticNets.CodeFixes.Tests.Infrastructure;

namespace StaticNets.CodeFixes.Tests;

public sealed class UnknownNameCodeFixTests
{
    private static readonly UnknownNameCodeFixProvider s_provider = new();

    private static string Network(string architecture) => """
        using StaticNets;

        [Network(
        """ + architecture + """
        , Input = "1x28x28")]
        public partial class Net { }
        """;

    private static Task<AnalyzedDocument> AnalyzeAsync(string markup, string? suggestion)
    {
        var source = MarkedSource.Parse(markup);
        var planned = source.Spans
            .Select(span => PlannedDiagnostic.At(DiagnosticIds.UnknownName, span, (DiagnosticPropertyNames.Suggestion, suggestion)))
            .ToArray();
        return CodeFixHarness.AnalyzeAsync(source.Text, planned);
    }

    [Fact]
    public async Task UnknownLayerNameBecomesTheSuggestion()
    {
        var analyzed = await AnalyzeAsync(Network("\"CONV(6,5)+[|RELUX|]+FC(10)+SOFTMAX\""), "RELU");

        var action = Assert.Single(await CodeFixHarness.ActionsAsync(s_provider, analyzed));
        Assert.Equal("Change 'RELUX' to 'RELU'", action.Title);
        Assert.Equal(UnknownNameCodeFixProvider.EquivalenceKey, action.EquivalenceKey);
        Assert.Equal(Network("\"CONV(6,5)+RELU+FC(10)+SOFTMAX\""), await CodeFixHarness.ApplyAsync(action, analyzed.Document));
    }

    [Fact]
    public async Task UnknownArgumentNameBecomesTheSuggestion()
    {
        var analyzed = await AnalyzeAsync(Network("\"CONV(6, 5, [|strid|]: 1)+RELU+FC(10)+SOFTMAX\""), "stride");

        string after = await CodeFixHarness.ApplyAsync(s_provider, analyzed, "Change 'strid' to 'stride'");

        Assert.Equal(Network("\"CONV(6, 5, stride: 1)+RELU+FC(10)+SOFTMAX\""), after);
    }

    [Theory]
    [InlineData("@\"CONV(6,5)+[|RELUX|]+FC(10)+SOFTMAX\"", "@\"CONV(6,5)+RELU+FC(10)+SOFTMAX\"")]
    [InlineData("@\"CONV(6,5)\n  +[|RELUX|]\n  +FC(10)+SOFTMAX\"", "@\"CONV(6,5)\n  +RELU\n  +FC(10)+SOFTMAX\"")]
    [InlineData("\"\"\"CONV(6,5)+[|RELUX|]+FC(10)+SOFTMAX\"\"\"", "\"\"\"CONV(6,5)+RELU+FC(10)+SOFTMAX\"\"\"")]
    [InlineData("\"\"\"\n    CONV(6,5)\n    +[|RELUX|]\n    +FC(10)+SOFTMAX\n    \"\"\"", "\"\"\"\n    CONV(6,5)\n    +RELU\n    +FC(10)+SOFTMAX\n    \"\"\"")]
    public async Task VerbatimAndRawLiteralsAreEditedInPlace(string before, string after)
    {
        var analyzed = await AnalyzeAsync(Network(before), "RELU");

        Assert.Equal(Network(after), await CodeFixHarness.ApplyAsync(s_provider, analyzed, "Change 'RELUX' to 'RELU'"));
    }

    [Fact]
    public async Task ANameWrittenWithEscapesIsReplacedWhole()
    {
        // The generator maps the name's value characters back to the source characters that wrote them, escape included.
        var analyzed = await AnalyzeAsync(Network("\"CONV(6,5)+[|\\u0052ELUX|]+FC(10)+SOFTMAX\""), "RELU");

        string after = await CodeFixHarness.ApplyAsync(s_provider, analyzed, "Change '\\u0052ELUX' to 'RELU'");

        Assert.Equal(Network("\"CONV(6,5)+RELU+FC(10)+SOFTMAX\""), after);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("RE\"LU")]
    [InlineData("RE LU")]
    [InlineData("1RELU")]
    [InlineData("RELU)+FC(3")]
    [InlineData("RELUX")]
    public async Task NothingIsOfferedWithoutAUsableSuggestion(string? suggestion)
    {
        var analyzed = await AnalyzeAsync(Network("\"CONV(6,5)+[|RELUX|]+FC(10)+SOFTMAX\""), suggestion);

        Assert.Empty(await CodeFixHarness.ActionsAsync(s_provider, analyzed));
    }

    [Fact]
    public async Task NothingIsOfferedWhenTheDiagnosticCoversTheWholeArgument()
    {
        var analyzed = await AnalyzeAsync(Network("[|\"CONV(6,5)+RELUX+FC(10)+SOFTMAX\"|]"), "RELU");

        Assert.Empty(await CodeFixHarness.ActionsAsync(s_provider, analyzed));
    }

    [Fact]
    public async Task FixAllReplacesEveryUnknownNameWithItsOwnSuggestion()
    {
        var source = MarkedSource.Parse(Network("\"CONV(6,5,[|strid|]:1)+[|RELUX|]+[|FCC|](10)+SOFTMAX\""));
        var analyzed = await CodeFixHarness.AnalyzeAsync(
            source.Text,
            PlannedDiagnostic.At(DiagnosticIds.UnknownName, source.Spans[0], (DiagnosticPropertyNames.Suggestion, "stride")),
            PlannedDiagnostic.At(DiagnosticIds.UnknownName, source.Spans[1], (DiagnosticPropertyNames.Suggestion, "RELU")),
            PlannedDiagnostic.At(DiagnosticIds.UnknownName, source.Spans[2]));

        string after = await CodeFixHarness.FixAllAsync(s_provider, analyzed, UnknownNameCodeFixProvider.EquivalenceKey);

        Assert.Equal(Network("\"CONV(6,5,stride:1)+RELU+FCC(10)+SOFTMAX\""), after);
    }
}
