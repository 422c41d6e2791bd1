namespace StaticNets.Kernels;

/// <summary>
/// x·y. TensorPrimitives.Multiply computes the same; dropout applies its mask through this operator so that tests can
/// force every vector width through the whole training forward pass, mask draw included.
/// </summary>
internal readonly struct MultiplyOperator : IBinaryOperator
{
    /// <summary>No parameter.</summary>
    public static TVector Invoke<TVector>(TVector x, TVector y, TVector parameter) where TVector : struct, IVector<TVector> =>
        TVector.Multiply(x, y);
}
