using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;

namespace StaticNets.CodeFixes.Tests.Infrastructure;

/// <summary>A diagnostic the fake analyzer reports, shaped as the generator reports it: id, span, additional spans and properties.</summary>
/// <param name="AsExternalFile">
/// Locations made as the generator makes them (<c>Location.Create(path, span, lineSpan)</c>, no syntax
/// tree) rather than in the document's tree, as an editor may hand them to a fix.
/// </param>
internal sealed record PlannedDiagnostic(
    string Id,
    TextSpan Span,
    ImmutableArray<TextSpan> Additional,
    ImmutableDictionary<string, string?> Properties,
    bool AsExternalFile = false)
{
    public static PlannedDiagnostic At(string id, TextSpan span, params (string Key, string? Value)[] properties) =>
        new(id, span, ImmutableArray<TextSpan>.Empty, ToDictionary(properties));

    public PlannedDiagnostic WithAdditional(params TextSpan[] spans) => this with { Additional = spans.ToImmutableArray() };

    public PlannedDiagnostic WithExternalFileLocations() => this with { AsExternalFile = true };

    private static ImmutableDictionary<string, string?> ToDictionary((string Key, string? Value)[] properties)
    {
        var builder = ImmutableDictionary.CreateBuilder<string, string?>();
        foreach (var (key, value) in properties)
        {
            builder.Add(key, value);
        }
        return builder.ToImmutable();
    }
}
