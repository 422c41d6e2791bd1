namespace StaticNets.Kernels;

/// <summary>
/// One SIMD width, seen through the handful of operations the kernels need. Kernels are written once, generic over
/// this interface, and the JIT specialises each instantiation for its struct (as TensorPrimitives does with its
/// operator structs), so the 512-, 256-, 128-bit and scalar paths share one body and tests can force any of them.
/// </summary>
/// <typeparam name="TSelf">The implementing struct, which wraps one hardware vector of floats.</typeparam>
internal interface IVector<TSelf> where TSelf : struct, IVector<TSelf>
{
    /// <summary>Floats per vector.</summary>
    static abstract int Count { get; }

    /// <summary>Whether this width runs on hardware here (otherwise .NET emulates it, correctly but slowly).</summary>
    static abstract bool IsHardwareAccelerated { get; }

    /// <summary>All lanes zero.</summary>
    static abstract TSelf Zero { get; }

    /// <summary>All lanes <paramref name="value"/>.</summary>
    static abstract TSelf Broadcast(float value);

    /// <summary>Reads <see cref="Count"/> floats starting at <paramref name="source"/> (no alignment needed).</summary>
    static abstract TSelf Load(ref float source);

    /// <summary>Writes <see cref="Count"/> floats starting at <paramref name="destination"/>.</summary>
    static abstract void Store(TSelf value, ref float destination);

    /// <summary>Lane-wise sum.</summary>
    static abstract TSelf Add(TSelf left, TSelf right);

    /// <summary>Lane-wise difference.</summary>
    static abstract TSelf Subtract(TSelf left, TSelf right);

    /// <summary>Lane-wise product.</summary>
    static abstract TSelf Multiply(TSelf left, TSelf right);

    /// <summary>Lane-wise quotient.</summary>
    static abstract TSelf Divide(TSelf left, TSelf right);

    /// <summary>Lane-wise <c>left * right + addend</c>, fused where the hardware has FMA.</summary>
    static abstract TSelf MultiplyAdd(TSelf left, TSelf right, TSelf addend);

    /// <summary>Lane-wise maximum.</summary>
    static abstract TSelf Max(TSelf left, TSelf right);

    /// <summary>Lane-wise minimum.</summary>
    static abstract TSelf Min(TSelf left, TSelf right);

    /// <summary>Mask with all bits set in the lanes where <paramref name="left"/> &gt; <paramref name="right"/>.</summary>
    static abstract TSelf GreaterThan(TSelf left, TSelf right);

    /// <summary>Mask with all bits set in the lanes where <paramref name="left"/> equals <paramref name="right"/>.</summary>
    static abstract TSelf Equal(TSelf left, TSelf right);

    /// <summary>Bitwise select: <paramref name="whenTrue"/> where <paramref name="mask"/> bits are set, else <paramref name="whenFalse"/>.</summary>
    static abstract TSelf ConditionalSelect(TSelf mask, TSelf whenTrue, TSelf whenFalse);

    /// <summary>Mask with all bits set in lanes <paramref name="firstLane"/> .. Count-1 (used to finish a row with one overlapping vector).</summary>
    static abstract TSelf LanesFrom(int firstLane);

    /// <summary>
    /// The even-indexed lanes of the 2·Count floats <paramref name="lower"/> followed by <paramref name="upper"/>
    /// (de-interleave). With <see cref="Odds"/>, splits adjacent pairs, e.g. the two columns of 2×2 pooling windows.
    /// </summary>
    static abstract TSelf Evens(TSelf lower, TSelf upper);

    /// <summary>The odd-indexed lanes of <paramref name="lower"/> followed by <paramref name="upper"/>.</summary>
    static abstract TSelf Odds(TSelf lower, TSelf upper);

    /// <summary>The first Count floats of left[0], right[0], left[1], right[1], ... (inverse of <see cref="Evens"/>/<see cref="Odds"/>).</summary>
    static abstract TSelf InterleaveLower(TSelf left, TSelf right);

    /// <summary>The last Count floats of left[0], right[0], left[1], right[1], ...</summary>
    static abstract TSelf InterleaveUpper(TSelf left, TSelf right);

    /// <summary>Sum of all lanes.</summary>
    static abstract float Sum(TSelf value);
}
