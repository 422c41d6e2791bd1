using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;

namespace StaticNets.Generator.Parsing;

/// <summary>
/// Splits an architecture, Let or Defaults string into tokens. Total: every character ends up in
/// some token (unknown ones as <see cref="TokenKind.Invalid"/>), and the list always ends with
/// <see cref="TokenKind.End"/>, so the parser never reads past it.
/// </summary>
internal static class Tokenizer
{
    public static ImmutableArray<Token> Tokenize(string text)
    {
        var tokens = ImmutableArray.CreateBuilder<Token>();
        int position = 0;
        while (position < text.Length)
        {
            char c = text[position];
            if (char.IsWhiteSpace(c))
            {
                position++;
                continue;
            }

            int start = position;
            TokenKind kind;
            if (IsNameStart(c))
            {
                position++;
                while (position < text.Length && IsNamePart(text[position]))
                {
                    position++;
                }
                kind = TokenKind.Name;
            }
            else if (IsDigit(c) || (c == '-' && position + 1 < text.Length && IsDigit(text[position + 1])))
            {
                position = ScanNumber(text, position);
                kind = TokenKind.Number;
            }
            else
            {
                kind = SymbolKind(c);
                // A surrogate pair is one character to the reader; keep it in one token.
                position += char.IsHighSurrogate(c) && position + 1 < text.Length && char.IsLowSurrogate(text[position + 1]) ? 2 : 1;
            }
            tokens.Add(new Token(kind, TextSpan.FromBounds(start, position), text.Substring(start, position - start)));
        }
        tokens.Add(new Token(TokenKind.End, new TextSpan(text.Length, 0), string.Empty));
        return tokens.ToImmutable();
    }

    /// <summary>Digits, then an optional fraction and exponent (decimals are for layers like DROPOUT(0.5)).</summary>
    private static int ScanNumber(string text, int position)
    {
        if (text[position] == '-')
        {
            position++;
        }
        while (position < text.Length && IsDigit(text[position]))
        {
            position++;
        }
        if (position + 1 < text.Length && text[position] == '.' && IsDigit(text[position + 1]))
        {
            position++;
            while (position < text.Length && IsDigit(text[position]))
            {
                position++;
            }
        }
        if (position < text.Length && (text[position] == 'e' || text[position] == 'E'))
        {
            int exponent = position + 1;
            if (exponent < text.Length && (text[exponent] == '+' || text[exponent] == '-'))
            {
                exponent++;
            }
            if (exponent < text.Length && IsDigit(text[exponent]))
            {
                position = exponent;
                while (position < text.Length && IsDigit(text[position]))
                {
                    position++;
                }
            }
        }
        return position;
    }

    private static TokenKind SymbolKind(char c) => c switch
    {
        '+' => TokenKind.Plus,
        '*' => TokenKind.Star,
        '(' => TokenKind.OpenParen,
        ')' => TokenKind.CloseParen,
        ',' => TokenKind.Comma,
        ':' => TokenKind.Colon,
        '[' => TokenKind.OpenBracket,
        ']' => TokenKind.CloseBracket,
        '@' => TokenKind.At,
        '=' => TokenKind.Equals,
        ';' => TokenKind.Semicolon,
        _ => TokenKind.Invalid,
    };

    // ASCII only: names are layer names, argument names and C#-like variables.
    private static bool IsNameStart(char c) => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';

    private static bool IsNamePart(char c) => IsNameStart(c) || IsDigit(c);

    private static bool IsDigit(char c) => c >= '0' && c <= '9';
}
