using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis.Text;

namespace StaticNets.Generator.Parsing;

/// <summary>
/// Parses the architecture grammar of DESIGN.md:
/// <code>
/// seq   := term ('+' term)*        term := atom ('*' count)?       atom := layer | '(' seq ')'
/// layer := NAME ('(' arg (',' arg)* ')')?     arg := value | NAME ':' value
/// value := number | NAME | '[' value (',' value)* ']' ('@' NAME)?     count := INT | NAME
/// </code>
/// Names are not checked here (the binder knows the layers); counts may be any number or name here
/// and are range-checked by the binder, which can say more than "syntax error".
/// </summary>
internal static class ArchitectureParser
{
    public static ParseResult<ArchitectureSyntax> Parse(string text)
    {
        var reader = new SyntaxReader(text);
        if (reader.Current.Kind == TokenKind.End)
        {
            return Result(reader.Fail<ArchitectureSyntax>(reader.Current.Span, "the architecture is empty: expected layers such as CONV(6,5)+RELU+FC(10)+SOFTMAX"), reader);
        }
        var sequence = ParseSequence(reader, depth: 0);
        if (sequence is not null && reader.Current.Kind != TokenKind.End)
        {
            sequence = reader.Current.Kind == TokenKind.CloseParen
                ? reader.Fail<ArchitectureSyntax>(reader.Current.Span, "')' has no matching '('")
                : UnexpectedAfterTerm(reader, "end of text");
        }
        return Result(sequence, reader);
    }

    private static ParseResult<ArchitectureSyntax> Result(ArchitectureSyntax? node, SyntaxReader reader) =>
        node is not null && reader.Error is null
            ? ParseResult<ArchitectureSyntax>.Success(node)
            : ParseResult<ArchitectureSyntax>.Failure(reader.Error ?? new SyntaxError(reader.Current.Span, "expected a layer"));

    private static ArchitectureSyntax? ParseSequence(SyntaxReader reader, int depth)
    {
        var terms = ImmutableArray.CreateBuilder<ArchitectureSyntax>();
        while (true)
        {
            var term = ParseTerm(reader, depth);
            if (term is null)
            {
                return null;
            }
            terms.Add(term);
            if (reader.Current.Kind != TokenKind.Plus)
            {
                break;
            }
            reader.Advance();
        }
        return terms.Count == 1
            ? terms[0]
            : new SequenceSyntax(TextSpan.FromBounds(terms[0].Span.Start, terms[terms.Count - 1].Span.End), terms.ToImmutable());
    }

    private static ArchitectureSyntax? ParseTerm(SyntaxReader reader, int depth)
    {
        int start = reader.Current.Span.Start;
        var atom = ParseAtom(reader, depth);
        if (atom is null || reader.Current.Kind != TokenKind.Star)
        {
            return atom;
        }
        reader.Advance();
        var count = reader.Current;
        if (count.Kind != TokenKind.Number && count.Kind != TokenKind.Name)
        {
            return reader.Unexpected<ArchitectureSyntax>("a repetition count (a whole number or a Let variable) after '*'");
        }
        reader.Advance();
        ValueSyntax countSyntax = count.Kind == TokenKind.Number
            ? new NumberSyntax(count.Span, count.Text)
            : new NameValueSyntax(count.Span, count.Text);
        return new RepetitionSyntax(TextSpan.FromBounds(start, count.Span.End), atom, countSyntax);
    }

    private static ArchitectureSyntax? ParseAtom(SyntaxReader reader, int depth)
    {
        if (reader.Current.Kind == TokenKind.Name)
        {
            return reader.ParseLayer();
        }
        if (reader.Current.Kind != TokenKind.OpenParen)
        {
            return reader.Unexpected<ArchitectureSyntax>("a layer name or '('");
        }

        var open = reader.Advance();
        if (depth >= SyntaxReader.MaxNestingDepth)
        {
            return reader.Fail<ArchitectureSyntax>(open.Span,
                "parentheses are nested deeper than " + SyntaxReader.MaxNestingDepth.ToString(CultureInfo.InvariantCulture) + " levels");
        }
        var inner = ParseSequence(reader, depth + 1);
        if (inner is null)
        {
            return null;
        }
        if (reader.Current.Kind == TokenKind.CloseParen)
        {
            reader.Advance();
            return inner;
        }
        if (reader.Current.Kind == TokenKind.End)
        {
            return reader.Fail<ArchitectureSyntax>(open.Span, "'(' is never closed: expected ')'");
        }
        return UnexpectedAfterTerm(reader, "')'");
    }

    /// <summary>After a complete term only '+', '*' (once) or a closing token may follow.</summary>
    private static ArchitectureSyntax? UnexpectedAfterTerm(SyntaxReader reader, string closing)
    {
        if (reader.Current.Kind == TokenKind.Star)
        {
            return reader.Fail<ArchitectureSyntax>(reader.Current.Span,
                "a repetition cannot be repeated again: wrap it in parentheses, as in (CONV*2)*3");
        }
        return reader.Unexpected<ArchitectureSyntax>("'+' between layers or " + closing);
    }
}
