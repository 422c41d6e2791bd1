using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;

namespace StaticNets.Generator.Parsing;

/// <summary>
/// A cursor over tokens with the grammar rules shared by the architecture and Defaults parsers
/// (layers, arguments, values). It stops at the first error: later errors in a string that already
/// failed to parse would mostly be echoes of the first.
/// </summary>
internal sealed class SyntaxReader
{
    /// <summary>Deeper nesting than this is refused, so recursion can never exhaust the stack.</summary>
    public const int MaxNestingDepth = 64;

    private readonly ImmutableArray<Token> _tokens;
    private int _position;

    public SyntaxReader(string text)
    {
        _tokens = Tokenizer.Tokenize(text);
    }

    /// <summary>The first error met, if any; once set, every rule returns null.</summary>
    public SyntaxError? Error { get; private set; }

    public Token Current => _tokens[_position];

    public Token Peek(int offset) => _tokens[System.Math.Min(_position + offset, _tokens.Length - 1)];

    public Token Advance()
    {
        var token = Current;
        if (token.Kind != TokenKind.End)
        {
            _position++;
        }
        return token;
    }

    /// <summary>Records the first error and returns null so callers can write <c>return Fail(...)</c>.</summary>
    public T? Fail<T>(TextSpan span, string message)
        where T : class
    {
        Error ??= new SyntaxError(span, message);
        return null;
    }

    /// <summary>Reports the current token as unexpected, naming what would have fitted.</summary>
    public T? Unexpected<T>(string expected)
        where T : class
    {
        var token = Current;
        string found = token.Kind == TokenKind.Invalid
            ? "unexpected character " + token.Describe()
            : "found " + token.Describe();
        return Fail<T>(token.Span, "expected " + expected + ", " + found);
    }

    /// <summary><c>NAME ('(' arg (',' arg)* ')')?</c></summary>
    public LayerSyntax? ParseLayer()
    {
        if (Current.Kind != TokenKind.Name)
        {
            return Unexpected<LayerSyntax>("a layer name");
        }
        var nameToken = Advance();
        var name = new NameSyntax(nameToken.Span, nameToken.Text);
        if (Current.Kind != TokenKind.OpenParen)
        {
            return new LayerSyntax(nameToken.Span, name, false, ImmutableArray<ArgumentSyntax>.Empty);
        }

        var open = Advance();
        var arguments = ImmutableArray.CreateBuilder<ArgumentSyntax>();
        while (true)
        {
            var argument = ParseArgument();
            if (argument is null)
            {
                return null;
            }
            arguments.Add(argument);
            if (Current.Kind == TokenKind.Comma)
            {
                Advance();
                continue;
            }
            if (Current.Kind == TokenKind.CloseParen)
            {
                var close = Advance();
                return new LayerSyntax(TextSpan.FromBounds(nameToken.Span.Start, close.Span.End), name, true, arguments.ToImmutable());
            }
            if (Current.Kind == TokenKind.End)
            {
                return Fail<LayerSyntax>(open.Span, "'(' after " + nameToken.Text + " is never closed: expected ',' or ')'");
            }
            return Unexpected<LayerSyntax>("',' or ')' in the arguments of " + nameToken.Text);
        }
    }

    /// <summary><c>value | NAME ':' value</c></summary>
    private ArgumentSyntax? ParseArgument()
    {
        NameSyntax? name = null;
        if (Current.Kind == TokenKind.Name && Peek(1).Kind == TokenKind.Colon)
        {
            var nameToken = Advance();
            Advance();
            name = new NameSyntax(nameToken.Span, nameToken.Text);
        }
        var value = ParseValue(depth: 0);
        if (value is null)
        {
            return null;
        }
        int start = name?.Span.Start ?? value.Span.Start;
        return new ArgumentSyntax(TextSpan.FromBounds(start, value.Span.End), name, value);
    }

    /// <summary><c>number | NAME | '[' value (',' value)* ']' ('@' NAME)?</c></summary>
    public ValueSyntax? ParseValue(int depth)
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                Advance();
                return new NumberSyntax(token.Span, token.Text);
            case TokenKind.Name:
                Advance();
                return new NameValueSyntax(token.Span, token.Text);
            case TokenKind.OpenBracket:
                return ParseList(depth);
            default:
                return Unexpected<ValueSyntax>("a value (a number, a name or a [list])");
        }
    }

    private ListSyntax? ParseList(int depth)
    {
        var open = Advance();
        if (depth >= MaxNestingDepth)
        {
            return Fail<ListSyntax>(open.Span, "lists are nested deeper than " + MaxNestingDepth.ToString(System.Globalization.CultureInfo.InvariantCulture) + " levels");
        }
        var items = ImmutableArray.CreateBuilder<ValueSyntax>();
        while (true)
        {
            var item = ParseValue(depth + 1);
            if (item is null)
            {
                return null;
            }
            items.Add(item);
            if (Current.Kind == TokenKind.Comma)
            {
                Advance();
                continue;
            }
            if (Current.Kind == TokenKind.CloseBracket)
            {
                break;
            }
            if (Current.Kind == TokenKind.End)
            {
                return Fail<ListSyntax>(open.Span, "'[' is never closed: expected ',' or ']'");
            }
            return Unexpected<ListSyntax>("',' or ']' in a list");
        }

        var close = Advance();
        NameSyntax? boundTo = null;
        int end = close.Span.End;
        if (Current.Kind == TokenKind.At)
        {
            Advance();
            if (Current.Kind != TokenKind.Name)
            {
                return Unexpected<ListSyntax>("a variable name after '@'");
            }
            var variable = Advance();
            boundTo = new NameSyntax(variable.Span, variable.Text);
            end = variable.Span.End;
        }
        return new ListSyntax(TextSpan.FromBounds(open.Span.Start, end), items.ToImmutable(), boundTo);
    }
}
