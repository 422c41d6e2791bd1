using System.Runtime.CompilerServices;

namespace StaticNets.Kernels;

/// <summary>
/// <c>e^x - 1</c> for <c>x &lt;= 0</c>, to a few float roundings relative to the result even as x → 0. Our own:
/// TensorPrimitives.ExpM1 (and .NET's float.ExpM1) compute <c>Exp(x) - 1</c>, whose cancellation loses all relative
/// accuracy near 0 (measured 170 000 ulp at x = -1e-5), and ELU, Tanh and Softplus' derivative need it there.
/// </summary>
internal static class NegativeExpM1
{
    /// <summary>
    /// <paramref name="x"/> &gt; -0.5 takes the Taylor series <c>x + x²/2! + … + x⁸/8!</c> (the first term left out is
    /// at most 0.5⁸/9! ≈ 1.1e-8 of the result, below float's 6e-8 roundoff); below, <c>e^x &lt;= 0.61</c> and
    /// <c>e^x - 1</c> no longer cancels, so <paramref name="expX"/> (TensorPrimitives.Exp, a few ulps) minus 1 is accurate.
    /// </summary>
    /// <param name="x">Arguments, at most 0 in every lane whose result is used.</param>
    /// <param name="expX"><c>e^x</c> lane-wise.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Evaluate<TVector>(TVector x, TVector expX)
        where TVector : struct, IVector<TVector>
    {
        TVector series = TVector.MultiplyAdd(TVector.Broadcast(1f / 40320), x, TVector.Broadcast(1f / 5040));
        series = TVector.MultiplyAdd(series, x, TVector.Broadcast(1f / 720));
        series = TVector.MultiplyAdd(series, x, TVector.Broadcast(1f / 120));
        series = TVector.MultiplyAdd(series, x, TVector.Broadcast(1f / 24));
        series = TVector.MultiplyAdd(series, x, TVector.Broadcast(1f / 6));
        series = TVector.MultiplyAdd(series, x, TVector.Broadcast(0.5f));
        series = TVector.MultiplyAdd(series, x, TVector.Broadcast(1f));
        series = TVector.Multiply(series, x);
        return TVector.ConditionalSelect(TVector.GreaterThan(x, TVector.Broadcast(-0.5f)), series, TVector.Subtract(expX, TVector.Broadcast(1f)));
    }
}
