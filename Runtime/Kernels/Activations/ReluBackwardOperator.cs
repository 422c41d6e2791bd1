namespace StaticNets.Kernels;

/// <summary>
/// ReLU's backward mask, <c>output &gt; 0 ? dOutput : 0</c>. TensorPrimitives has no compare-and-select between spans,
/// so this is our own operator on the shared <see cref="Elementwise"/> driver.
/// </summary>
internal readonly struct ReluBackwardOperator : IBinaryOperator
{
    /// <summary>x is dOutput, y is the forward output; no parameter.</summary>
    public static TVector Invoke<TVector>(TVector x, TVector y, TVector parameter) where TVector : struct, IVector<TVector> =>
        TVector.ConditionalSelect(TVector.GreaterThan(y, TVector.Zero), x, TVector.Zero);
}
