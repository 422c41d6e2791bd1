using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace StaticNets.CodeFixes.Tests.Infrastructure;

/// <summary>
/// Test source with its diagnostic spans marked in place: <c>[|...|]</c> for where a diagnostic is
/// reported and <c>{|...|}</c> for an additional location (<c>{||}</c> is an empty one, an insertion
/// point). Marks are numbered in order of appearance; the text is the source without them.
/// </summary>
internal sealed class MarkedSource
{
    private MarkedSource(string text, ImmutableArray<TextSpan> spans, ImmutableArray<TextSpan> additional)
    {
        Text = text;
        Spans = spans;
        Additional = additional;
    }

    public string Text { get; }

    /// <summary>The <c>[|...|]</c> spans, in order.</summary>
    public ImmutableArray<TextSpan> Spans { get; }

    /// <summary>The <c>{|...|}</c> spans, in order.</summary>
    public ImmutableArray<TextSpan> Additional { get; }

    public static MarkedSource Parse(string markup)
    {
        var text = new StringBuilder();
        var spans = ImmutableArray.CreateBuilder<TextSpan>();
        var additional = ImmutableArray.CreateBuilder<TextSpan>();
        int? spanStart = null;
        int? additionalStart = null;
        for (int i = 0; i < markup.Length; i++)
        {
            string pair = i + 1 < markup.Length ? markup.Substring(i, 2) : string.Empty;
            switch (pair)
            {
                case "[|":
                    Assert.Null(spanStart);
                    spanStart = text.Length;
                    i++;
                    continue;
                case "|]":
                    Assert.NotNull(spanStart);
                    spans.Add(TextSpan.FromBounds(spanStart!.Value, text.Length));
                    spanStart = null;
                    i++;
                    continue;
                case "{|":
                    Assert.Null(additionalStart);
                    additionalStart = text.Length;
                    i++;
                    continue;
                case "|}":
                    Assert.NotNull(additionalStart);
                    additional.Add(TextSpan.FromBounds(additionalStart!.Value, text.Length));
                    additionalStart = null;
                    i++;
                    continue;
            }
            text.Append(markup[i]);
        }
        Assert.Null(spanStart);
        Assert.Null(additionalStart);
        return new MarkedSource(text.ToString(), spans.ToImmutable(), additional.ToImmutable());
    }
}
