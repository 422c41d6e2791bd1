using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace StaticNets.Generator.Binding;

/// <summary>
/// Collects binder diagnostics in the order found. A layer written once but repeated by <c>*N</c> is
/// checked once per repetition; identical reports (same id, place and message) are kept once.
/// </summary>
internal sealed class DiagnosticBag
{
    private readonly List<ArgumentDiagnostic> _diagnostics = new();
    private readonly HashSet<ArgumentDiagnostic> _seen = new();

    public bool HasErrors { get; private set; }

    public void Add(DiagnosticDescriptor descriptor, SourceSpan at, string message) =>
        Add(new ArgumentDiagnostic(descriptor, at, message));

    public void Add(ArgumentDiagnostic diagnostic)
    {
        if (_seen.Add(diagnostic))
        {
            _diagnostics.Add(diagnostic);
            HasErrors |= diagnostic.IsError;
        }
    }

    public ImmutableArray<ArgumentDiagnostic> ToImmutable() => _diagnostics.ToImmutableArray();
}
