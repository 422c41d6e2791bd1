namespace StaticNets.Kernels;

/// <summary>
/// Kernels that need a scratch row (a TensorPrimitives pass whose result feeds an own operator, per-channel
/// coefficients) work through their spans in chunks of this many floats held on the stack: 2 KB stays in L1,
/// allocates nothing, and makes a TensorPrimitives call's fixed cost negligible.
/// </summary>
internal static class StackChunk
{
    /// <summary>Floats per chunk.</summary>
    public const int Length = 512;
}
