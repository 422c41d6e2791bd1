using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace StaticNets.CodeFixes;

/// <summary>
/// SN0002 (unknown layer or argument name): writes the generator's "did you mean" suggestion (the
/// <c>Suggestion</c> property) over the characters of the unknown name. Those characters are source
/// characters inside the literal (an escape such as <c>\u0052</c> included), so the same edit serves
/// regular, verbatim and raw literals.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnknownNameCodeFixProvider)), Shared]
public sealed class UnknownNameCodeFixProvider : CodeFixProvider
{
    /// <summary>One key for every suggestion, so "fix all" takes each unknown name's own suggestion.</summary>
    internal const string EquivalenceKey = "StaticNets.SN0002.UseSuggestion";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnknownName);

    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.Document;
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }
        var text = await document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
        foreach (var diagnostic in context.Diagnostics)
        {
            if (TryCreateChange(diagnostic, root, text) is not { } change)
            {
                continue;
            }
            string title = "Change '" + text.ToString(change.Span) + "' to '" + change.NewText + "'";
            context.RegisterCodeFix(
                CodeAction.Create(title, cancellationToken => DocumentTextEdits.ApplyAsync(document, new[] { change }, cancellationToken), EquivalenceKey),
                diagnostic);
        }
    }

    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }
        var text = await document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
        var changes = new List<TextChange>();
        foreach (var diagnostic in diagnostics)
        {
            if (TryCreateChange(diagnostic, root, text) is { } change)
            {
                changes.Add(change);
            }
        }
        return await DocumentTextEdits.ApplyAsync(document, changes, context.CancellationToken).ConfigureAwait(false);
    }

    private static TextChange? TryCreateChange(Diagnostic diagnostic, SyntaxNode root, SourceText text)
    {
        if (diagnostic.Id != DiagnosticIds.UnknownName
            || !DiagnosticLocations.TryGetSpan(diagnostic.Location, out var span)
            || !diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.Suggestion, out string? suggestion)
            || !IsName(suggestion))
        {
            return null;
        }
        return !span.IsEmpty && StringLiteralContent.Contains(root, span) && text.ToString(span) != suggestion
            ? new TextChange(span, suggestion!)
            : null;
    }

    /// <summary>
    /// A name of the architecture grammar (ASCII letter or underscore, then letters, digits, underscores):
    /// nothing else is written into the literal, so a bad property can never produce a quote or an escape.
    /// </summary>
    private static bool IsName(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }
        for (int i = 0; i < text!.Length; i++)
        {
            char c = text[i];
            bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
            if (!letter && (i == 0 || c < '0' || c > '9'))
            {
                return false;
            }
        }
        return true;
    }
}
