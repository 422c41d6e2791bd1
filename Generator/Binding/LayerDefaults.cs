using System.Collections.Generic;
using StaticNets.Generator.Binding.Layers;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Binding;

/// <summary>
/// The arguments <c>Defaults</c> gives each layer kind. A layer in the architecture takes, per
/// parameter, its own argument if written, else the default (so a bare <c>CONV</c> takes them all).
/// </summary>
internal sealed class LayerDefaults
{
    private readonly Dictionary<LayerRule, LayerUse> _byRule = new();

    private LayerDefaults()
    {
    }

    public static LayerDefaults Bind(string? defaults, DiagnosticBag diagnostics)
    {
        var result = new LayerDefaults();
        if (defaults is null)
        {
            return result;
        }
        var parsed = DefaultsParser.Parse(defaults);
        if (parsed.Node is not { } syntax)
        {
            if (parsed.Error is { } error)
            {
                diagnostics.Add(DiagnosticDescriptors.SyntaxError, new SourceSpan(NetworkArgument.Defaults, error.Span), "Defaults: " + error.Message);
            }
            return result;
        }

        foreach (var entry in syntax.Entries)
        {
            var use = LayerUse.Create(entry, NetworkArgument.Defaults, diagnostics);
            if (use.Rule is null)
            {
                continue;
            }
            if (result._byRule.ContainsKey(use.Rule))
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidValue, use.NameAt, "Defaults gives " + use.Rule.Name + " more than once");
                continue;
            }
            result._byRule[use.Rule] = use;
        }
        return result;
    }

    /// <summary>The default arguments for <paramref name="rule"/>, if any (entries with errors are kept: their valid arguments still apply).</summary>
    public bool TryGet(LayerRule rule, out LayerUse use) => _byRule.TryGetValue(rule, out use!);
}
