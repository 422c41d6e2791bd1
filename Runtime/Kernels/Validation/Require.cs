using System;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace StaticNets.Kernels;

/// <summary>
/// Argument checks shared by the kernels. The checks are plain comparisons made once per call; the messages,
/// which name the parameter, the expected length and the shape product behind it, are only built when throwing.
/// </summary>
internal static class Require
{
    /// <summary>Throws unless <paramref name="value"/> &gt; 0.</summary>
    public static void Positive(int value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (value <= 0)
        {
            ThrowNotPositive(value, name);
        }
    }

    /// <summary>Throws unless <paramref name="value"/> &gt;= 0.</summary>
    public static void NonNegative(int value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (value < 0)
        {
            ThrowNegative(value, name);
        }
    }

    /// <summary>Throws unless <paramref name="activation"/> is one of the named values.</summary>
    public static void Defined(FusedActivation activation, [CallerArgumentExpression(nameof(activation))] string name = "")
    {
        if (activation is not (FusedActivation.None or FusedActivation.Relu))
        {
            throw new ArgumentOutOfRangeException(name, activation, $"{name} must be FusedActivation.None or FusedActivation.Relu.");
        }
    }

    /// <summary>Throws unless <paramref name="actual"/> equals the product of <paramref name="expected"/>.</summary>
    public static void Exactly(int actual, string name, in ExpectedLength expected, string unit = "floats")
    {
        if (actual != expected.Product)
        {
            ThrowLength(actual, name, expected, unit, "", "");
        }
    }

    /// <summary>Throws unless <paramref name="actual"/> equals the product of <paramref name="expected"/> or is zero.</summary>
    public static void ExactlyOrEmpty(int actual, string name, in ExpectedLength expected)
    {
        if (actual != 0 && actual != expected.Product)
        {
            ThrowLength(actual, name, expected, "floats", "", " or be empty");
        }
    }

    /// <summary>Throws unless <paramref name="actual"/> is at least the product of <paramref name="expected"/>.</summary>
    public static void AtLeast(int actual, string name, in ExpectedLength expected)
    {
        if (actual < expected.Product)
        {
            ThrowLength(actual, name, expected, "floats", "at least ", "");
        }
    }

    /// <summary>Throws unless 0 &lt;= <paramref name="value"/> &lt; 1 (a dropout probability, a leaky slope).</summary>
    public static void ZeroToBelowOne(float value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (!(value >= 0 && value < 1))
        {
            ThrowOutOfRange(value, name, "in [0, 1)");
        }
    }

    /// <summary>Throws unless 0 &lt;= <paramref name="value"/> &lt;= 1 (a momentum).</summary>
    public static void ZeroToOne(float value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (!(value >= 0 && value <= 1))
        {
            ThrowOutOfRange(value, name, "in [0, 1]");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is positive and finite (an epsilon, a margin).</summary>
    public static void PositiveFinite(float value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (!(value > 0 && float.IsFinite(value)))
        {
            ThrowOutOfRange(value, name, "positive and finite");
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is zero or positive, and finite.</summary>
    public static void NonNegativeFinite(float value, [CallerArgumentExpression(nameof(value))] string name = "")
    {
        if (!(value >= 0 && float.IsFinite(value)))
        {
            ThrowOutOfRange(value, name, "non-negative and finite");
        }
    }

    /// <summary>Throws unless <paramref name="labels"/> holds <paramref name="batch"/> classes, each in [0, <paramref name="classes"/>).</summary>
    public static void Labels(ReadOnlySpan<int> labels, int batch, int classes)
    {
        Exactly(labels.Length, nameof(labels), new ExpectedLength("batch", batch), "labels");
        for (int n = 0; n < batch; n++)
        {
            if ((uint)labels[n] >= (uint)classes)
            {
                ThrowLabelOutOfRange(n, labels[n], classes);
            }
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOutOfRange(float value, string name, string range) =>
        throw new ArgumentOutOfRangeException(name, value, string.Create(CultureInfo.InvariantCulture, $"{name} must be {range}, got {value:R}."));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLabelOutOfRange(int example, int label, int classes) =>
        throw new ArgumentOutOfRangeException(
            "labels",
            label,
            string.Create(CultureInfo.InvariantCulture, $"labels[{example}] is {label}, outside [0, {classes}): example {example} has no such class."));

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNotPositive(int value, string name) =>
        throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive, got {value.ToString(CultureInfo.InvariantCulture)}.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowNegative(int value, string name) =>
        throw new ArgumentOutOfRangeException(name, value, $"{name} must not be negative, got {value.ToString(CultureInfo.InvariantCulture)}.");

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowLength(int actual, string name, ExpectedLength expected, string unit, string atLeast, string orEmpty) =>
        throw new ArgumentException(
            $"{name} must hold {atLeast}{expected.Product.ToString(CultureInfo.InvariantCulture)} {unit} ({expected}){orEmpty}, " +
            $"got {actual.ToString(CultureInfo.InvariantCulture)}.",
            name);
}
