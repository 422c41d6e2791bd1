using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;

namespace StaticNets.Generator.Binding.Layers;

/// <summary>The layers the binder knows (every layer of DESIGN.md), by every name they answer to.</summary>
internal static class LayerCatalog
{
    public static readonly ImmutableArray<LayerRule> Supported = ImmutableArray.Create<LayerRule>(
        ConvolutionRule.Instance,
        MaxPoolRule.Instance,
        AvgPoolRule.Instance,
        FullyConnectedRule.Instance,
        MaxoutRule.Instance,
        ReluRule.Instance,
        LeakyReluRule.Instance,
        PreluRule.Instance,
        EluRule.Instance,
        SigmoidRule.Instance,
        TanhRule.Instance,
        SoftplusRule.Instance,
        BatchNormRule.Instance,
        DropoutRule.Instance,
        SoftmaxLossRule.Instance,
        SvmLossRule.Instance,
        SquaredErrorLossRule.Instance);

    private static readonly ImmutableArray<string> s_allNames = Supported.SelectMany(rule => rule.Names).ToImmutableArray();

    private static readonly Dictionary<string, LayerRule> s_byName = Supported
        .SelectMany(rule => rule.Names.Select(name => new KeyValuePair<string, LayerRule>(name, rule)))
        .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every layer name, as listed in messages.</summary>
    public static readonly string SupportedNames = string.Join(", ", s_allNames);

    public static bool TryFind(string name, out LayerRule rule) => s_byName.TryGetValue(name, out rule!);

    /// <summary>The known layer name nearest to <paramref name="name"/>, or null when none is close.</summary>
    public static string? Nearest(string name) => NameSuggestions.Nearest(name, s_allNames, ignoreCase: true);

    /// <summary>SN0002 text for a name that is not a layer: the nearest name and what it takes, else every name.</summary>
    public static string DescribeUnknown(string name)
    {
        string? nearest = Nearest(name);
        if (nearest is null)
        {
            return "unknown layer '" + name + "'; known layers are " + SupportedNames;
        }
        var parameters = s_byName[nearest].Parameters;
        return "unknown layer '" + name + "': did you mean " + nearest + "?"
            + (parameters.IsEmpty ? string.Empty : " It takes " + string.Join(", ", parameters.Select(p => p.Name)));
    }
}
