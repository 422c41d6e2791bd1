using System.Collections.Immutable;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding;

/// <summary>A network that bound without errors: input shape, classes and the flat, shape-checked layer list.</summary>
internal sealed record BoundNetwork(Shape Input, int Classes, EquatableArray<LayerSpec> Layers, int ParameterCount)
{
    /// <summary>Total floats of non-trainable state (batch norm running statistics).</summary>
    public int BufferCount { get; init; }
}

/// <summary>
/// What binding produced: always the diagnostics, and the network exactly when none of them is an
/// error (the binder is total: every input ends in one or the other, never an exception).
/// </summary>
internal sealed record BindResult(BoundNetwork? Network, ImmutableArray<ArgumentDiagnostic> Diagnostics);
