using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis.Text;
using StaticNets.Generator.Binding.Layers;
using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Binding;

/// <summary>
/// Binds the attribute's values to a flat, shape-checked layer list. Stages, in order: Input, Let,
/// Defaults, parse the architecture, look up every written layer, expand repetitions, resolve each
/// instance's arguments (its own, else Defaults; lists per repetition), check the loss and Classes,
/// then chain shapes and lay out parameters, and last warn about designs that train badly (SN1001,
/// SN1002). Each stage reports what it finds and the later stages run only on what is still sound, so
/// one mistake yields one diagnostic rather than a cascade.
/// </summary>
internal static class NetworkBinder
{
    public static BindResult Bind(NetworkArguments arguments)
    {
        var diagnostics = new DiagnosticBag();
        var input = InputBinder.Bind(arguments.Input, diagnostics);
        var variables = LetVariables.Bind(arguments.Let, diagnostics);
        var defaults = LayerDefaults.Bind(arguments.Defaults, diagnostics);
        var (classes, classesReported) = BindClasses(arguments.Classes, diagnostics);

        var network = BindArchitecture(arguments, input, classes, classesReported, variables, defaults, diagnostics);
        return new BindResult(diagnostics.HasErrors ? null : network, diagnostics.ToImmutable());
    }

    private static BoundNetwork? BindArchitecture(NetworkArguments arguments, Shape? input, int? classes, bool classesReported,
        LetVariables variables, LayerDefaults defaults, DiagnosticBag diagnostics)
    {
        if (arguments.Architecture is not { } architecture)
        {
            diagnostics.Add(DiagnosticDescriptors.SyntaxError, new SourceSpan(NetworkArgument.Attribute, default),
                "the architecture is missing: write layers such as \"CONV(6,5)+RELU+FC(10)+SOFTMAX\"");
            return null;
        }
        var parsed = ArchitectureParser.Parse(architecture);
        if (parsed.Node is not { } root)
        {
            var error = parsed.Error ?? new SyntaxError(new TextSpan(0, architecture.Length), "the architecture cannot be parsed");
            diagnostics.Add(DiagnosticDescriptors.SyntaxError, new SourceSpan(NetworkArgument.Architecture, error.Span), error.Message);
            return null;
        }

        var uses = new Dictionary<LayerSyntax, LayerUse>(ReferenceComparer<LayerSyntax>.Instance);
        bool allKnown = LookUpLayers(root, uses, diagnostics);
        if (RepetitionExpander.Expand(root, architecture, variables, diagnostics) is not { } instances)
        {
            return null;
        }

        var resolver = new ValueResolver(variables, arguments, diagnostics);
        var entries = new List<BoundEntry>(instances.Length + 1);
        foreach (var instance in instances)
        {
            var use = uses[instance.Syntax];
            if (use.Rule is { } rule)
            {
                entries.Add(new BoundEntry(rule, Configure(use, rule, instance, defaults, resolver, diagnostics),
                    instance.Syntax.Name.Text.ToUpperInvariant(), use.NameAt, Implied: false));
            }
        }
        // An unknown layer has no shape rule and may have been meant as the loss: the checks below would only guess.
        if (!allKnown)
        {
            return null;
        }

        if (LossChecker.Check(entries, classes, classesReported, diagnostics) is not { } loss || input is not { } inputShape)
        {
            return null;
        }
        if (loss.ImpliesScoringLayer)
        {
            var lossEntry = entries[entries.Count - 1];
            var scoring = FullyConnectedRule.Create(loss.Classes, lossEntry.NameAt, lossEntry.NameAt, FullyConnectedRule.Instance.Name);
            entries.Insert(entries.Count - 1, new BoundEntry(FullyConnectedRule.Instance, scoring, FullyConnectedRule.Instance.Name, lossEntry.NameAt, Implied: true));
        }

        if (ShapeChecker.Check(entries, inputShape, diagnostics) is not { } layers)
        {
            return null;
        }
        // Design warnings only on a network whose shapes fit: they describe what it computes.
        LinearCollapseChecker.Check(entries, layers.Layers, diagnostics);
        SaturatingSigmoidChecker.Check(entries, layers.Layers, diagnostics);
        return new BoundNetwork(inputShape, loss.Classes, new EquatableArray<LayerSpec>(layers.Layers), layers.ParameterCount)
        {
            BufferCount = layers.BufferCount,
        };
    }

    /// <summary><c>Classes</c> must be at least 1 when given; null when omitted or invalid.</summary>
    private static (int? Classes, bool Reported) BindClasses(int? classes, DiagnosticBag diagnostics)
    {
        if (classes is { } value && value < 1)
        {
            diagnostics.Add(DiagnosticDescriptors.InvalidValue, new SourceSpan(NetworkArgument.Classes, default),
                "Classes must be at least 1, got " + value.ToString(CultureInfo.InvariantCulture));
            return (null, true);
        }
        return (classes, false);
    }

    /// <summary>Looks up every written layer once; false when some name is unknown.</summary>
    private static bool LookUpLayers(ArchitectureSyntax node, Dictionary<LayerSyntax, LayerUse> uses, DiagnosticBag diagnostics)
    {
        switch (node)
        {
            case SequenceSyntax sequence:
                bool known = true;
                foreach (var term in sequence.Terms)
                {
                    known &= LookUpLayers(term, uses, diagnostics);
                }
                return known;
            case RepetitionSyntax repetition:
                return LookUpLayers(repetition.Body, uses, diagnostics);
            case LayerSyntax layer:
                var use = LayerUse.Create(layer, NetworkArgument.Architecture, diagnostics);
                uses[layer] = use;
                return use.Rule is not null;
            default:
                return true;
        }
    }

    /// <summary>
    /// The settings of one instance: per parameter its own argument, else the Defaults one; each value
    /// resolved for this instance's pass through the repetitions around it. Null when anything was reported.
    /// </summary>
    private static LayerSettings? Configure(LayerUse use, LayerRule rule, LayerInstance instance, LayerDefaults defaults,
        ValueResolver resolver, DiagnosticBag diagnostics)
    {
        string layer = instance.Syntax.Name.Text.ToUpperInvariant();
        var arguments = new LayerArguments(layer, use.NameAt)
        {
            ClosingParenthesisAt = use.Syntax.HasArgumentList ? new SourceSpan(use.Origin, new TextSpan(use.Syntax.Span.End - 1, 0)) : null,
        };
        bool valid = use.IsValid;
        defaults.TryGet(rule, out var defaultUse);
        foreach (var parameter in rule.Parameters)
        {
            if (!use.Arguments.TryGetValue(parameter.Name, out var argument)
                && (defaultUse is null || !defaultUse.Arguments.TryGetValue(parameter.Name, out argument)))
            {
                continue;
            }
            if (resolver.Resolve(argument, parameter, layer, instance.Frames) is { } value)
            {
                arguments.Set(parameter.Name, value);
            }
            else
            {
                valid = false;
            }
        }
        return valid ? rule.Configure(arguments, diagnostics) : null;
    }
}
