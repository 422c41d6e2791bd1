using Microsoft.CodeAnalysis.Text;

namespace StaticNets.Generator.Tests.Infrastructure;

/// <summary>Source with the expected diagnostic span marked as <c>[|...|]</c> (the markers are removed before compiling).</summary>
internal static class Markup
{
    public static (string Source, TextSpan Span) Parse(string marked)
    {
        int open = marked.IndexOf("[|", System.StringComparison.Ordinal);
        int close = marked.IndexOf("|]", open + 2, System.StringComparison.Ordinal);
        Assert.True(open >= 0 && close > open, "markup needs one [|...|]");
        string source = marked.Remove(close, 2).Remove(open, 2);
        return (source, TextSpan.FromBounds(open, close - 2));
    }

    /// <summary>
    /// Runs the generator on <paramref name="marked"/> and returns the single diagnostic with <paramref name="id"/>,
    /// after checking it covers exactly the marked characters, with matching line/column positions.
    /// </summary>
    public static (Microsoft.CodeAnalysis.Diagnostic Diagnostic, GeneratorOutcome Outcome) RunAndLocate(string marked, string id)
    {
        var (source, span) = Parse(marked);
        var outcome = GeneratorHarness.Run(source);
        var diagnostic = outcome.Single(id);
        Assert.Equal(source.Substring(span.Start, span.Length), outcome.Underlined(diagnostic));
        Assert.Equal(span, diagnostic.Location.SourceSpan);
        var lines = SourceText.From(source).Lines;
        Assert.Equal(lines.GetLinePositionSpan(span), diagnostic.Location.GetLineSpan().Span);
        Assert.Equal(GeneratorHarness.FilePath, diagnostic.Location.GetLineSpan().Path);
        return (diagnostic, outcome);
    }

    /// <summary>A file declaring one marked-up network class.</summary>
    public static string Network(string attributeArguments, string declaration = "public partial class Net { }") =>
        "using StaticNets;\n\nnamespace Sample;\n\n[Network(" + attributeArguments + ")]\n" + declaration + "\n";
}
