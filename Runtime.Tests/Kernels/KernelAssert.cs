using System;
using System.Globalization;

namespace StaticNets.Runtime.Tests.Kernels;

/// <summary>Random data, float64 conversions and the comparisons the kernel tests share.</summary>
internal static class KernelAssert
{
    /// <summary>Unit roundoff of float32 (2^-24): the relative error of one rounding.</summary>
    public const double FloatRoundoff = 1.0 / (1 << 24);

    public static float[] RandomFloats(Random random, int length, double scale = 1.0)
    {
        var values = new float[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (float)((random.NextDouble() * 2 - 1) * scale);
        }

        return values;
    }

    public static double[] RandomDoubles(Random random, int length, double scale = 1.0)
    {
        var values = new double[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (random.NextDouble() * 2 - 1) * scale;
        }

        return values;
    }

    /// <summary>
    /// Magnitudes log-uniform in [<paramref name="smallest"/>, <paramref name="largest"/>] with random signs, plus
    /// the odd exact zero: one sweep reaches every branch of an elementwise kernel (series near 0, exponentials, saturation).
    /// </summary>
    public static float[] WideFloats(Random random, int length, double smallest, double largest)
    {
        var values = new float[length];
        double logSmallest = Math.Log(smallest), logRange = Math.Log(largest) - logSmallest;
        for (int i = 0; i < length; i++)
        {
            double magnitude = random.Next(50) == 0 ? 0 : Math.Exp(logSmallest + random.NextDouble() * logRange);
            values[i] = (float)(random.Next(2) == 0 ? -magnitude : magnitude);
        }

        return values;
    }

    /// <summary>
    /// Weights r for a gradient-check loss L = Σ r ⊙ f, with magnitudes in [0.5, 1]: no gradient is tiny next to the
    /// roundoff of L itself, which the centred difference divides by 2h.
    /// </summary>
    public static double[] RandomWeights(Random random, int length)
    {
        var values = new double[length];
        for (int i = 0; i < length; i++)
        {
            values[i] = (random.Next(2) == 0 ? -1 : 1) * (0.5 + 0.5 * random.NextDouble());
        }

        return values;
    }

    public static double[] ToDouble(float[] values) => Array.ConvertAll(values, v => (double)v);

    public static double[] Abs(double[] values) => Array.ConvertAll(values, Math.Abs);

    /// <summary>
    /// Asserts |actual - expected| &lt;= 2·(terms + 2)·u·magnitude elementwise, where magnitude is the same computation
    /// on absolute values (Σ|a·b|). That is the classic bound on a float32 sum of `terms` products in any order
    /// (|error| &lt;= terms·u·Σ|a·b|, Higham §3.1), doubled, with two extra roundings for the bias/accumulated term and
    /// the final store: it grows with the reduction length, as the error does, yet stays far below any indexing mistake.
    /// </summary>
    public static void CloseToReference(ReadOnlySpan<float> actual, ReadOnlySpan<double> expected, ReadOnlySpan<double> magnitude, int terms, string context)
    {
        Assert.Equal(expected.Length, actual.Length);
        double factor = 2.0 * (terms + 2) * FloatRoundoff;
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]);
            double bound = factor * magnitude[i] + double.Epsilon;
            if (!(error <= bound))
            {
                Assert.Fail(string.Create(CultureInfo.InvariantCulture,
                    $"{context}: element {i} is {actual[i]:R}, float64 reference {expected[i]:R}, error {error:E3} over the bound {bound:E3} ({terms} terms)."));
            }
        }
    }

    /// <summary>
    /// Asserts |actual - expected| &lt;= units·u·|expected| elementwise (u = 2^-24, one float rounding): for elementwise
    /// kernels whose error budget, in roundings, each test derives from its formula.
    /// </summary>
    public static void WithinRoundoff(ReadOnlySpan<float> actual, ReadOnlySpan<double> expected, double units, string context)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double error = Math.Abs(actual[i] - expected[i]);
            double bound = units * FloatRoundoff * Math.Abs(expected[i]);
            if (!(error <= bound))
            {
                Assert.Fail(string.Create(CultureInfo.InvariantCulture,
                    $"{context}: element {i} is {actual[i]:R}, float64 reference {expected[i]:R}, error {error / (FloatRoundoff * Math.Abs(expected[i])):F2} u over the budget of {units} u."));
            }
        }
    }

    /// <summary>Bitwise-equal floats (for kernels that only select or add in the reference's order).</summary>
    public static void Identical(ReadOnlySpan<float> actual, ReadOnlySpan<double> expected, string context)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if ((double)actual[i] != expected[i])
            {
                Assert.Fail(string.Create(CultureInfo.InvariantCulture, $"{context}: element {i} is {actual[i]:R}, reference {expected[i]:R}."));
            }
        }
    }

    /// <summary>
    /// Centred-difference gradient check (notes §3.3, CS231n): for every entry of <paramref name="parameter"/>,
    /// numeric = (L(x+h) - L(x-h)) / 2h, compared with the analytic gradient by relative error |a-n| / max(|a|, |n|).
    /// Both exactly zero (an input that does not reach the loss) counts as agreement.
    /// </summary>
    public static void GradientMatchesCentredDifferences(double[] parameter, double[] analytic, Func<double> loss, string name, double step = 1e-5, double maxRelativeError = 1e-6)
    {
        Assert.Equal(parameter.Length, analytic.Length);
        double worst = 0;
        int worstIndex = -1;
        double worstNumeric = 0;
        for (int i = 0; i < parameter.Length; i++)
        {
            double saved = parameter[i];
            parameter[i] = saved + step;
            double plus = loss();
            parameter[i] = saved - step;
            double minus = loss();
            parameter[i] = saved;
            double numeric = (plus - minus) / (2 * step);
            double scale = Math.Max(Math.Abs(analytic[i]), Math.Abs(numeric));
            double relative = scale == 0 ? 0 : Math.Abs(analytic[i] - numeric) / scale;
            if (relative > worst || double.IsNaN(relative))
            {
                (worst, worstIndex, worstNumeric) = (relative, i, numeric);
            }
        }

        Assert.True(worst < maxRelativeError, string.Create(CultureInfo.InvariantCulture,
            $"{name}[{worstIndex}]: analytic {(worstIndex >= 0 ? analytic[worstIndex] : 0):R}, numeric {worstNumeric:R}, relative error {worst:E3} (limit {maxRelativeError:E1})."));
    }

    /// <summary>The call throws an ArgumentException naming <paramref name="parameter"/> whose message says "{parameter} must hold {expected}".</summary>
    public static void ThrowsForLength(string parameter, string expected, Action call)
    {
        var error = Assert.ThrowsAny<ArgumentException>(call);
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains($"{parameter} must hold {expected}", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The call throws an ArgumentOutOfRangeException naming <paramref name="parameter"/> whose message says "{parameter} must be {range}".</summary>
    public static void ThrowsForRange(string parameter, string range, Action call)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(call);
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains($"{parameter} must be {range}", error.Message, StringComparison.Ordinal);
    }

    /// <summary>L = Σ r ⊙ f: the scalar loss a gradient check differentiates, with fixed random weights r.</summary>
    public static double Dot(ReadOnlySpan<double> r, ReadOnlySpan<double> f)
    {
        double sum = 0;
        for (int i = 0; i < r.Length; i++)
        {
            sum += r[i] * f[i];
        }

        return sum;
    }
}
