using System.Linq;
using Microsoft.CodeAnalysis.Text;
using StaticNets.Generator.Binding;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Tests.Infrastructure;

/// <summary>Binds attribute values directly (no compilation), for tests of the binder's rules and messages.</summary>
internal static class BindingHarness
{
    public static BindResult Bind(string architecture, string? input = "1x8x8", int? classes = null, string? let = null, string? defaults = null) =>
        NetworkBinder.Bind(new NetworkArguments(architecture, input, classes, let, defaults));

    /// <summary>The network, after checking binding reported no error (the diagnostics are the failure message).</summary>
    public static BoundNetwork Valid(string architecture, string? input = "1x8x8", int? classes = null, string? let = null, string? defaults = null)
    {
        var result = Bind(architecture, input, classes, let, defaults);
        Assert.True(result.Network is not null, string.Join(" | ", result.Diagnostics.Select(d => d.Descriptor.Id + " " + d.Message)));
        return result.Network!;
    }

    public static LayerSpec Layer(this BoundNetwork network, string name) => Assert.Single(network.Layers, l => l.Name == name);

    public static ArgumentDiagnostic OnlyError(BindResult result)
    {
        Assert.Null(result.Network);
        return Assert.Single(result.Diagnostics, d => d.IsError);
    }

    /// <summary>
    /// Binds <paramref name="markedArchitecture"/>, whose <c>[|...|]</c> marks the characters the only error
    /// must underline, and returns that error after checking its id and span.
    /// </summary>
    public static ArgumentDiagnostic ErrorAt(string markedArchitecture, string id, string? input = "1x8x8", int? classes = null, string? let = null, string? defaults = null)
    {
        var (architecture, span) = Unmark(markedArchitecture);
        var error = OnlyError(Bind(architecture, input, classes, let, defaults));
        Assert.Equal(id, error.Descriptor.Id);
        Assert.Equal(NetworkArgument.Architecture, error.At.Argument);
        Assert.Equal(architecture.Substring(span.Start, span.Length), architecture.Substring(error.At.Span.Start, error.At.Span.Length));
        Assert.Equal(span, error.At.Span);
        return error;
    }

    /// <summary>
    /// Binds <paramref name="markedArchitecture"/>, which must give a network, and returns its only diagnostic
    /// with <paramref name="id"/> after checking it underlines exactly the <c>[|...|]</c> characters.
    /// </summary>
    public static ArgumentDiagnostic WarningAt(string markedArchitecture, string id, string? input = "1x8x8", int? classes = null, string? let = null, string? defaults = null)
    {
        var (architecture, span) = Unmark(markedArchitecture);
        var result = Bind(architecture, input, classes, let, defaults);
        Assert.True(result.Network is not null, string.Join(" | ", result.Diagnostics.Select(d => d.Descriptor.Id + " " + d.Message)));
        var warning = Assert.Single(result.Diagnostics, d => d.Descriptor.Id == id);
        Assert.Equal(Microsoft.CodeAnalysis.DiagnosticSeverity.Warning, warning.Descriptor.DefaultSeverity);
        Assert.Equal(NetworkArgument.Architecture, warning.At.Argument);
        Assert.Equal(architecture.Substring(span.Start, span.Length), architecture.Substring(warning.At.Span.Start, warning.At.Span.Length));
        Assert.Equal(span, warning.At.Span);
        return warning;
    }

    /// <summary>The ids of everything binding reported, in order.</summary>
    public static string[] Ids(BindResult result) => result.Diagnostics.Select(d => d.Descriptor.Id).ToArray();

    private static (string Text, TextSpan Span) Unmark(string marked)
    {
        int open = marked.IndexOf("[|", System.StringComparison.Ordinal);
        int close = marked.IndexOf("|]", open + 2, System.StringComparison.Ordinal);
        Assert.True(open >= 0 && close > open, "markup needs one [|...|]");
        return (marked.Remove(close, 2).Remove(open, 2), TextSpan.FromBounds(open, close - 2));
    }
}
