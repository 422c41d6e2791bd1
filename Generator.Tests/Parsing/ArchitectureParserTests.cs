using System.Linq;
using Microsoft.CodeAnalysis.Text;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Tests.Parsing;

public class ArchitectureParserTests
{
    private static ArchitectureSyntax ParseValid(string text)
    {
        var result = ArchitectureParser.Parse(text);
        Assert.Null(result.Error);
        return Assert.IsAssignableFrom<ArchitectureSyntax>(result.Node);
    }

    private static SyntaxError ParseInvalid(string text)
    {
        var result = ArchitectureParser.Parse(text);
        Assert.Null(result.Node);
        return Assert.IsType<SyntaxError>(result.Error);
    }

    private static string At(string text, TextSpan span) => text.Substring(span.Start, span.Length);

    [Fact]
    public void NestedRepetitionsKeepTheirStructureAndSpans()
    {
        const string text = "((CONV+RELU)*N+POOL)*M+(FC+RELU)*K+SOFTMAX";
        var root = Assert.IsType<SequenceSyntax>(ParseValid(text));
        Assert.Equal(3, root.Terms.Length);

        var outer = Assert.IsType<RepetitionSyntax>(root.Terms[0]);
        Assert.Equal("((CONV+RELU)*N+POOL)*M", At(text, outer.Span));
        Assert.Equal("M", Assert.IsType<NameValueSyntax>(outer.Count).Name);
        var body = Assert.IsType<SequenceSyntax>(outer.Body);
        var inner = Assert.IsType<RepetitionSyntax>(body.Terms[0]);
        Assert.Equal("(CONV+RELU)*N", At(text, inner.Span));
        Assert.Equal("N", At(text, inner.Count.Span));
        var conv = Assert.IsType<LayerSyntax>(Assert.IsType<SequenceSyntax>(inner.Body).Terms[0]);
        Assert.Equal("CONV", At(text, conv.Span));
        Assert.False(conv.HasArgumentList);

        var loss = Assert.IsType<LayerSyntax>(root.Terms[2]);
        Assert.Equal("SOFTMAX", loss.Name.Text);
        Assert.Equal(text.Length - "SOFTMAX".Length, loss.Span.Start);
    }

    [Fact]
    public void ArgumentsMayBePositionalNamedOrListsBoundToAVariable()
    {
        const string text = "conv( [32, 64]@M , 3, pad : same )";
        var layer = Assert.IsType<LayerSyntax>(ParseValid(text));
        Assert.Equal("conv( [32, 64]@M , 3, pad : same )", At(text, layer.Span));
        Assert.Equal(3, layer.Arguments.Length);

        var list = Assert.IsType<ListSyntax>(layer.Arguments[0].Value);
        Assert.Equal("[32, 64]@M", At(text, list.Span));
        Assert.Equal(new[] { "32", "64" }, list.Items.Select(i => Assert.IsType<NumberSyntax>(i).Text));
        Assert.Equal("M", list.BoundTo!.Text);

        Assert.Null(layer.Arguments[1].Name);
        Assert.Equal("3", At(text, layer.Arguments[1].Value.Span));

        var named = layer.Arguments[2];
        Assert.Equal("pad", named.Name!.Text);
        Assert.Equal("pad : same", At(text, named.Span));
        Assert.Equal("same", Assert.IsType<NameValueSyntax>(named.Value).Name);
    }

    [Fact]
    public void NumbersMayBeNegativeOrDecimalForTheBinderToJudge()
    {
        var layer = Assert.IsType<LayerSyntax>(ParseValid("DROPOUT(0.5, -3, 1e-3)"));
        var numbers = layer.Arguments.Select(a => Assert.IsType<NumberSyntax>(a.Value)).ToList();
        Assert.Equal(new[] { "0.5", "-3", "1e-3" }, numbers.Select(n => n.Text));
        Assert.Equal(new[] { false, true, false }, numbers.Select(n => n.IsInteger));
        Assert.True(numbers[1].TryGetInt32(out int value));
        Assert.Equal(-3, value);
        Assert.False(new NumberSyntax(default, "99999999999").TryGetInt32(out _));
    }

    [Theory]
    [InlineData("(CONV+RELU", "(", "'(' is never closed: expected ')'")]
    [InlineData("CONV+RELU)", ")", "')' has no matching '('")]
    [InlineData("CONV RELU", "RELU", "expected '+' between layers or end of text, found 'RELU'")]
    [InlineData("CONV+", "", "expected a layer name or '(', found end of text")]
    [InlineData("CONV(6,5", "(", "'(' after CONV is never closed: expected ',' or ')'")]
    [InlineData("CONV(6,,5)", ",", "expected a value (a number, a name or a [list]), found ','")]
    [InlineData("CONV()", ")", "expected a value (a number, a name or a [list]), found ')'")]
    [InlineData("FC*2*3", "*", "a repetition cannot be repeated again: wrap it in parentheses, as in (CONV*2)*3")]
    [InlineData("FC*", "", "expected a repetition count (a whole number or a Let variable) after '*', found end of text")]
    [InlineData("FC([1,2)", ")", "expected ',' or ']' in a list, found ')'")]
    [InlineData("FC([1,2]@)", ")", "expected a variable name after '@', found ')'")]
    [InlineData("FC(10)+SOFT#MAX", "#", "expected '+' between layers or end of text, unexpected character '#'")]
    [InlineData("  ", "", "the architecture is empty: expected layers such as CONV(6,5)+RELU+FC(10)+SOFTMAX")]
    public void SyntaxErrorsPointAtTheOffendingCharacters(string text, string underlined, string message)
    {
        var error = ParseInvalid(text);
        Assert.Equal(underlined, At(text, error.Span));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void UnexpectedEndIsAnEmptySpanAtTheEnd()
    {
        var error = ParseInvalid("CONV+");
        Assert.Equal(new TextSpan(5, 0), error.Span);
    }

    [Fact]
    public void DeepNestingIsRefusedWithoutExhaustingTheStack()
    {
        string text = new string('(', 100_000) + "FC" + new string(')', 100_000);
        var error = ParseInvalid(text);
        Assert.Equal("parentheses are nested deeper than 64 levels", error.Message);
        Assert.Equal(new TextSpan(SyntaxReader.MaxNestingDepth, 1), error.Span);

        var lists = ParseInvalid("FC(" + new string('[', 100_000) + "1" + new string(']', 100_000) + ")");
        Assert.Equal("lists are nested deeper than 64 levels", lists.Message);
    }

    [Fact]
    public void NestingUpToTheLimitParses()
    {
        string text = new string('(', SyntaxReader.MaxNestingDepth) + "FC" + new string(')', SyntaxReader.MaxNestingDepth);
        Assert.IsType<LayerSyntax>(ParseValid(text));
    }
}
