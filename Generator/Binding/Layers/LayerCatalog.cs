using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace StaticNets.Generator.Binding.Layers;

/// <summary>
/// The layer names the binder knows: the supported ones with their rules, and the later layers of
/// DESIGN.md, which are recognised (so a user gets "not yet supported", not "unknown") but not bound.
/// </summary>
internal static class LayerCatalog
{
    public static readonly ImmutableArray<LayerRule> Supported = ImmutableArray.Create<LayerRule>(
        ConvolutionRule.Instance,
        MaxPoolRule.Instance,
        FullyConnectedRule.Instance,
        ReluRule.Instance,
        SoftmaxLossRule.Instance);

    public static readonly ImmutableArray<string> NotYetSupported = ImmutableArray.Create(
        "AVGPOOL", "LEAKYRELU", "PRELU", "ELU", "SIGMOID", "TANH", "SOFTPLUS", "MAXOUT", "BATCHNORM", "BN", "DROPOUT", "SVM", "L2");

    private static readonly Dictionary<string, LayerRule> s_byName = Supported
        .SelectMany(rule => rule.Names.Select(name => new KeyValuePair<string, LayerRule>(name, rule)))
        .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);

    private static readonly ImmutableArray<string> s_allNames = Supported.SelectMany(rule => rule.Names).Concat(NotYetSupported).ToImmutableArray();

    private static readonly HashSet<string> s_notYetSupported = new(NotYetSupported, StringComparer.OrdinalIgnoreCase);

    /// <summary>Supported names, as listed in messages.</summary>
    public static readonly string SupportedNames = string.Join(", ", Supported.SelectMany(rule => rule.Names));

    public static bool TryFind(string name, out LayerRule rule) => s_byName.TryGetValue(name, out rule!);

    public static bool IsNotYetSupported(string name) => s_notYetSupported.Contains(name);

    /// <summary>SN0002 text for a name that is not a supported layer.</summary>
    public static string DescribeUnknown(string name)
    {
        if (IsNotYetSupported(name))
        {
            return "layer '" + name + "' is not yet supported; supported layers are " + SupportedNames;
        }
        string? nearest = NameSuggestions.Nearest(name, s_allNames, ignoreCase: true);
        if (nearest is null)
        {
            return "unknown layer '" + name + "'; known layers are " + SupportedNames;
        }
        return "unknown layer '" + name + "': did you mean " + nearest + "?"
            + (IsNotYetSupported(nearest) ? " (" + nearest + " is not yet supported; supported layers are " + SupportedNames + ")" : string.Empty);
    }
}
