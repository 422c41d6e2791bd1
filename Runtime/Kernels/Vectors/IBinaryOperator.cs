namespace StaticNets.Kernels;

/// <summary>An elementwise operation of two inputs, written once for every vector width (TensorPrimitives' pattern).</summary>
internal interface IBinaryOperator
{
    /// <summary>Applies the operation lane-wise; <paramref name="parameter"/> is the driver's scalar (alpha, a slope) in every lane, unused by operators without one.</summary>
    static abstract TVector Invoke<TVector>(TVector x, TVector y, TVector parameter) where TVector : struct, IVector<TVector>;
}
