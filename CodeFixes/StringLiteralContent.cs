using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace StaticNets.CodeFixes;

/// <summary>
/// The characters between the delimiters of a C# string literal (regular, verbatim or raw). Fixes
/// only ever edit inside them, so an edit can never touch the quotes or the code around the literal;
/// a diagnostic that underlines a whole argument (a constant, a concatenation) gets no fix.
/// </summary>
internal static class StringLiteralContent
{
    /// <summary>True when <paramref name="span"/> lies within the content of one string literal of <paramref name="root"/>.</summary>
    public static bool Contains(SyntaxNode root, TextSpan span) => TryFind(root, span, out _);

    /// <summary>The content span of the string literal whose content holds <paramref name="span"/>.</summary>
    public static bool TryFind(SyntaxNode root, TextSpan span, out TextSpan content)
    {
        content = default;
        if (span.End > root.FullSpan.End)
        {
            return false;
        }
        var token = root.FindToken(span.Start);
        if (!TryGetContent(token, out content))
        {
            return false;
        }
        return span.Start >= content.Start && span.End <= content.End;
    }

    private static bool TryGetContent(SyntaxToken token, out TextSpan content)
    {
        content = default;
        // A literal the parser complains about (unterminated, a bad escape) has no reliable content yet.
        if (token.ContainsDiagnostics)
        {
            return false;
        }
        string text = token.Text;
        int open;
        int close;
        switch (token.Kind())
        {
            case SyntaxKind.StringLiteralToken:
                open = text.StartsWith("@", System.StringComparison.Ordinal) ? 2 : 1;
                close = 1;
                break;
            case SyntaxKind.SingleLineRawStringLiteralToken:
            case SyntaxKind.MultiLineRawStringLiteralToken:
                open = CountQuotes(text, 0, 1);
                close = CountQuotes(text, text.Length - 1, -1);
                break;
            default:
                return false;
        }
        if (open + close > text.Length)
        {
            return false;
        }
        content = TextSpan.FromBounds(token.SpanStart + open, token.Span.End - close);
        return true;
    }

    private static int CountQuotes(string text, int from, int step)
    {
        int count = 0;
        for (int i = from; i >= 0 && i < text.Length && text[i] == '"'; i += step)
        {
            count++;
        }
        return count;
    }
}
