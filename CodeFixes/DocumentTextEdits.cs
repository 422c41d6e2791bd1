using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace StaticNets.CodeFixes;

/// <summary>Applies character edits to a document's text, as the fixes inside string literals need.</summary>
internal static class DocumentTextEdits
{
    /// <summary>
    /// Applies <paramref name="changes"/> in order of position. A change that repeats an earlier one is
    /// dropped, and so is one that overlaps an earlier one: when fixing everything at once, two
    /// diagnostics may point at the same characters, and the text must still come out well formed.
    /// </summary>
    public static async Task<Document> ApplyAsync(Document document, IEnumerable<TextChange> changes, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        var kept = new List<TextChange>();
        foreach (var change in changes.OrderBy(c => c.Span.Start).ThenBy(c => c.Span.End))
        {
            if (kept.Count > 0)
            {
                var last = kept[kept.Count - 1];
                if (last.Span == change.Span && last.NewText == change.NewText)
                {
                    continue;
                }
                bool sameInsertionPoint = change.Span.IsEmpty && last.Span.IsEmpty && change.Span.Start == last.Span.Start;
                if (change.Span.Start < last.Span.End || sameInsertionPoint)
                {
                    continue;
                }
            }
            kept.Add(change);
        }
        return kept.Count == 0 ? document : document.WithText(text.WithChanges(kept));
    }
}
