using System.Numerics;

namespace StaticNets.Kernels;

/// <summary>
/// e^x - 1 and ln(1 + x) accurate near 0 for any float type. .NET's <c>T.ExpM1</c> and <c>T.LogP1</c> are
/// <c>Exp(x) - 1</c> and <c>Log(x + 1)</c>, which return 0 for x = 1e-20 in double; these use the classic
/// compensations (Kahan's expm1, Goldberg's log1p, "What every computer scientist should know…", Theorem 4).
/// </summary>
internal static class ReferenceMath
{
    /// <summary>e^x - 1: with u = e^x, (u - 1)·x/ln u cancels the rounding of u.</summary>
    public static T ExpM1<T>(T x)
        where T : IFloatingPointIeee754<T>
    {
        T u = T.Exp(x);
        if (u == T.One)
        {
            return x;
        }

        T uMinusOne = u - T.One;
        if (uMinusOne == -T.One || T.IsPositiveInfinity(u))
        {
            return uMinusOne;
        }

        return uMinusOne * x / T.Log(u);
    }

    /// <summary>ln(1 + x): with w = 1 + x, ln(w)·x/(w - 1) cancels the rounding of w.</summary>
    public static T LogP1<T>(T x)
        where T : IFloatingPointIeee754<T>
    {
        T w = T.One + x;
        if (w == T.One)
        {
            return x;
        }

        return T.IsPositiveInfinity(w) ? w : T.Log(w) * x / (w - T.One);
    }
}
