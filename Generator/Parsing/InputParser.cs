using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis.Text;

namespace StaticNets.Generator.Parsing;

/// <summary>
/// Parses <c>Input</c>: <c>"CxHxW"</c> for images or <c>"N"</c> for a feature vector (whitespace allowed
/// around the numbers). Only the form is checked here; the binder checks the sizes.
/// </summary>
internal static class InputParser
{
    private const string Expected = "expected CxHxW (e.g. 1x28x28) or a feature count N (e.g. 784)";

    public static ParseResult<InputSyntax> Parse(string text)
    {
        var dimensions = ImmutableArray.CreateBuilder<NumberSyntax>();
        int position = SkipWhitespace(text, 0);
        if (position == text.Length)
        {
            return Failure(new TextSpan(0, text.Length), "Input is empty: " + Expected);
        }

        while (true)
        {
            int start = position;
            while (position < text.Length && text[position] >= '0' && text[position] <= '9')
            {
                position++;
            }
            if (position == start)
            {
                return UnexpectedAt(text, position, "a size");
            }
            dimensions.Add(new NumberSyntax(TextSpan.FromBounds(start, position), text.Substring(start, position - start)));

            position = SkipWhitespace(text, position);
            if (position == text.Length)
            {
                break;
            }
            if (text[position] != 'x' && text[position] != 'X')
            {
                return UnexpectedAt(text, position, "'x' between sizes");
            }
            position = SkipWhitespace(text, position + 1);
        }

        var content = TextSpan.FromBounds(dimensions[0].Span.Start, dimensions[dimensions.Count - 1].Span.End);
        if (dimensions.Count != 1 && dimensions.Count != 3)
        {
            return Failure(content, "Input '" + text.Substring(content.Start, content.Length) + "' has "
                + dimensions.Count.ToString(CultureInfo.InvariantCulture) + " sizes: " + Expected);
        }
        return ParseResult<InputSyntax>.Success(new InputSyntax(content, dimensions.ToImmutable()));
    }

    private static ParseResult<InputSyntax> UnexpectedAt(string text, int position, string expected)
    {
        if (position == text.Length)
        {
            return Failure(new TextSpan(position, 0), "Input ends early: expected " + expected + "; " + Expected);
        }
        int length = char.IsHighSurrogate(text[position]) && position + 1 < text.Length && char.IsLowSurrogate(text[position + 1]) ? 2 : 1;
        string found = CharacterNames.Quote(text.Substring(position, length));
        return Failure(new TextSpan(position, length), "Input has unexpected character " + found + " where " + expected + " belongs; " + Expected);
    }

    private static ParseResult<InputSyntax> Failure(TextSpan span, string message) =>
        ParseResult<InputSyntax>.Failure(new SyntaxError(span, message));

    private static int SkipWhitespace(string text, int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }
        return position;
    }
}

/// <summary>The sizes of <c>Input</c> as written: one (a vector) or three (channels, height, width).</summary>
internal sealed record InputSyntax(TextSpan Span, ImmutableArray<NumberSyntax> Dimensions);
