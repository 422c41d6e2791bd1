namespace StaticNets.Kernels;

/// <summary>
/// Leaky ReLU and PReLU forward, <c>x &gt; 0 ? x : slope·x</c>, with the slope as the parameter (one alpha, or a slope
/// per channel). TensorPrimitives has no compare-and-select, so this is our own operator.
/// </summary>
internal readonly struct NegativeSlopeOperator : IUnaryOperator
{
    /// <summary>x is the input, parameter the slope.</summary>
    public static TVector Invoke<TVector>(TVector x, TVector parameter) where TVector : struct, IVector<TVector> =>
        TVector.ConditionalSelect(TVector.GreaterThan(x, TVector.Zero), x, TVector.Multiply(x, parameter));
}

/// <summary>Leaky ReLU's backward, <c>signal &gt; 0 ? dOutput : slope·dOutput</c>, where the signal (input or output) is positive exactly where the input is.</summary>
internal readonly struct NegativeSlopeBackwardOperator : IBinaryOperator
{
    /// <summary>x is dOutput, y the signal, parameter the slope.</summary>
    public static TVector Invoke<TVector>(TVector x, TVector y, TVector parameter) where TVector : struct, IVector<TVector> =>
        TVector.ConditionalSelect(TVector.GreaterThan(y, TVector.Zero), x, TVector.Multiply(x, parameter));
}
