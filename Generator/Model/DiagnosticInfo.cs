using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace StaticNets.Generator.Model;

/// <summary>A key and value a code fix reads from a diagnostic (see CodeFixes/README.md for the contract).</summary>
internal sealed record DiagnosticProperty(string Key, string Value);

/// <summary>A diagnostic as plain data; turned into a <see cref="Diagnostic"/> only when the pipeline reports it.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> MessageArgs)
{
    /// <summary>What a code fix needs beyond the message: SN0002's suggestion, SN0003's fitting strides and paddings.</summary>
    public EquatableArray<DiagnosticProperty> Properties { get; init; } = EquatableArray<DiagnosticProperty>.Empty;

    /// <summary>Further places a fix edits (SN0003: where the padding is written, or where it would go).</summary>
    public EquatableArray<LocationInfo> AdditionalLocations { get; init; } = EquatableArray<LocationInfo>.Empty;

    public Diagnostic ToDiagnostic() => Diagnostic.Create(
        Descriptor,
        Location?.ToLocation(),
        AdditionalLocations.Select(l => l.ToLocation()),
        Properties.ToImmutableDictionary(p => p.Key, p => (string?)p.Value),
        MessageArgs.AsSpan().ToArray());
}
