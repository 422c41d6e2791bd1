namespace StaticNets.Generator.Binding.Layers;

/// <summary>One argument a layer takes, in positional order.</summary>
/// <param name="Name">Lower-case name used in <c>name: value</c> (matched case-insensitively).</param>
/// <param name="Required">True when neither the layer nor Defaults may leave it out.</param>
/// <param name="AcceptsSame">True for <c>pad</c>, the only argument that takes the keyword <c>same</c>.</param>
internal sealed record LayerParameter(string Name, bool Required, bool AcceptsSame = false);
