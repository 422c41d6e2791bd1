using System;
using System.Globalization;
using System.Text;

namespace StaticNets.Kernels;

/// <summary>
/// A buffer's expected length as a product of named dimensions, e.g. <c>outChannels*inChannels*k*k = 6*1*5*5</c>,
/// so a length error can say where the number comes from. Up to five factors; no allocation unless printed.
/// </summary>
internal readonly struct ExpectedLength
{
    private readonly string _formula;
    private readonly int _count;
    private readonly int _f0, _f1, _f2, _f3, _f4;

    /// <summary>The product of the factors (checked: at most <see cref="int.MaxValue"/>).</summary>
    public int Product { get; }

    /// <summary>One factor.</summary>
    public ExpectedLength(string formula, int f0) : this(formula, 1, f0, 1, 1, 1, 1) { }

    /// <summary>Two factors.</summary>
    public ExpectedLength(string formula, int f0, int f1) : this(formula, 2, f0, f1, 1, 1, 1) { }

    /// <summary>Three factors.</summary>
    public ExpectedLength(string formula, int f0, int f1, int f2) : this(formula, 3, f0, f1, f2, 1, 1) { }

    /// <summary>Four factors.</summary>
    public ExpectedLength(string formula, int f0, int f1, int f2, int f3) : this(formula, 4, f0, f1, f2, f3, 1) { }

    /// <summary>Five factors.</summary>
    public ExpectedLength(string formula, int f0, int f1, int f2, int f3, int f4) : this(formula, 5, f0, f1, f2, f3, f4) { }

    private ExpectedLength(string formula, int count, int f0, int f1, int f2, int f3, int f4)
    {
        _formula = formula;
        _count = count;
        (_f0, _f1, _f2, _f3, _f4) = (f0, f1, f2, f3, f4);
        // Factors are validated non-negative first; stopping once past int.MaxValue keeps the long from overflowing.
        long product = f0;
        foreach (int factor in (ReadOnlySpan<int>)[f1, f2, f3, f4])
        {
            product *= factor;
            if (product > int.MaxValue)
            {
                throw new ArgumentException($"{this} is more than one span can hold.");
            }
        }

        Product = (int)product;
    }

    /// <summary>Formula with its numbers, e.g. <c>outChannels*inChannels*k*k = 6*1*5*5</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(_formula).Append(" = ");
        ReadOnlySpan<int> factors = [_f0, _f1, _f2, _f3, _f4];
        for (int i = 0; i < _count; i++)
        {
            if (i > 0)
            {
                text.Append('*');
            }

            text.Append(factors[i].ToString(CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }
}
