using System;
using System.Collections.Generic;
using System.Linq;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Binding;

/// <summary>
/// The variables of <c>Let</c>. Names are case-sensitive, like C# identifiers. A variable whose own
/// definition was reported (not an integer, defined twice) is known but has no value, so its uses
/// stay silent instead of repeating the error.
/// </summary>
internal sealed class LetVariables
{
    private readonly Dictionary<string, int?> _values = new(StringComparer.Ordinal);
    private readonly List<string> _names = new();

    private LetVariables()
    {
    }

    public static LetVariables Bind(string? let, DiagnosticBag diagnostics)
    {
        var variables = new LetVariables();
        if (let is null)
        {
            return variables;
        }
        var parsed = LetParser.Parse(let);
        if (parsed.Node is not { } syntax)
        {
            if (parsed.Error is { } error)
            {
                diagnostics.Add(DiagnosticDescriptors.SyntaxError, new SourceSpan(NetworkArgument.Let, error.Span), "Let: " + error.Message);
            }
            return variables;
        }

        foreach (var binding in syntax.Bindings)
        {
            string name = binding.Name.Text;
            if (variables._values.ContainsKey(name))
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidValue, new SourceSpan(NetworkArgument.Let, binding.Name.Span),
                    "Let defines " + name + " more than once");
                variables._values[name] = null;
                continue;
            }
            variables._names.Add(name);
            if (binding.Value.TryGetInt32(out int value))
            {
                variables._values[name] = value;
                continue;
            }
            diagnostics.Add(DiagnosticDescriptors.InvalidValue, new SourceSpan(NetworkArgument.Let, binding.Value.Span),
                "Let " + name + "=" + binding.Value.Text + ": a variable must be a whole number within the range of int");
            variables._values[name] = null;
        }
        return variables;
    }

    /// <summary>True when <paramref name="name"/> is defined; <paramref name="value"/> is null when its definition was invalid.</summary>
    public bool TryGet(string name, out int? value) => _values.TryGetValue(name, out value);

    /// <summary>SN0009 text for a name used as a variable but not defined.</summary>
    public string DescribeUndefined(string name, IEnumerable<string> alsoValid)
    {
        var candidates = _names.Concat(alsoValid).ToList();
        string? nearest = NameSuggestions.Nearest(name, candidates, ignoreCase: false);
        string text = "undefined variable '" + name + "'";
        if (nearest is not null)
        {
            return text + ": did you mean " + nearest + "?";
        }
        return _names.Count == 0
            ? text + ": there is no Let; define it, e.g. Let = \"" + name + "=2\""
            : text + ": Let defines " + string.Join(", ", _names);
    }
}
