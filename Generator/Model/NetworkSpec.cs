namespace StaticNets.Generator.Model;

/// <summary>A type enclosing the network class (the generated part must repeat it, partial).</summary>
internal sealed record ContainingType(string Keyword, string Name);

/// <summary>
/// Everything the emitter needs to write one network class, and nothing else: plain values and
/// equatable arrays only (no symbols, syntax nodes or locations), so an edit elsewhere leaves it equal
/// and the emit step cached.
/// </summary>
/// <param name="Namespace">Namespace of the class, or empty for the global namespace.</param>
/// <param name="ContainingTypes">Enclosing types, outermost first.</param>
/// <param name="ClassName">Name of the partial class.</param>
/// <param name="HintName">Unique, file-name-safe name for the generated source.</param>
/// <param name="Architecture">The architecture string as written.</param>
/// <param name="Input">Input shape per example.</param>
/// <param name="Classes">Width of the loss (number of classes).</param>
/// <param name="Layers">The flat, bound, shape-checked layer list, loss last.</param>
/// <param name="ParameterCount">Total trainable parameters.</param>
internal sealed record NetworkSpec(
    string Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string ClassName,
    string HintName,
    string Architecture,
    Shape Input,
    int Classes,
    EquatableArray<LayerSpec> Layers,
    int ParameterCount)
{
    /// <summary>Total floats of non-trainable state (batch norm running statistics).</summary>
    public int BufferCount { get; init; }
}
