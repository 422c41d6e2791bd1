using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using StaticNets.Generator.Binding.Layers;
using StaticNets.Generator.Parsing;

using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding;

/// <summary>An argument value as written, and in which attribute argument (architecture or Defaults).</summary>
internal sealed record ArgumentValue(ValueSyntax Value, NetworkArgument Origin);

/// <summary>
/// One written layer (in the architecture or in Defaults), its rule and its arguments matched to
/// parameter names. Built once per written layer, so a misspelled name inside <c>*N</c> is reported once.
/// </summary>
internal sealed class LayerUse
{
    private LayerUse(LayerSyntax syntax, NetworkArgument origin, LayerRule? rule, IReadOnlyDictionary<string, ArgumentValue> arguments, bool isValid)
    {
        Syntax = syntax;
        Origin = origin;
        Rule = rule;
        Arguments = arguments;
        IsValid = isValid;
    }

    public LayerSyntax Syntax { get; }

    public NetworkArgument Origin { get; }

    /// <summary>Null for an unknown layer (already reported).</summary>
    public LayerRule? Rule { get; }

    /// <summary>Arguments by parameter name (case-insensitive).</summary>
    public IReadOnlyDictionary<string, ArgumentValue> Arguments { get; }

    /// <summary>False when a name or an argument was reported; such a layer is not configured.</summary>
    public bool IsValid { get; }

    public SourceSpan NameAt => new(Origin, Syntax.Name.Span);

    /// <summary>Looks the layer up and matches positional and named arguments to its parameters.</summary>
    public static LayerUse Create(LayerSyntax syntax, NetworkArgument origin, DiagnosticBag diagnostics)
    {
        var arguments = new Dictionary<string, ArgumentValue>(StringComparer.OrdinalIgnoreCase);
        if (!LayerCatalog.TryFind(syntax.Name.Text, out var rule))
        {
            diagnostics.Add(WithSuggestion(
                new ArgumentDiagnostic(DiagnosticDescriptors.UnknownName, new SourceSpan(origin, syntax.Name.Span), LayerCatalog.DescribeUnknown(syntax.Name.Text)),
                LayerCatalog.Nearest(syntax.Name.Text)));
            return new LayerUse(syntax, origin, null, arguments, isValid: false);
        }

        string layer = syntax.Name.Text.ToUpperInvariant();
        var parameters = rule.Parameters;
        bool valid = true;
        bool sawNamed = false;
        for (int index = 0; index < syntax.Arguments.Length; index++)
        {
            var argument = syntax.Arguments[index];
            LayerParameter parameter;
            if (argument.Name is { } name)
            {
                sawNamed = true;
                var match = parameters.FirstOrDefault(p => string.Equals(p.Name, name.Text, StringComparison.OrdinalIgnoreCase));
                if (match is null)
                {
                    diagnostics.Add(WithSuggestion(
                        new ArgumentDiagnostic(DiagnosticDescriptors.UnknownName, new SourceSpan(origin, name.Span), DescribeUnknownArgument(layer, name.Text, parameters)),
                        NameSuggestions.Nearest(name.Text, parameters.Select(p => p.Name), ignoreCase: true)));
                    valid = false;
                    continue;
                }
                parameter = match;
            }
            else if (sawNamed)
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidValue, new SourceSpan(origin, argument.Span),
                    layer + ": a positional argument cannot follow a named one; write it as name: value (" + layer + " takes " + List(parameters) + ")");
                valid = false;
                continue;
            }
            else if (index >= parameters.Length)
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidValue, new SourceSpan(origin, argument.Span),
                    parameters.Length == 0
                        ? layer + " takes no arguments"
                        : layer + " takes at most " + parameters.Length.ToString(CultureInfo.InvariantCulture) + " arguments (" + List(parameters) + ")");
                valid = false;
                continue;
            }
            else
            {
                parameter = parameters[index];
            }

            if (arguments.ContainsKey(parameter.Name))
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidValue, new SourceSpan(origin, argument.Span),
                    layer + " is given " + parameter.Name + " twice");
                valid = false;
                continue;
            }
            arguments[parameter.Name] = new ArgumentValue(argument.Value, origin);
        }
        return new LayerUse(syntax, origin, rule, arguments, valid);
    }

    // The code fix for SN0002 replaces the name with this suggestion (CodeFixes/README.md).
    private static ArgumentDiagnostic WithSuggestion(ArgumentDiagnostic diagnostic, string? suggestion) => suggestion is null
        ? diagnostic
        : diagnostic with { Properties = new EquatableArray<DiagnosticProperty>(ImmutableArray.Create(new DiagnosticProperty("Suggestion", suggestion))) };

    private static string DescribeUnknownArgument(string layer, string name, ImmutableArray<LayerParameter> parameters)
    {
        if (parameters.Length == 0)
        {
            return layer + " has no argument '" + name + "'; it takes no arguments";
        }
        string? nearest = NameSuggestions.Nearest(name, parameters.Select(p => p.Name), ignoreCase: true);
        return layer + " has no argument '" + name + "'"
            + (nearest is null ? string.Empty : " (did you mean " + nearest + "?)")
            + "; valid arguments are " + List(parameters);
    }

    private static string List(ImmutableArray<LayerParameter> parameters) => string.Join(", ", parameters.Select(p => p.Name));
}
