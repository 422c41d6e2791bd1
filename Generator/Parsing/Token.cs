using Microsoft.CodeAnalysis.Text;

namespace StaticNets.Generator.Parsing;

internal enum TokenKind
{
    Name,
    Number,
    Plus,
    Star,
    OpenParen,
    CloseParen,
    Comma,
    Colon,
    OpenBracket,
    CloseBracket,
    At,
    Equals,
    Semicolon,
    /// <summary>A character outside the grammar's alphabet (or a lone '-'); the parser reports it.</summary>
    Invalid,
    End,
}

/// <summary>One token of an attribute string; <see cref="Span"/> is relative to that string's value.</summary>
internal readonly record struct Token(TokenKind Kind, TextSpan Span, string Text)
{
    /// <summary>How a message quotes the token: its text, or "end of text".</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of text",
        TokenKind.Invalid => CharacterNames.Quote(Text),
        _ => "'" + Text + "'",
    };
}
