using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using StaticNets.Generator.Binding.Layers;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding;

/// <summary>
/// Chains shapes through the flat layer list (each layer's input is the previous output), applying each
/// layer's shape rule, and lays the parameters out in PyTorch <c>state_dict</c> order: every layer's
/// weight, then its bias. Stops at the first layer that does not fit: later shapes would be guesses.
/// </summary>
internal static class ShapeChecker
{
    public static ImmutableArray<LayerSpec>? Check(IReadOnlyList<BoundEntry> entries, Shape input, DiagnosticBag diagnostics, out int parameterCount)
    {
        parameterCount = 0;
        var counters = new Dictionary<LayerKind, int>();
        var layers = ImmutableArray.CreateBuilder<LayerSpec>(entries.Count);
        var shape = input;
        long total = 0;
        for (int i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            counters.TryGetValue(entry.Rule.Kind, out int number);
            counters[entry.Rule.Kind] = ++number;
            if (entry.Settings is not { } settings)
            {
                return null;
            }

            string label = entry.WrittenName + " #" + Format(number);
            if (entry.Rule.Apply(settings, shape, label, diagnostics) is not { } result)
            {
                return null;
            }
            if (result.WeightCount > NetworkLimits.MaxElements)
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidValue, settings.NameAt,
                    label + " has " + (result.WeightCount == long.MaxValue ? "too many" : Format(result.WeightCount))
                    + " weights, more than the limit of " + Format(NetworkLimits.MaxElements));
                return null;
            }
            bool hasWeights = result.WeightCount > 0;
            long weightOffset = total;
            long biasOffset = total + result.WeightCount;
            total = biasOffset + result.BiasCount;
            if (total > NetworkLimits.MaxElements)
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidValue, settings.NameAt,
                    "the network has more than " + Format(NetworkLimits.MaxElements) + " parameters (reached at " + label + ")");
                return null;
            }

            string name = entry.Rule.IsLoss ? entry.Rule.ModulePrefix : entry.Rule.ModulePrefix + Format(number);
            var next = i + 1 < entries.Count ? entries[i + 1].Rule.Kind : (LayerKind?)null;
            layers.Add(new LayerSpec(
                Kind: entry.Rule.Kind,
                Name: name,
                Input: shape,
                Output: result.Output,
                Size: settings.Size,
                KernelSize: settings.KernelSize,
                Stride: settings.Stride,
                Padding: settings.Padding,
                WeightOffset: hasWeights ? (int)weightOffset : -1,
                WeightCount: (int)result.WeightCount,
                BiasOffset: result.BiasCount > 0 ? (int)biasOffset : -1,
                BiasCount: (int)result.BiasCount,
                Init: !hasWeights ? WeightInit.None
                    : next == LayerKind.Relu ? WeightInit.He
                    : next == LayerKind.SoftmaxLoss ? WeightInit.Scoring
                    : WeightInit.Xavier,
                FanIn: hasWeights ? (int)result.FanIn : 0,
                Implied: entry.Implied,
                SourceText: settings.SourceText));
            shape = result.Output;
        }
        parameterCount = (int)total;
        return layers.MoveToImmutable();
    }

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
