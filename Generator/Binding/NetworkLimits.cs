namespace StaticNets.Generator.Binding;

/// <summary>Bounds that keep every size the generator and the generated code compute inside <see cref="int"/>.</summary>
internal static class NetworkLimits
{
    /// <summary>
    /// Most values in one tensor per example, and most parameters in total: 2^30, so an offset plus a
    /// count (both below it) still fits in an <see cref="int"/>, and a float buffer of it is 4 GiB.
    /// </summary>
    public const long MaxElements = 1L << 30;

    /// <summary>Most layers after expanding repetitions; far beyond any real network, small enough to expand quickly.</summary>
    public const int MaxLayers = 10_000;

    /// <summary>The product, or <see cref="long.MaxValue"/> when it would overflow (inputs are non-negative).</summary>
    public static long SaturatingMultiply(long a, long b)
    {
        if (a == 0 || b == 0)
        {
            return 0;
        }
        return a > long.MaxValue / b ? long.MaxValue : a * b;
    }

    /// <summary>The sum, or <see cref="long.MaxValue"/> when it would overflow (inputs are non-negative).</summary>
    public static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;
}
