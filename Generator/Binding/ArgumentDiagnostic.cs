using Microsoft.CodeAnalysis;

namespace StaticNets.Generator.Binding;

/// <summary>
/// A diagnostic located by argument and by span inside that argument's string value; the pipeline
/// maps it to a source location once it knows how the string was written (escapes, raw literals).
/// </summary>
internal sealed record ArgumentDiagnostic(DiagnosticDescriptor Descriptor, SourceSpan At, string Message)
{
    public bool IsError => Descriptor.DefaultSeverity == DiagnosticSeverity.Error;
}
