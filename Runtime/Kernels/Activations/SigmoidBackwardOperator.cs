namespace StaticNets.Kernels;

/// <summary>
/// Sigmoid's backward from its output, <c>d·s·(1 - s)</c>. TensorPrimitives has no such fused operation, and three of
/// its passes would need a scratch row.
/// </summary>
internal readonly struct SigmoidBackwardOperator : IBinaryOperator
{
    /// <summary>x is dOutput, y the forward output s; no parameter.</summary>
    public static TVector Invoke<TVector>(TVector x, TVector y, TVector parameter) where TVector : struct, IVector<TVector> =>
        TVector.Multiply(x, TVector.Multiply(y, TVector.Subtract(TVector.Broadcast(1f), y)));
}
