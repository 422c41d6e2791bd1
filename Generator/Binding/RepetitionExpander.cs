using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis.Text;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Binding;

/// <summary>One repetition around a layer instance: which <c>*count</c>, and which pass through it this is.</summary>
internal sealed record RepetitionFrame(RepetitionSyntax Syntax, int Count, string? Variable, int Index)
{
    /// <summary>How messages name the repetition: <c>*N = 2</c> or <c>*3</c>.</summary>
    public string Describe() => Variable is null
        ? "*" + Count.ToString(CultureInfo.InvariantCulture)
        : "*" + Variable + " = " + Count.ToString(CultureInfo.InvariantCulture);
}

/// <summary>A layer after expansion: the written layer and the repetitions around it, innermost first.</summary>
internal sealed record LayerInstance(LayerSyntax Syntax, ImmutableArray<RepetitionFrame> Frames);

/// <summary>
/// Expands <c>(X)*N</c> into a flat list of layer instances (convnetjs's makeLayers desugaring), after
/// checking every count (whole, at least 1, a defined variable) and that the result stays within
/// <see cref="NetworkLimits.MaxLayers"/>, so expansion is always quick.
/// </summary>
internal static class RepetitionExpander
{
    public static ImmutableArray<LayerInstance>? Expand(ArchitectureSyntax root, string architecture, LetVariables variables, DiagnosticBag diagnostics)
    {
        var counts = new Dictionary<RepetitionSyntax, int>(ReferenceComparer<RepetitionSyntax>.Instance);
        if (!ResolveCounts(root, variables, counts, diagnostics))
        {
            return null;
        }
        bool reported = false;
        long total = CountLayers(root, counts, diagnostics, ref reported);
        if (total > NetworkLimits.MaxLayers)
        {
            if (!reported)
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidValue, new SourceSpan(NetworkArgument.Architecture, new TextSpan(0, architecture.Length)),
                    "the architecture has " + total.ToString(CultureInfo.InvariantCulture) + " layers, more than the limit of "
                    + NetworkLimits.MaxLayers.ToString(CultureInfo.InvariantCulture));
            }
            return null;
        }

        var instances = ImmutableArray.CreateBuilder<LayerInstance>((int)total);
        Append(root, ImmutableArray<RepetitionFrame>.Empty, counts, instances);
        return instances.MoveToImmutable();
    }

    private static bool ResolveCounts(ArchitectureSyntax node, LetVariables variables, Dictionary<RepetitionSyntax, int> counts, DiagnosticBag diagnostics)
    {
        switch (node)
        {
            case SequenceSyntax sequence:
                bool valid = true;
                foreach (var term in sequence.Terms)
                {
                    valid &= ResolveCounts(term, variables, counts, diagnostics);
                }
                return valid;
            case RepetitionSyntax repetition:
                bool bodyValid = ResolveCounts(repetition.Body, variables, counts, diagnostics);
                if (!TryResolveCount(repetition.Count, variables, diagnostics, out int count))
                {
                    return false;
                }
                counts[repetition] = count;
                return bodyValid;
            default:
                return true;
        }
    }

    private static bool TryResolveCount(ValueSyntax countSyntax, LetVariables variables, DiagnosticBag diagnostics, out int count)
    {
        var at = new SourceSpan(NetworkArgument.Architecture, countSyntax.Span);
        count = 0;
        string written;
        if (countSyntax is NameValueSyntax name)
        {
            if (!variables.TryGet(name.Name, out int? value))
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidValue, at, "repetition count: " + variables.DescribeUndefined(name.Name, System.Array.Empty<string>()));
                return false;
            }
            if (value is null)
            {
                return false;
            }
            count = value.Value;
            written = name.Name + " = " + count.ToString(CultureInfo.InvariantCulture);
        }
        else if (countSyntax is NumberSyntax number && number.TryGetInt32(out count))
        {
            written = number.Text;
        }
        else
        {
            diagnostics.Add(DiagnosticDescriptors.InvalidValue, at,
                "repetition count " + ((countSyntax as NumberSyntax)?.Text ?? "?") + " must be a whole number from 1 to "
                + NetworkLimits.MaxLayers.ToString(CultureInfo.InvariantCulture));
            return false;
        }
        if (count < 1)
        {
            diagnostics.Add(DiagnosticDescriptors.InvalidValue, at, "repetition count " + written + " must be at least 1");
            return false;
        }
        return true;
    }

    /// <summary>Layers after expansion (saturating); reports the innermost repetition that alone exceeds the limit.</summary>
    private static long CountLayers(ArchitectureSyntax node, Dictionary<RepetitionSyntax, int> counts, DiagnosticBag diagnostics, ref bool reported)
    {
        switch (node)
        {
            case SequenceSyntax sequence:
                long sum = 0;
                foreach (var term in sequence.Terms)
                {
                    sum = NetworkLimits.SaturatingAdd(sum, CountLayers(term, counts, diagnostics, ref reported));
                }
                return sum;
            case RepetitionSyntax repetition:
                long body = CountLayers(repetition.Body, counts, diagnostics, ref reported);
                long total = NetworkLimits.SaturatingMultiply(body, counts[repetition]);
                if (total > NetworkLimits.MaxLayers && !reported)
                {
                    reported = true;
                    diagnostics.Add(DiagnosticDescriptors.InvalidValue, new SourceSpan(NetworkArgument.Architecture, repetition.Count.Span),
                        "this repetition expands to " + (total == long.MaxValue ? "too many" : total.ToString(CultureInfo.InvariantCulture))
                        + " layers, more than the limit of " + NetworkLimits.MaxLayers.ToString(CultureInfo.InvariantCulture));
                }
                return total;
            default:
                return 1;
        }
    }

    private static void Append(ArchitectureSyntax node, ImmutableArray<RepetitionFrame> frames, Dictionary<RepetitionSyntax, int> counts,
        ImmutableArray<LayerInstance>.Builder instances)
    {
        switch (node)
        {
            case SequenceSyntax sequence:
                foreach (var term in sequence.Terms)
                {
                    Append(term, frames, counts, instances);
                }
                break;
            case RepetitionSyntax repetition:
                int count = counts[repetition];
                string? variable = (repetition.Count as NameValueSyntax)?.Name;
                for (int index = 0; index < count; index++)
                {
                    Append(repetition.Body, frames.Insert(0, new RepetitionFrame(repetition, count, variable, index)), counts, instances);
                }
                break;
            case LayerSyntax layer:
                instances.Add(new LayerInstance(layer, frames));
                break;
        }
    }
}
