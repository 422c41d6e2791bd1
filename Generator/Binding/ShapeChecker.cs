using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using StaticNets.Generator.Binding.Layers;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding;

/// <summary>The flat, shape-checked layers with their parameter and buffer totals.</summary>
internal sealed record CheckedLayers(ImmutableArray<LayerSpec> Layers, int ParameterCount, int BufferCount);

/// <summary>
/// Chains shapes through the flat layer list (each layer's input is the previous output), applying each
/// layer's shape rule, and lays the parameters out in PyTorch <c>state_dict</c> order: every layer's
/// weight, then its bias; batch norm's running statistics go to a separate buffer list in the same
/// order. Stops at the first layer that does not fit: later shapes would be guesses.
/// </summary>
internal static class ShapeChecker
{
    public static CheckedLayers? Check(IReadOnlyList<BoundEntry> entries, Shape input, DiagnosticBag diagnostics)
    {
        var counters = new Dictionary<LayerKind, int>();
        var layers = ImmutableArray.CreateBuilder<LayerSpec>(entries.Count);
        var shape = input;
        long total = 0;
        long buffers = 0;
        // The last layer that changed the shape: what a size message names as the input's maker, since
        // activations, batch norm and dropout pass a size on unchanged. Null while it is the Input.
        string? producer = null;
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
            if (entry.Rule.Apply(settings, shape, new LayerContext(label, producer), diagnostics) is not { } result)
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
            long bufferOffset = buffers;
            buffers += result.BufferCount;
            if (buffers > NetworkLimits.MaxElements)
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidValue, settings.NameAt,
                    "the network has more than " + Format(NetworkLimits.MaxElements) + " buffer values (reached at " + label + ")");
                return null;
            }

            var init = hasWeights ? InitOf(entries, i) : WeightInit.None;
            string name = entry.Rule.IsLoss ? entry.Rule.ModulePrefix : entry.Rule.ModulePrefix + Format(number);
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
                Init: init,
                FanIn: hasWeights ? (int)result.FanIn : 0,
                Implied: entry.Implied,
                SourceText: settings.SourceText)
            {
                Alpha = settings.Alpha,
                Pieces = settings.Pieces,
                Momentum = settings.Momentum,
                Epsilon = settings.Epsilon,
                DropProbability = settings.DropProbability,
                Margin = settings.Margin,
                InitConstant = init == WeightInit.Constant ? entry.Rule.InitConstant : 0f,
                BufferOffset = result.BufferCount > 0 ? (int)bufferOffset : -1,
                BufferCount = (int)result.BufferCount,
            });
            if (result.Output != shape)
            {
                producer = name + " (" + settings.SourceText + ")";
            }
            shape = result.Output;
        }
        return new CheckedLayers(layers.MoveToImmutable(), (int)total, (int)buffers);
    }

    /// <summary>
    /// How the weights of entry <paramref name="index"/> start: its own way if it has one (maxout, batch
    /// norm, PReLU), else as the first layer after it that does not pass the choice on (batch norm,
    /// dropout, pooling) asks, so CONV+BN+RELU and CONV+POOL+RELU are He, and a layer reaching the loss
    /// is Scoring. (A loss right after anything but an FC implies one, so that is always the FC before it.)
    /// </summary>
    private static WeightInit InitOf(IReadOnlyList<BoundEntry> entries, int index)
    {
        if (entries[index].Rule.OwnInit is { } own)
        {
            return own;
        }
        for (int next = index + 1; next < entries.Count; next++)
        {
            if (!entries[next].Rule.PassesInitChoiceOn)
            {
                return entries[next].Rule.InitBefore;
            }
        }
        // Nothing nonlinear follows (a network always ends in a loss, so this is only defensive).
        return WeightInit.Xavier;
    }

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
