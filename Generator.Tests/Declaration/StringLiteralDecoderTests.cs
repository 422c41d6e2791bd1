using System;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNets.Generator.Declaration;

namespace StaticNets.Generator.Tests.Declaration;

/// <summary>
/// The decoder agrees with the compiler on the value of every literal form, and maps each value
/// character to the source characters that wrote it. Random literals, fixed seeds.
/// </summary>
public class StringLiteralDecoderTests
{
    private const string Alphabet = "CONVFCRELUPOOLSOFTMAXconv0123456789+*()[],:@=; xé\t\"\\\0\u2028😀";

    private static string RandomValue(Random random, int maxLength, string alphabet)
    {
        var builder = new StringBuilder();
        int length = random.Next(maxLength + 1);
        var elements = StringInfo.GetTextElementEnumerator(alphabet);
        var units = new System.Collections.Generic.List<string>();
        while (elements.MoveNext())
        {
            units.Add((string)elements.Current);
        }
        for (int i = 0; i < length; i++)
        {
            builder.Append(units[random.Next(units.Count)]);
        }
        return builder.ToString();
    }

    /// <summary>Writes <paramref name="value"/> as a regular literal, choosing an encoding per character at random.</summary>
    private static string RegularLiteral(Random random, string value)
    {
        var builder = new StringBuilder("\"");
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (char.IsHighSurrogate(c) && i + 1 < value.Length)
            {
                builder.Append(random.Next(2) == 0
                    ? value.Substring(i, 2)
                    : "\\U" + char.ConvertToUtf32(c, value[i + 1]).ToString("X8", CultureInfo.InvariantCulture));
                i++;
                continue;
            }
            bool mustEscape = c is '"' or '\\' or '\0' or '\u2028';
            switch (mustEscape ? random.Next(1, 4) : random.Next(4))
            {
                case 0:
                    builder.Append(c);
                    break;
                case 1:
                    builder.Append(c switch { '"' => "\\\"", '\\' => "\\\\", '\0' => "\\0", '\t' => "\\t", _ => "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture) });
                    break;
                case 2:
                    builder.Append("\\x").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append("\\U").Append(((int)c).ToString("X8", CultureInfo.InvariantCulture));
                    break;
            }
        }
        return builder.Append('"').ToString();
    }

    private static SyntaxTokenInfo ParseLiteral(string literal)
    {
        var expression = Assert.IsType<LiteralExpressionSyntax>(SyntaxFactory.ParseExpression(literal, options: new CSharpParseOptions(LanguageVersion.Latest)));
        Assert.Empty(expression.GetDiagnostics());
        return new SyntaxTokenInfo(expression.Token.Text, expression.Token.ValueText);
    }

    private sealed record SyntaxTokenInfo(string Text, string Value);

    private static DecodedLiteral DecodeAndCompare(string literal, string expected)
    {
        var token = ParseLiteral(literal);
        Assert.Equal(expected, token.Value);
        var decoded = Assert.IsType<DecodedLiteral>(StringLiteralDecoder.Decode(token.Text));
        Assert.Equal(token.Value, decoded.Value);
        Assert.Equal(decoded.Value.Length, decoded.Starts.Length);
        Assert.Equal(decoded.Value.Length, decoded.Ends.Length);
        for (int i = 0; i < decoded.Starts.Length; i++)
        {
            Assert.True(decoded.Starts[i] < decoded.Ends[i]);
            Assert.True(i == 0 || decoded.Starts[i] >= decoded.Ends[i - 1] || decoded.Starts[i] == decoded.Starts[i - 1]);
            Assert.True(decoded.Ends[i] <= decoded.ContentEnd);
        }
        return decoded;
    }

    [Fact]
    public void RegularLiteralsWithRandomEscapesDecodeAsTheCompilerDoes()
    {
        var random = new Random(1234);
        for (int n = 0; n < 1500; n++)
        {
            string value = RandomValue(random, 24, Alphabet);
            string literal = RegularLiteral(random, value);
            var decoded = DecodeAndCompare(literal, value);
            for (int i = 0; i < value.Length; i++)
            {
                // Each character's source slice, quoted alone, decodes to that character (or its surrogate pair).
                string slice = literal.Substring(decoded.Starts[i], decoded.Ends[i] - decoded.Starts[i]);
                string alone = Assert.IsType<DecodedLiteral>(StringLiteralDecoder.Decode("\"" + slice + "\"")).Value;
                Assert.Contains(value[i], alone);
            }
            Assert.Equal(literal.Length - 1, decoded.ContentEnd);
        }
    }

    [Fact]
    public void VerbatimLiteralsDecodeAsTheCompilerDoes()
    {
        var random = new Random(99);
        for (int n = 0; n < 1000; n++)
        {
            string value = RandomValue(random, 24, Alphabet + "\r\n");
            string literal = "@\"" + value.Replace("\"", "\"\"") + "\"";
            var decoded = DecodeAndCompare(literal, value);
            for (int i = 0; i < value.Length; i++)
            {
                string slice = literal.Substring(decoded.Starts[i], decoded.Ends[i] - decoded.Starts[i]);
                Assert.Equal(value[i] == '"' ? "\"\"" : value[i].ToString(), slice);
            }
        }
    }

    [Fact]
    public void RawLiteralsDecodeAsTheCompilerDoes()
    {
        var random = new Random(7);
        const string rawAlphabet = "CONVFCRELU0123456789+*()[],:@=; xé\t\\😀";
        for (int n = 0; n < 1000; n++)
        {
            // Single line: content may not start or end with a space-free quote issue, so the alphabet has no quote.
            string single = RandomValue(random, 20, rawAlphabet);
            if (single.Length > 0 && !char.IsWhiteSpace(single[0]) && !char.IsWhiteSpace(single[single.Length - 1]))
            {
                DecodeAndCompare("\"\"\"" + single + "\"\"\"", single);
            }

            // Multi-line, indented by the closing line, with blank lines and a random newline style.
            string indent = new string(' ', random.Next(0, 9));
            string newline = random.Next(2) == 0 ? "\n" : "\r\n";
            var lines = Enumerable.Range(0, random.Next(1, 5)).Select(_ => random.Next(5) == 0 ? string.Empty : RandomValue(random, 12, rawAlphabet).Trim()).ToArray();
            string literal = "\"\"\"" + newline + string.Concat(lines.Select(l => (l.Length == 0 ? string.Empty : indent + l) + newline)) + indent + "\"\"\"";
            var decoded = DecodeAndCompare(literal, string.Join(newline, lines));
            for (int i = 0; i < decoded.Value.Length; i++)
            {
                Assert.Equal(decoded.Value[i], literal[decoded.Starts[i]]);
            }
        }
    }

    [Theory]
    [InlineData("Arch")]
    [InlineData("$\"x\"")]
    [InlineData("\"unterminated")]
    [InlineData("\"bad \\q escape\"")]
    [InlineData("@\"lone \" quote\"")]
    [InlineData("\"\"\"\n  x\n y\n  \"\"\"")]
    public void AnythingElseIsNotDecoded(string token)
    {
        Assert.Null(StringLiteralDecoder.Decode(token));
    }
}
