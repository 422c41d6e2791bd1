using System.Linq;
using Microsoft.CodeAnalysis.Text;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Tests.Parsing;

public class AttributeStringParserTests
{
    private static string At(string text, TextSpan span) => text.Substring(span.Start, span.Length);

    [Theory]
    [InlineData("3x32x32", new[] { "3", "32", "32" })]
    [InlineData(" 1 X 28 x 28 ", new[] { "1", "28", "28" })]
    [InlineData("784", new[] { "784" })]
    public void InputIsCxHxWOrAFeatureCount(string text, string[] sizes)
    {
        var input = Assert.IsType<InputSyntax>(InputParser.Parse(text).Node);
        Assert.Equal(sizes, input.Dimensions.Select(d => d.Text));
        Assert.Equal(sizes.Last(), At(text, input.Dimensions.Last().Span));
    }

    [Theory]
    [InlineData("3x32", "3x32", "Input '3x32' has 2 sizes: expected CxHxW (e.g. 1x28x28) or a feature count N (e.g. 784)")]
    [InlineData("3*32*32", "*", "Input has unexpected character '*' where 'x' between sizes belongs; expected CxHxW (e.g. 1x28x28) or a feature count N (e.g. 784)")]
    [InlineData("3x32x", "", "Input ends early: expected a size; expected CxHxW (e.g. 1x28x28) or a feature count N (e.g. 784)")]
    [InlineData("", "", "Input is empty: expected CxHxW (e.g. 1x28x28) or a feature count N (e.g. 784)")]
    public void MalformedInputPointsAtTheProblem(string text, string underlined, string message)
    {
        var result = InputParser.Parse(text);
        Assert.Null(result.Node);
        Assert.Equal(underlined, At(text, result.Error!.Span));
        Assert.Equal(message, result.Error.Message);
    }

    [Fact]
    public void LetBindsNamesToNumbers()
    {
        const string text = "N=2, M = 3 ,K=1";
        var let = Assert.IsType<LetSyntax>(LetParser.Parse(text).Node);
        Assert.Equal(new[] { "N", "M", "K" }, let.Bindings.Select(b => b.Name.Text));
        Assert.Equal(new[] { "2", "3", "1" }, let.Bindings.Select(b => b.Value.Text));
        Assert.Equal("M = 3", At(text, let.Bindings[1].Span));
        Assert.Empty(Assert.IsType<LetSyntax>(LetParser.Parse("  ").Node).Bindings);
    }

    [Theory]
    [InlineData("N=2, M", "", "expected '=' after M, found end of text")]
    [InlineData("N=2 M=3", "M", "expected ',' between variables, found 'M'")]
    [InlineData("N=x", "x", "expected a number after N=, found 'x'")]
    [InlineData("N=2,", "", "expected a variable name after ',', found end of text")]
    [InlineData("2=N", "2", "expected a variable name, as in N=2, found '2'")]
    public void MalformedLetPointsAtTheProblem(string text, string underlined, string message)
    {
        var result = LetParser.Parse(text);
        Assert.Null(result.Node);
        Assert.Equal(underlined, At(text, result.Error!.Span));
        Assert.Equal(message, result.Error.Message);
    }

    [Fact]
    public void DefaultsAreLayersSeparatedBySemicolons()
    {
        const string text = "CONV([32,64,128], 3, pad: same); POOL(2); FC(256);";
        var defaults = Assert.IsType<DefaultsSyntax>(DefaultsParser.Parse(text).Node);
        Assert.Equal(new[] { "CONV", "POOL", "FC" }, defaults.Entries.Select(e => e.Name.Text));
        Assert.Equal("[32,64,128]", At(text, defaults.Entries[0].Arguments[0].Value.Span));
        Assert.Equal("FC(256)", At(text, defaults.Entries[2].Span));
    }

    [Fact]
    public void MalformedDefaultsPointAtTheProblem()
    {
        const string text = "CONV(3) POOL(2)";
        var result = DefaultsParser.Parse(text);
        Assert.Null(result.Node);
        Assert.Equal("POOL", At(text, result.Error!.Span));
        Assert.Equal("expected ';' between the defaults of two layers, found 'POOL'", result.Error.Message);
    }

    [Fact]
    public void TokenizerKeepsEveryCharacterAndEndsWithEnd()
    {
        var tokens = Tokenizer.Tokenize("CONV(-6, 0.5e3)+é");
        Assert.Equal(
            new[] { TokenKind.Name, TokenKind.OpenParen, TokenKind.Number, TokenKind.Comma, TokenKind.Number, TokenKind.CloseParen, TokenKind.Plus, TokenKind.Invalid, TokenKind.End },
            tokens.Select(t => t.Kind));
        Assert.Equal(new[] { "CONV", "(", "-6", ",", "0.5e3", ")", "+", "é", "" }, tokens.Select(t => t.Text));
    }
}
