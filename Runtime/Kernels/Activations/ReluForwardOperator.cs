namespace StaticNets.Kernels;

/// <summary>
/// ReLU's forward, <c>max(x, 0)</c>. TensorPrimitives.Max(x, 0f) computes the same, but above 256 KB it writes with
/// non-temporal stores, which push the activations out of cache just before the next layer reads them. Measured on
/// 300 000 floats in place (AVX-512, median of 61 interleaved rounds): 0.145 ns/float against 0.053 here (2.7x);
/// 150 000 floats 0.163 against 0.039 (4.2x); out of place 300 000 floats 0.094 against 0.088; equal below 64K floats.
/// </summary>
internal readonly struct ReluForwardOperator : IUnaryOperator
{
    /// <summary>x is the input; no parameter.</summary>
    public static TVector Invoke<TVector>(TVector x, TVector parameter) where TVector : struct, IVector<TVector> =>
        TVector.Max(x, TVector.Zero);
}
