namespace StaticNets.Kernels;

/// <summary>An elementwise operation of three inputs, written once for every vector width.</summary>
internal interface ITernaryOperator
{
    /// <summary>Applies the operation lane-wise.</summary>
    static abstract TVector Invoke<TVector>(TVector x, TVector y, TVector z) where TVector : struct, IVector<TVector>;
}
