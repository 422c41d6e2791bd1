namespace StaticNets.Kernels;

/// <summary>An elementwise operation of one input and a scalar parameter, written once for every vector width.</summary>
internal interface IUnaryOperator
{
    /// <summary>Applies the operation lane-wise; <paramref name="parameter"/> is a scalar broadcast to every lane, or a per-lane value (a slope per channel).</summary>
    static abstract TVector Invoke<TVector>(TVector x, TVector parameter) where TVector : struct, IVector<TVector>;
}
