using Microsoft.CodeAnalysis;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding;

/// <summary>
/// A diagnostic located by argument and by span inside that argument's string value; the pipeline
/// maps it to a source location once it knows how the string was written (escapes, raw literals).
/// </summary>
internal sealed record ArgumentDiagnostic(DiagnosticDescriptor Descriptor, SourceSpan At, string Message)
{
    /// <summary>What a code fix reads: SN0002's <c>Suggestion</c>, SN0003's <c>Fixes</c> (CodeFixes/README.md).</summary>
    public EquatableArray<DiagnosticProperty> Properties { get; init; } = EquatableArray<DiagnosticProperty>.Empty;

    /// <summary>A second place a fix edits: for SN0003, the written padding or where <c>pad:</c> would be inserted.</summary>
    public SourceSpan? AlsoAt { get; init; }

    public bool IsError => Descriptor.DefaultSeverity == DiagnosticSeverity.Error;
}
