namespace StaticNets.Kernels;

/// <summary>
/// x·y. TensorPrimitives.Multiply computes the same, but dropout applies its mask through this operator: tests can then
/// force every vector width through the whole training pass, mask draw included, and large spans are written with
/// ordinary stores, which TensorPrimitives replaces with cache-bypassing ones above 256 KB.
/// </summary>
internal readonly struct MultiplyOperator : IBinaryOperator
{
    /// <summary>No parameter.</summary>
    public static TVector Invoke<TVector>(TVector x, TVector y, TVector parameter) where TVector : struct, IVector<TVector> =>
        TVector.Multiply(x, y);
}
