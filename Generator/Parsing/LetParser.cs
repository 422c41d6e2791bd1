using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;

namespace StaticNets.Generator.Parsing;

/// <summary>Parses <c>Let</c>: <c>NAME '=' number (',' NAME '=' number)*</c>, e.g. <c>"N=2, M=3, K=1"</c>.</summary>
internal static class LetParser
{
    public static ParseResult<LetSyntax> Parse(string text)
    {
        var reader = new SyntaxReader(text);
        var bindings = ImmutableArray.CreateBuilder<LetBindingSyntax>();
        while (reader.Current.Kind != TokenKind.End)
        {
            if (reader.Current.Kind != TokenKind.Name)
            {
                reader.Unexpected<LetSyntax>("a variable name, as in N=2");
                break;
            }
            var name = reader.Advance();
            if (reader.Current.Kind != TokenKind.Equals)
            {
                reader.Unexpected<LetSyntax>("'=' after " + name.Text);
                break;
            }
            reader.Advance();
            if (reader.Current.Kind != TokenKind.Number)
            {
                reader.Unexpected<LetSyntax>("a number after " + name.Text + "=");
                break;
            }
            var value = reader.Advance();
            bindings.Add(new LetBindingSyntax(
                TextSpan.FromBounds(name.Span.Start, value.Span.End),
                new NameSyntax(name.Span, name.Text),
                new NumberSyntax(value.Span, value.Text)));
            if (reader.Current.Kind == TokenKind.Comma)
            {
                reader.Advance();
                if (reader.Current.Kind == TokenKind.End)
                {
                    reader.Unexpected<LetSyntax>("a variable name after ','");
                    break;
                }
            }
            else if (reader.Current.Kind != TokenKind.End)
            {
                reader.Unexpected<LetSyntax>("',' between variables");
                break;
            }
        }
        return reader.Error is { } error
            ? ParseResult<LetSyntax>.Failure(error)
            : ParseResult<LetSyntax>.Success(new LetSyntax(bindings.ToImmutable()));
    }
}

/// <summary>The variables of <c>Let</c>, in the order written.</summary>
internal sealed record LetSyntax(ImmutableArray<LetBindingSyntax> Bindings);

/// <summary><c>NAME '=' number</c>.</summary>
internal sealed record LetBindingSyntax(TextSpan Span, NameSyntax Name, NumberSyntax Value);
