using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using StaticNets.Generator.Binding.Layers;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Binding;

/// <summary>
/// Resolves one argument for one layer instance: numbers, <c>same</c>, Let variables, and lists,
/// which give one value per pass of a repetition around the layer. A list binds to the repetition
/// counted by <c>@VAR</c> (none, or several counted by the same variable, is SN0009), else to the
/// innermost repetition around the layer whose count equals its length (none is SN0009).
/// </summary>
internal sealed class ValueResolver
{
    private readonly LetVariables _variables;
    private readonly NetworkArguments _texts;
    private readonly DiagnosticBag _diagnostics;

    public ValueResolver(LetVariables variables, NetworkArguments texts, DiagnosticBag diagnostics)
    {
        _variables = variables;
        _texts = texts;
        _diagnostics = diagnostics;
    }

    /// <summary>The value for this instance, or null (reported) when it cannot be had.</summary>
    /// <param name="layer">The layer name as written, upper case, for messages.</param>
    public ResolvedValue? Resolve(ArgumentValue argument, LayerParameter parameter, string layer, ImmutableArray<RepetitionFrame> frames)
    {
        if (argument.Value is ListSyntax list)
        {
            var item = SelectItem(list, argument.Origin, layer, frames);
            if (item is null)
            {
                return null;
            }
            if (item is ListSyntax nested)
            {
                Report(argument.Origin, nested, "lists cannot be nested: each element of a list is one value");
                return null;
            }
            return ResolveScalar(item, argument.Origin, parameter, layer);
        }
        return ResolveScalar(argument.Value, argument.Origin, parameter, layer);
    }

    private ResolvedValue? ResolveScalar(ValueSyntax value, NetworkArgument origin, LayerParameter parameter, string layer)
    {
        var at = new SourceSpan(origin, value.Span);
        switch (value)
        {
            case NumberSyntax number when parameter.Type == ArgumentType.Real:
                return Real(number, at);
            case NumberSyntax number:
                if (number.TryGetInt32(out int integer))
                {
                    return new ResolvedValue(integer, false, at);
                }
                Report(origin, value, layer + " " + parameter.Name + " must be a whole number within the range of int, got " + number.Text);
                return null;
            case NameValueSyntax name when string.Equals(name.Name, "same", StringComparison.OrdinalIgnoreCase):
                if (parameter.AcceptsSame)
                {
                    return new ResolvedValue(0, true, at);
                }
                Report(origin, value, "'same' is only valid for pad, not for " + layer + " " + parameter.Name);
                return null;
            case NameValueSyntax name:
                if (!_variables.TryGet(name.Name, out int? variable))
                {
                    Report(origin, value, layer + " " + parameter.Name + ": "
                        + _variables.DescribeUndefined(name.Name, parameter.AcceptsSame ? new[] { "same" } : Array.Empty<string>()));
                    return null;
                }
                if (variable is not { } known)
                {
                    return null;
                }
                return parameter.Type == ArgumentType.Real
                    ? new ResolvedValue(0, false, at) { Real = known, Exact = known, Text = Format(known) }
                    : new ResolvedValue(known, false, at);
            default:
                return null;
        }
    }

    /// <summary>
    /// A real number as the float nearest to what was written (parsed with the invariant culture, so it
    /// round-trips). Whatever does not fit a float (1e39, 1e-50) is left to the layer's range check.
    /// </summary>
    private static ResolvedValue Real(NumberSyntax number, SourceSpan at)
    {
        // The tokenizer only lets through -?digits(.digits)?(e[+-]?digits)?, so parsing fails only on
        // overflow, which older frameworks report as failure rather than infinity.
        bool negative = number.Text.StartsWith("-", StringComparison.Ordinal);
        if (!double.TryParse(number.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out double exact))
        {
            exact = negative ? double.NegativeInfinity : double.PositiveInfinity;
        }
        if (!float.TryParse(number.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out float real))
        {
            real = negative ? float.NegativeInfinity : float.PositiveInfinity;
        }
        // -0 passes every range that 0 does; keep it out of summaries and generated code as plain 0.
        if (real == 0f)
        {
            real = 0f;
        }
        return new ResolvedValue(0, false, at) { Real = real, Exact = exact, Text = number.Text };
    }

    /// <summary>The list element for the pass this instance is in, or null (reported) when the list binds to no single repetition.</summary>
    private ValueSyntax? SelectItem(ListSyntax list, NetworkArgument origin, string layer, ImmutableArray<RepetitionFrame> frames)
    {
        string listText = Text(origin, list);
        int length = list.Items.Length;
        string around = frames.IsEmpty
            ? layer + " is not inside a repetition"
            : "repetitions around " + layer + ": " + string.Join(", ", frames.Select(f => f.Describe()));

        if (list.BoundTo is { } boundTo)
        {
            var named = frames.Where(f => string.Equals(f.Variable, boundTo.Text, StringComparison.Ordinal)).ToList();
            if (named.Count == 0)
            {
                var counted = frames.Where(f => f.Variable is not null).Select(f => "@" + f.Variable).Distinct().ToList();
                Report(origin, list, "list " + listText + ": " + boundTo.Text + " is not the count of a repetition around " + layer + " (" + around + "); "
                    + (counted.Count == 0 ? "drop @" + boundTo.Text + " to bind it by its length" : "bind it with " + string.Join(" or ", counted) + ", or drop @" + boundTo.Text + " to bind it by its length"));
                return null;
            }
            if (named.Count > 1)
            {
                Report(origin, list, "list " + listText + " could bind to " + string.Join(" or ", named.Select(f => f.Describe()))
                    + ": " + boundTo.Text + " counts " + Format(named.Count) + " repetitions around " + layer + "; count them with different variables");
                return null;
            }
            if (named[0].Count != length)
            {
                Report(origin, list, "list " + listText + " has " + Format(length) + " values but " + named[0].Describe() + " repeats "
                    + Format(named[0].Count) + " times; give it " + Format(named[0].Count) + " values, one per repetition");
                return null;
            }
            return list.Items[named[0].Index];
        }

        // Frames are innermost first, so the first match is the innermost repetition of the list's length.
        var match = frames.FirstOrDefault(f => f.Count == length);
        if (match is null)
        {
            Report(origin, list, "list " + listText + " has " + Format(length) + " values but no repetition around " + layer + " repeats "
                + Format(length) + " times (" + around + "); " + DescribeFittingLengths(layer, frames));
            return null;
        }
        return list.Items[match.Index];
    }

    /// <summary>The ways out of a list that matches no repetition: the lengths that would bind, or a single value.</summary>
    private static string DescribeFittingLengths(string layer, ImmutableArray<RepetitionFrame> frames)
    {
        if (frames.IsEmpty)
        {
            return "write a single value, or repeat " + layer + " with (...)*n and give the list n values";
        }
        // Innermost first, each count once: the first repetition of a length is the one a list of it binds to.
        var lengths = frames.GroupBy(f => f.Count).Select(g => Format(g.Key) + " values to follow " + g.First().Describe());
        return "give it " + string.Join(" or ", lengths);
    }

    private string Text(NetworkArgument origin, ValueSyntax value)
    {
        string? text = origin == NetworkArgument.Defaults ? _texts.Defaults : _texts.Architecture;
        var span = value.Span;
        return text is not null && span.End <= text.Length ? text.Substring(span.Start, span.Length) : "[...]";
    }

    private void Report(NetworkArgument origin, ValueSyntax value, string message) =>
        _diagnostics.Add(DiagnosticDescriptors.InvalidValue, new SourceSpan(origin, value.Span), message);

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
