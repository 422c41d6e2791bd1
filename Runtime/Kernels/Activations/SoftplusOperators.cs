namespace StaticNets.Kernels;

/// <summary><c>-|x|</c>: softplus exponentiates only non-positive numbers, so e^(-|x|) never overflows.</summary>
internal readonly struct MinusMagnitudeOperator : IUnaryOperator
{
    /// <summary>x is the input; no parameter.</summary>
    public static TVector Invoke<TVector>(TVector x, TVector parameter) where TVector : struct, IVector<TVector> =>
        TVector.Min(x, TVector.Subtract(TVector.Zero, x));
}

/// <summary>
/// softplus(x) = max(x, 0) + ln(1 + t), t = e^(-|x|) in (0, 1]: stable for large |x| of either sign. ln(1 + t) is
/// Goldberg's log1p, <c>w = 1 + t; w == 1 ? t : ln(w)·t/(w - 1)</c>, accurate to a few ulps even when t is far below
/// float's roundoff; TensorPrimitives.LogP1 is Log(1 + t) and returns 0 there (softplus(-20) would be 0, not 2e-9).
/// </summary>
internal readonly struct SoftplusOperator : ITernaryOperator
{
    /// <summary>x is the input, y is t = e^(-|x|), z is ln(1 + t).</summary>
    public static TVector Invoke<TVector>(TVector x, TVector y, TVector z) where TVector : struct, IVector<TVector>
    {
        TVector one = TVector.Broadcast(1f);
        TVector w = TVector.Add(one, y);
        TVector log1p = TVector.ConditionalSelect(TVector.Equal(w, one), y, TVector.Multiply(z, TVector.Divide(y, TVector.Subtract(w, one))));
        return TVector.Add(TVector.Max(x, TVector.Zero), log1p);
    }
}

/// <summary>
/// Softplus' backward from its output y: the derivative is sigmoid(x) = 1 - e^(-y) = -(e^(-y) - 1), taken from
/// <see cref="NegativeExpM1"/> so it stays accurate where y is tiny (x very negative, where sigmoid(x) ≈ y).
/// </summary>
internal readonly struct SoftplusBackwardOperator : ITernaryOperator
{
    /// <summary>x is dOutput, y the forward output, z is e^(-y).</summary>
    public static TVector Invoke<TVector>(TVector x, TVector y, TVector z) where TVector : struct, IVector<TVector>
    {
        TVector minusY = TVector.Subtract(TVector.Zero, y);
        return TVector.Multiply(x, TVector.Subtract(TVector.Zero, NegativeExpM1.Evaluate(minusY, z)));
    }
}
