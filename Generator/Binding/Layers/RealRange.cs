using System.Globalization;

namespace StaticNets.Generator.Binding.Layers;

/// <summary>
/// The allowed values of a real argument: a lower bound, open or closed, and an upper one or none (then
/// the value must still be finite, since a float argument of infinity is never meant).
/// </summary>
internal sealed record RealRange(double Minimum, bool MinimumIncluded, double? Maximum, bool MaximumIncluded)
{
    /// <summary>[0, 1): dropout probability, leaky slope.</summary>
    public static readonly RealRange FromZeroBelowOne = new(0, true, 1, false);

    /// <summary>(0, 1]: batch norm momentum.</summary>
    public static readonly RealRange AboveZeroUpToOne = new(0, false, 1, true);

    /// <summary>(0, infinity), finite: epsilon, ELU alpha, SVM margin.</summary>
    public static readonly RealRange Positive = new(0, false, null, false);

    public bool Contains(double value) =>
        !double.IsNaN(value) && !double.IsInfinity(value)
        && (MinimumIncluded ? value >= Minimum : value > Minimum)
        && (Maximum is not { } maximum || (MaximumIncluded ? value <= maximum : value < maximum));

    /// <summary>How a message states the range, e.g. <c>at least 0 and less than 1</c>.</summary>
    public string Describe()
    {
        string lower = (MinimumIncluded ? "at least " : "greater than ") + Format(Minimum);
        return Maximum is { } maximum
            ? lower + " and " + (MaximumIncluded ? "at most " : "less than ") + Format(maximum)
            : lower + " and finite";
    }

    private static string Format(double value) => value.ToString(CultureInfo.InvariantCulture);
}
