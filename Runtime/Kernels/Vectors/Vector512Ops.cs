using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace StaticNets.Kernels;

/// <summary>Sixteen floats per operation (AVX-512).</summary>
internal readonly struct Vector512Ops : IVector<Vector512Ops>
{
    private readonly Vector512<float> _value;

    private Vector512Ops(Vector512<float> value) => _value = value;

    public static int Count => Vector512<float>.Count;

    public static bool IsHardwareAccelerated => Vector512.IsHardwareAccelerated;

    public static Vector512Ops Zero => new(Vector512<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Ops Broadcast(float value) => new(Vector512.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Ops Load(ref float source) => new(Vector512.LoadUnsafe(ref source));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector512Ops value, ref float destination) => value._value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Ops Add(Vector512Ops left, Vector512Ops right) => new(left._value + right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Ops Subtract(Vector512Ops left, Vector512Ops right) => new(left._value - right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Ops Multiply(Vector512Ops left, Vector512Ops right) => new(left._value * right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Ops Divide(Vector512Ops left, Vector512Ops right) => new(left._value / right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Ops MultiplyAdd(Vector512Ops left, Vector512Ops right, Vector512Ops addend)
    {
#if NET9_0_OR_GREATER
        return new(Vector512.MultiplyAddEstimate(left._value, right._value, addend._value));
#else
        // Vector512.FusedMultiplyAdd arrived in .NET 9; on .NET 8 the AVX-512 intrinsic is the fused form.
        return Avx512F.IsSupported
            ? new(Avx512F.FusedMultiplyAdd(left._value, right._value, addend._value))
            : new(left._value * right._value + addend._value);
#endif
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Ops Max(Vector512Ops left, Vector512Ops right) => new(Vector512.Max(left._value, right._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Ops Min(Vector512Ops left, Vector512Ops right) => new(Vector512.Min(left._value, right._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Ops GreaterThan(Vector512Ops left, Vector512Ops right) => new(Vector512.GreaterThan(left._value, right._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Ops ConditionalSelect(Vector512Ops mask, Vector512Ops whenTrue, Vector512Ops whenFalse) =>
        new(Vector512.ConditionalSelect(mask._value, whenTrue._value, whenFalse._value));

    // A constant lane-index vector (Vector512<int>.Indices is .NET 9+). Not a static readonly field: reading one
    // can need a class-initialisation helper call, and a call in a tile epilogue makes the JIT spill every accumulator.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Ops LanesFrom(int firstLane) =>
        new(Vector512.GreaterThanOrEqual(Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15), Vector512.Create(firstLane)).AsSingle());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Ops Equal(Vector512Ops left, Vector512Ops right) => new(Vector512.Equals(left._value, right._value));

    // AVX-512 picks lanes from two registers in one instruction (vpermt2ps). The fallback takes each register's
    // evens into its low half with a one-register shuffle and joins the halves; .NET 8 has no two-register shuffle.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Ops Evens(Vector512Ops lower, Vector512Ops upper) => Avx512F.IsSupported
        ? new(Avx512F.PermuteVar16x32x2(lower._value, Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30), upper._value))
        : new(Vector512.Create(
            Vector512.Shuffle(lower._value, Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 0, 0, 0, 0, 0, 0, 0, 0)).GetLower(),
            Vector512.Shuffle(upper._value, Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 0, 0, 0, 0, 0, 0, 0, 0)).GetLower()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Ops Odds(Vector512Ops lower, Vector512Ops upper) => Avx512F.IsSupported
        ? new(Avx512F.PermuteVar16x32x2(lower._value, Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 17, 19, 21, 23, 25, 27, 29, 31), upper._value))
        : new(Vector512.Create(
            Vector512.Shuffle(lower._value, Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 0, 0, 0, 0, 0, 0, 0, 0)).GetLower(),
            Vector512.Shuffle(upper._value, Vector512.Create(1, 3, 5, 7, 9, 11, 13, 15, 0, 0, 0, 0, 0, 0, 0, 0)).GetLower()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Ops InterleaveLower(Vector512Ops left, Vector512Ops right) => Avx512F.IsSupported
        ? new(Avx512F.PermuteVar16x32x2(left._value, Vector512.Create(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), right._value))
        : new(Vector512.Shuffle(Vector512.Create(left._value.GetLower(), right._value.GetLower()), Vector512.Create(0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Ops InterleaveUpper(Vector512Ops left, Vector512Ops right) => Avx512F.IsSupported
        ? new(Avx512F.PermuteVar16x32x2(left._value, Vector512.Create(8, 24, 9, 25, 10, 26, 11, 27, 12, 28, 13, 29, 14, 30, 15, 31), right._value))
        : new(Vector512.Shuffle(Vector512.Create(left._value.GetUpper(), right._value.GetUpper()), Vector512.Create(0, 8, 1, 9, 2, 10, 3, 11, 4, 12, 5, 13, 6, 14, 7, 15)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector512Ops value) => Vector512.Sum(value._value);
}
