using Microsoft.CodeAnalysis;
using StaticNets.Generator.Tests.Infrastructure;

namespace StaticNets.Generator.Tests.Diagnostics;

/// <summary>
/// A diagnostic underlines the characters of the source that wrote the offending part of the string's
/// value, however the literal is written; for non-literals it falls back to the whole argument.
/// </summary>
public class LiteralLocationTests
{
    private static Diagnostic Locate(string marked, string id) => Markup.RunAndLocate(marked, id).Diagnostic;

    private const string Stride4Message =
        "CONV #1: for the Input 3x224x224, (224 + 2*0 - 11) = 213 is not divisible by stride 4, so the output size 213/4 + 1 is not a whole number; strides that fit: 1 (output 214), 3 (output 72); no padding fits stride 4";

    [Fact]
    public void RegularLiteralWithUnicodeEscapesMapsEachEscapeToItsCharacter()
    {
        var diagnostic = Locate(Markup.Network("""
            "\u0043ONV(96,11,stride:[|\u0034|])+RELU+FC(10)+SOFTMAX", Input = "3x224x224"
            """), "SN0003");
        Assert.Equal(Stride4Message, diagnostic.GetMessage());
    }

    [Fact]
    public void RegularLiteralWithSimpleHexAndLongEscapesBeforeTheError()
    {
        var diagnostic = Locate(Markup.Network("""
            "\tFC(10)\n+\x0052ELU+\U00000046C(3)+[|RELUU|]+SOFTMAX", Input = "10"
            """), "SN0002");
        Assert.Equal("unknown layer 'RELUU': did you mean RELU?", diagnostic.GetMessage());
    }

    [Fact]
    public void RegularLiteralEscapedQuoteAndBackslashAreUnderlinedWhole()
    {
        Assert.Equal("expected a layer name or '(', unexpected character '\"'",
            Locate(Markup.Network("""
                "FC(10)+[|\"|]SOFTMAX", Input = "10"
                """), "SN0001").GetMessage());
        Assert.Equal("expected a layer name or '(', unexpected character '\\'",
            Locate(Markup.Network("""
                "FC(10)+[|\\|]SOFTMAX", Input = "10"
                """), "SN0001").GetMessage());
    }

    [Fact]
    public void RegularLiteralSurrogatePairFromALongEscapeIsOneCharacter()
    {
        var diagnostic = Locate(Markup.Network("""
            "FC(10)+[|\U0001F600|]+SOFTMAX", Input = "10"
            """), "SN0001");
        Assert.Equal("expected a layer name or '(', unexpected character '\U0001F600'", diagnostic.GetMessage());
    }

    [Fact]
    public void VerbatimLiteralDoubledQuoteIsUnderlinedWhole()
    {
        var diagnostic = Locate(Markup.Network("""
            @"FC(10)+[|""|]SOFTMAX", Input = "10"
            """), "SN0001");
        Assert.Equal("expected a layer name or '(', unexpected character '\"'", diagnostic.GetMessage());
    }

    [Fact]
    public void VerbatimLiteralAcrossLinesMapsLineAndColumn()
    {
        Locate(Markup.Network("""
            @"CONV(6,5)+RELU+
                      [|RELUU|]+FC(10)+SOFTMAX", Input = "1x28x28"
            """), "SN0002");
    }

    [Fact]
    public void RawMultiLineLiteralMapsPastItsRemovedIndentation()
    {
        var source = """"
            using StaticNets;

            namespace Sample;

            [Network("""
                CONV(6,5,pad:2) + RELU + POOL(2)
                + FC(10) + [|RELUU|] + SOFTMAX
                """, Input = "1x28x28")]
            public partial class Net { }
            """";
        Locate(source, "SN0002");
        Locate(source.Replace("\n", "\r\n"), "SN0002");
    }

    [Fact]
    public void RawSingleLineLiteralsWithAnyNumberOfQuotes()
    {
        Locate(Markup.Network("\"\"\"FC(10)+[|RELUU|]+SOFTMAX\"\"\", Input = \"10\""), "SN0002");
        Locate(Markup.Network("\"\"\"\"FC(10)+[|RELUU|]+SOFTMAX\"\"\"\", Input = \"10\""), "SN0002");
    }

    [Fact]
    public void ParenthesizedAndNamedConstructorArgumentsStillMapExactly()
    {
        Locate(Markup.Network("(\"FC(10)+[|RELUU|]+SOFTMAX\"), Input = \"10\""), "SN0002");
        Locate(Markup.Network("architecture: \"FC(10)+[|RELUU|]+SOFTMAX\", Input = \"10\""), "SN0002");
    }

    [Fact]
    public void ConstantReferenceFallsBackToTheWholeArgument()
    {
        var source = """
            using StaticNets;

            namespace Sample;

            [Network([|Shapes.Architecture|], Input = "10")]
            public partial class Net { }

            internal static class Shapes
            {
                public const string Architecture = "FC(10)+RELUU+SOFTMAX";
            }
            """;
        Assert.Equal("unknown layer 'RELUU': did you mean RELU?", Locate(source, "SN0002").GetMessage());
    }

    [Fact]
    public void ConcatenationAndInterpolationFallBackToTheWholeArgument()
    {
        Locate(Markup.Network("[|\"FC(10)+\" + \"RELUU+SOFTMAX\"|], Input = \"10\""), "SN0002");
        var interpolated = """
            using StaticNets;

            namespace Sample;

            [Network([|$"FC({Width})+RELUU+SOFTMAX"|], Input = "10")]
            public partial class Net
            {
                private const string Width = "10";
            }
            """;
        Locate(interpolated, "SN0002");
    }

    [Fact]
    public void InputLetAndDefaultsMapIntoTheirOwnLiterals()
    {
        Locate(Markup.Network("""
            "FC(10)+SOFTMAX", Input = @"3x32x[|-|]32"
            """), "SN0007");
        Locate(Markup.Network(""""
            "(FC+RELU)*N+SOFTMAX", Input = "10", Classes = 2, Let = """N=[|2.5|]""", Defaults = "FC(4)"
            """"), "SN0009");
        Locate(Markup.Network("""
            "FC+SOFTMAX", Input = "10", Defaults = "\u0046C([|\x30|])"
            """), "SN0009");
    }

    [Fact]
    public void EmptyArchitectureIsAnEmptySpanInsideTheQuotes()
    {
        var (source, span) = Markup.Parse(Markup.Network("\"[||]\", Input = \"10\""));
        var outcome = GeneratorHarness.Run(source);
        var diagnostic = outcome.Single("SN0001");
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        Assert.Equal(0, span.Length);
    }
}
