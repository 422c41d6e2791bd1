namespace StaticNets.Generator.Binding.Layers;

/// <summary>What values an argument takes.</summary>
internal enum ArgumentType
{
    /// <summary>A whole number (sizes, counts): <c>2.5</c> is refused.</summary>
    Integer,

    /// <summary>A real number such as <c>0.5</c> or <c>1e-5</c> (a whole number is accepted too), kept as a float.</summary>
    Real,
}

/// <summary>One argument a layer takes, in positional order.</summary>
/// <param name="Name">Lower-case name used in <c>name: value</c> (matched case-insensitively).</param>
/// <param name="Required">True when neither the layer nor Defaults may leave it out.</param>
/// <param name="AcceptsSame">True for <c>pad</c>, the only argument that takes the keyword <c>same</c>.</param>
/// <param name="Type">Whole or real number.</param>
internal sealed record LayerParameter(string Name, bool Required, bool AcceptsSame = false, ArgumentType Type = ArgumentType.Integer);
