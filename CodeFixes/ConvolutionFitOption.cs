using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;

namespace StaticNets.CodeFixes;

/// <summary>Which argument an SN0003 fix changes.</summary>
internal enum ConvolutionArgument
{
    Stride,
    Padding,
}

/// <summary>One way to make a convolution fit (SN0003): a stride or a padding, and the output size it gives.</summary>
internal readonly record struct ConvolutionFitOption(ConvolutionArgument Argument, int Value, long Output)
{
    public string Title => Argument == ConvolutionArgument.Stride
        ? "Use stride " + Format(Value) + " (output " + Format(Output) + ")"
        : "Use padding " + Format(Value) + " (output " + Format(Output) + ")";

    public string EquivalenceKey => Argument == ConvolutionArgument.Stride
        ? "StaticNets.SN0003.Stride." + Format(Value)
        : "StaticNets.SN0003.Padding." + Format(Value);

    public string ValueText => Format(Value);

    /// <summary>
    /// Reads the <see cref="DiagnosticPropertyNames.Fixes"/> property: <c>stride=S:O</c> and <c>pad=P:O</c>
    /// entries separated by <c>;</c>, kept in order. An entry that is not exactly that (or whose numbers
    /// are out of range: stride and output at least 1, padding at least 0) is skipped rather than guessed at.
    /// </summary>
    public static ImmutableArray<ConvolutionFitOption> Parse(string? fixes)
    {
        if (string.IsNullOrEmpty(fixes))
        {
            return ImmutableArray<ConvolutionFitOption>.Empty;
        }
        var options = ImmutableArray.CreateBuilder<ConvolutionFitOption>();
        var seen = new HashSet<ConvolutionFitOption>();
        foreach (string entry in fixes!.Split(';'))
        {
            if (TryParseEntry(entry.Trim(), out var option) && seen.Add(option))
            {
                options.Add(option);
            }
        }
        return options.ToImmutable();
    }

    private static bool TryParseEntry(string entry, out ConvolutionFitOption option)
    {
        option = default;
        int equals = entry.IndexOf('=');
        int colon = entry.IndexOf(':');
        if (equals <= 0 || colon <= equals)
        {
            return false;
        }
        string kind = entry.Substring(0, equals);
        ConvolutionArgument argument;
        int minimum;
        if (string.Equals(kind, "stride", StringComparison.Ordinal))
        {
            argument = ConvolutionArgument.Stride;
            minimum = 1;
        }
        else if (string.Equals(kind, "pad", StringComparison.Ordinal))
        {
            argument = ConvolutionArgument.Padding;
            minimum = 0;
        }
        else
        {
            return false;
        }
        if (!TryParseWhole(entry.Substring(equals + 1, colon - equals - 1), out long value)
            || !TryParseWhole(entry.Substring(colon + 1), out long output)
            || value < minimum || value > int.MaxValue || output < 1)
        {
            return false;
        }
        option = new ConvolutionFitOption(argument, (int)value, output);
        return true;
    }

    /// <summary>Plain digits only: the value is written into the architecture as is, so no sign, space or exponent may slip in.</summary>
    private static bool TryParseWhole(string text, out long value)
    {
        value = 0;
        if (text.Length == 0 || text.Length > 18)
        {
            return false;
        }
        foreach (char c in text)
        {
            if (c < '0' || c > '9')
            {
                return false;
            }
        }
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
