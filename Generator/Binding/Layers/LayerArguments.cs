using System;
using System.Collections.Generic;

namespace StaticNets.Generator.Binding.Layers;

/// <summary>An argument after variables, lists and <c>same</c> were resolved for one repetition of a layer.</summary>
/// <param name="Value">The integer value (0 when <see cref="IsSame"/>, or for a real argument).</param>
/// <param name="IsSame">True for <c>pad: same</c>.</param>
/// <param name="At">Where the value was written (a list element, a variable use, a Defaults entry).</param>
internal readonly record struct ResolvedValue(int Value, bool IsSame, SourceSpan At)
{
    /// <summary>A real argument's value as the float the network will use.</summary>
    public float Real { get; init; }

    /// <summary>
    /// A real argument's value as written, in double precision: a range check that fails on <see cref="Real"/>
    /// but passes on this failed only by rounding to float (1e-50 becomes 0), which the message then says.
    /// </summary>
    public double Exact { get; init; }

    /// <summary>How messages quote the value: the number as written, or a variable's value.</summary>
    public string Text { get; init; } = string.Empty;
}

/// <summary>The resolved arguments of one layer, by parameter name; absent ones take the layer's default.</summary>
internal sealed class LayerArguments
{
    private readonly Dictionary<string, ResolvedValue> _values = new(StringComparer.OrdinalIgnoreCase);

    public LayerArguments(string writtenName, SourceSpan nameAt)
    {
        WrittenName = writtenName;
        NameAt = nameAt;
    }

    /// <summary>The layer name as written, upper-cased for messages (<c>MAXPOOL</c> stays <c>MAXPOOL</c>).</summary>
    public string WrittenName { get; }

    /// <summary>The layer name in the architecture: where problems with defaulted values are reported.</summary>
    public SourceSpan NameAt { get; }

    /// <summary>An empty span just before the layer's ')' (null without an argument list): where a fix inserts an argument.</summary>
    public SourceSpan? ClosingParenthesisAt { get; init; }

    public void Set(string parameter, ResolvedValue value) => _values[parameter] = value;

    public bool TryGet(string parameter, out ResolvedValue value) => _values.TryGetValue(parameter, out value);
}
