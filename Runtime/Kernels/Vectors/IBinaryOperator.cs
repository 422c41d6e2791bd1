namespace StaticNets.Kernels;

/// <summary>An elementwise operation of two inputs, written once for every vector width (TensorPrimitives' pattern).</summary>
internal interface IBinaryOperator
{
    /// <summary>Applies the operation lane-wise.</summary>
    static abstract TVector Invoke<TVector>(TVector x, TVector y) where TVector : struct, IVector<TVector>;
}
