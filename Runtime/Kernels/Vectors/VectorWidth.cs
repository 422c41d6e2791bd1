namespace StaticNets.Kernels;

/// <summary>The SIMD widths the kernels are instantiated for.</summary>
internal enum VectorWidth
{
    /// <summary>One float at a time (<see cref="ScalarOps"/>).</summary>
    Scalar,

    /// <summary><see cref="Vector128Ops"/>.</summary>
    Bits128,

    /// <summary><see cref="Vector256Ops"/>.</summary>
    Bits256,

    /// <summary><see cref="Vector512Ops"/>.</summary>
    Bits512,
}

/// <summary>Chooses, once per process, the widest width this machine accelerates.</summary>
internal static class VectorDispatch
{
    /// <summary>
    /// The width every public kernel runs at. A static readonly value, so tiered JIT folds each kernel's
    /// <c>switch</c> over it to a single direct call; tests bypass it by calling the generic entry points.
    /// </summary>
    public static readonly VectorWidth Best =
        Vector512Ops.IsHardwareAccelerated ? VectorWidth.Bits512
        : Vector256Ops.IsHardwareAccelerated ? VectorWidth.Bits256
        : Vector128Ops.IsHardwareAccelerated ? VectorWidth.Bits128
        : VectorWidth.Scalar;
}
