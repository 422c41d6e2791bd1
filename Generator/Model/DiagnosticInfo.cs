using Microsoft.CodeAnalysis;

namespace StaticNets.Generator.Model;

/// <summary>A diagnostic as plain data; turned into a <see cref="Diagnostic"/> only when the pipeline reports it.</summary>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> MessageArgs)
{
    public Diagnostic ToDiagnostic() => Diagnostic.Create(Descriptor, Location?.ToLocation(), MessageArgs.AsSpan().ToArray());
}
