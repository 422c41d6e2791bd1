using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace StaticNets.Generator.Declaration;

/// <summary>
/// A string literal's value with, for every value character, the range of token characters that
/// wrote it (an escape like <c>\u0041</c> writes one value character with six token characters).
/// Offsets are relative to the token's start.
/// </summary>
internal sealed record DecodedLiteral(string Value, int[] Starts, int[] Ends, int ContentEnd);

/// <summary>
/// Decodes the text of a C# string literal token (regular with escapes, verbatim <c>@"..."</c>, raw
/// <c>"""..."""</c> single- or multi-line) into its value and a map back to the token. Returns null for
/// anything it does not recognise; the caller then checks the value against the compiler's and falls
/// back to underlining the whole argument, so a decoding gap costs precision, never correctness.
/// </summary>
internal static class StringLiteralDecoder
{
    public static DecodedLiteral? Decode(string token)
    {
        if (token.StartsWith("\"\"\"", System.StringComparison.Ordinal))
        {
            return DecodeRaw(token);
        }
        if (token.StartsWith("@\"", System.StringComparison.Ordinal))
        {
            return DecodeVerbatim(token);
        }
        if (token.StartsWith("\"", System.StringComparison.Ordinal))
        {
            return DecodeRegular(token);
        }
        return null;
    }

    private static DecodedLiteral? DecodeRegular(string token)
    {
        if (token.Length < 2 || token[token.Length - 1] != '"')
        {
            return null;
        }
        var builder = new Builder();
        int end = token.Length - 1;
        int i = 1;
        while (i < end)
        {
            if (token[i] != '\\')
            {
                builder.Add(token[i], i, i + 1);
                i++;
                continue;
            }
            if (i + 1 >= end)
            {
                return null;
            }
            char kind = token[i + 1];
            char? simple = kind switch
            {
                '\'' => '\'',
                '"' => '"',
                '\\' => '\\',
                '0' => '\0',
                'a' => '\a',
                'b' => '\b',
                'e' => '\u001b',
                'f' => '\f',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                'v' => '\v',
                _ => null,
            };
            if (simple is { } c)
            {
                builder.Add(c, i, i + 2);
                i += 2;
                continue;
            }
            int digits = kind == 'u' ? 4 : kind == 'U' ? 8 : kind == 'x' ? CountHex(token, i + 2, end, 4) : -1;
            if (digits <= 0 || i + 2 + digits > end
                || !int.TryParse(token.Substring(i + 2, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int code)
                || code < 0 || code > 0x10FFFF)
            {
                return null;
            }
            int next = i + 2 + digits;
            if (code > 0xFFFF)
            {
                // \U beyond the BMP writes a surrogate pair: both halves map to the same escape.
                string pair = char.ConvertFromUtf32(code);
                builder.Add(pair[0], i, next);
                builder.Add(pair[1], i, next);
            }
            else
            {
                builder.Add((char)code, i, next);
            }
            i = next;
        }
        return builder.Build(end);
    }

    private static DecodedLiteral? DecodeVerbatim(string token)
    {
        if (token.Length < 3 || token[token.Length - 1] != '"')
        {
            return null;
        }
        var builder = new Builder();
        int end = token.Length - 1;
        int i = 2;
        while (i < end)
        {
            if (token[i] == '"')
            {
                if (i + 1 >= end || token[i + 1] != '"')
                {
                    return null;
                }
                builder.Add('"', i, i + 2);
                i += 2;
                continue;
            }
            builder.Add(token[i], i, i + 1);
            i++;
        }
        return builder.Build(end);
    }

    private static DecodedLiteral? DecodeRaw(string token)
    {
        int quotes = 0;
        while (quotes < token.Length && token[quotes] == '"')
        {
            quotes++;
        }
        int closing = token.Length - quotes;
        if (closing < quotes || !IsRun(token, closing, quotes))
        {
            return null;
        }

        var lines = SplitLines(token);
        var builder = new Builder();
        if (lines.Count == 1)
        {
            for (int i = quotes; i < closing; i++)
            {
                builder.Add(token[i], i, i + 1);
            }
            return builder.Build(closing);
        }

        // Multi-line: the opening and closing lines hold only whitespace besides the quotes; the closing
        // line's whitespace is the indentation removed from every content line.
        var first = lines[0];
        var last = lines[lines.Count - 1];
        if (!IsWhitespace(token, quotes, first.ContentEnd) || !IsWhitespace(token, last.Start, closing))
        {
            return null;
        }
        string indentation = token.Substring(last.Start, closing - last.Start);
        for (int l = 1; l < lines.Count - 1; l++)
        {
            var line = lines[l];
            int contentStart;
            if (string.CompareOrdinal(token, line.Start, indentation, 0, indentation.Length) == 0
                && line.ContentEnd - line.Start >= indentation.Length)
            {
                contentStart = line.Start + indentation.Length;
            }
            else if (IsWhitespace(token, line.Start, line.ContentEnd))
            {
                contentStart = line.ContentEnd;
            }
            else
            {
                return null;
            }
            for (int i = contentStart; i < line.ContentEnd; i++)
            {
                builder.Add(token[i], i, i + 1);
            }
            // The line break before the closing line is not part of the value.
            if (l < lines.Count - 2)
            {
                for (int i = line.ContentEnd; i < line.End; i++)
                {
                    builder.Add(token[i], i, i + 1);
                }
            }
        }
        return builder.Build(lines[lines.Count - 2].ContentEnd);
    }

    private readonly record struct Line(int Start, int ContentEnd, int End);

    /// <summary>Lines with the breaks C# recognises: CR LF, CR, LF, NEL, LS, PS.</summary>
    private static List<Line> SplitLines(string text)
    {
        var lines = new List<Line>();
        int start = 0;
        int i = 0;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '\r' || c == '\n' || c == '\u0085' || c == '\u2028' || c == '\u2029')
            {
                int breakEnd = c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? i + 2 : i + 1;
                lines.Add(new Line(start, i, breakEnd));
                start = i = breakEnd;
                continue;
            }
            i++;
        }
        lines.Add(new Line(start, text.Length, text.Length));
        return lines;
    }

    private static bool IsWhitespace(string text, int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            if (!char.IsWhiteSpace(text[i]))
            {
                return false;
            }
        }
        return true;
    }

    private static bool IsRun(string text, int start, int count)
    {
        for (int i = start; i < start + count; i++)
        {
            if (text[i] != '"')
            {
                return false;
            }
        }
        return true;
    }

    private static int CountHex(string text, int start, int end, int max)
    {
        int count = 0;
        while (count < max && start + count < end && System.Uri.IsHexDigit(text[start + count]))
        {
            count++;
        }
        return count;
    }

    private sealed class Builder
    {
        private readonly StringBuilder _value = new();
        private readonly List<int> _starts = new();
        private readonly List<int> _ends = new();

        public void Add(char c, int start, int end)
        {
            _value.Append(c);
            _starts.Add(start);
            _ends.Add(end);
        }

        public DecodedLiteral Build(int contentEnd) => new(_value.ToString(), _starts.ToArray(), _ends.ToArray(), contentEnd);
    }
}
