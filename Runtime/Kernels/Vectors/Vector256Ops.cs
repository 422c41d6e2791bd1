using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace StaticNets.Kernels;

/// <summary>Eight floats per operation (AVX2).</summary>
internal readonly struct Vector256Ops : IVector<Vector256Ops>
{
    private readonly Vector256<float> _value;

    private Vector256Ops(Vector256<float> value) => _value = value;

    public static int Count => Vector256<float>.Count;

    public static bool IsHardwareAccelerated => Vector256.IsHardwareAccelerated;

    public static Vector256Ops Zero => new(Vector256<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Ops Broadcast(float value) => new(Vector256.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Ops Load(ref float source) => new(Vector256.LoadUnsafe(ref source));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector256Ops value, ref float destination) => value._value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Ops Add(Vector256Ops left, Vector256Ops right) => new(left._value + right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Ops Subtract(Vector256Ops left, Vector256Ops right) => new(left._value - right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Ops Multiply(Vector256Ops left, Vector256Ops right) => new(left._value * right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Ops Divide(Vector256Ops left, Vector256Ops right) => new(left._value / right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Ops MultiplyAdd(Vector256Ops left, Vector256Ops right, Vector256Ops addend)
    {
#if NET9_0_OR_GREATER
        return new(Vector256.MultiplyAddEstimate(left._value, right._value, addend._value));
#else
        // Vector256.MultiplyAddEstimate arrived in .NET 9; on .NET 8 use FMA3 when present.
        return Fma.IsSupported
            ? new(Fma.MultiplyAdd(left._value, right._value, addend._value))
            : new(left._value * right._value + addend._value);
#endif
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Ops Max(Vector256Ops left, Vector256Ops right) => new(Vector256.Max(left._value, right._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Ops Min(Vector256Ops left, Vector256Ops right) => new(Vector256.Min(left._value, right._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Ops GreaterThan(Vector256Ops left, Vector256Ops right) => new(Vector256.GreaterThan(left._value, right._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Ops ConditionalSelect(Vector256Ops mask, Vector256Ops whenTrue, Vector256Ops whenFalse) =>
        new(Vector256.ConditionalSelect(mask._value, whenTrue._value, whenFalse._value));

    // A constant lane-index vector (Vector256<int>.Indices is .NET 9+). Not a static readonly field: reading one
    // can need a class-initialisation helper call, and a call in a tile epilogue makes the JIT spill every accumulator.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Ops LanesFrom(int firstLane) =>
        new(Vector256.GreaterThanOrEqual(Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7), Vector256.Create(firstLane)).AsSingle());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Ops Equal(Vector256Ops left, Vector256Ops right) => new(Vector256.Equals(left._value, right._value));

    // AVX-512VL picks lanes from two registers in one instruction (vpermt2ps). The fallback takes each register's
    // evens into its low half with a one-register shuffle (vpermps) and joins the halves.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Ops Evens(Vector256Ops lower, Vector256Ops upper) => Avx512F.VL.IsSupported
        ? new(Avx512F.VL.PermuteVar8x32x2(lower._value, Vector256.Create(0, 2, 4, 6, 8, 10, 12, 14), upper._value))
        : new(Vector256.Create(
            Vector256.Shuffle(lower._value, Vector256.Create(0, 2, 4, 6, 0, 0, 0, 0)).GetLower(),
            Vector256.Shuffle(upper._value, Vector256.Create(0, 2, 4, 6, 0, 0, 0, 0)).GetLower()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Ops Odds(Vector256Ops lower, Vector256Ops upper) => Avx512F.VL.IsSupported
        ? new(Avx512F.VL.PermuteVar8x32x2(lower._value, Vector256.Create(1, 3, 5, 7, 9, 11, 13, 15), upper._value))
        : new(Vector256.Create(
            Vector256.Shuffle(lower._value, Vector256.Create(1, 3, 5, 7, 0, 0, 0, 0)).GetLower(),
            Vector256.Shuffle(upper._value, Vector256.Create(1, 3, 5, 7, 0, 0, 0, 0)).GetLower()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Ops InterleaveLower(Vector256Ops left, Vector256Ops right) => Avx512F.VL.IsSupported
        ? new(Avx512F.VL.PermuteVar8x32x2(left._value, Vector256.Create(0, 8, 1, 9, 2, 10, 3, 11), right._value))
        : new(Vector256.Shuffle(Vector256.Create(left._value.GetLower(), right._value.GetLower()), Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256Ops InterleaveUpper(Vector256Ops left, Vector256Ops right) => Avx512F.VL.IsSupported
        ? new(Avx512F.VL.PermuteVar8x32x2(left._value, Vector256.Create(4, 12, 5, 13, 6, 14, 7, 15), right._value))
        : new(Vector256.Shuffle(Vector256.Create(left._value.GetUpper(), right._value.GetUpper()), Vector256.Create(0, 4, 1, 5, 2, 6, 3, 7)));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector256Ops value) => Vector256.Sum(value._value);
}
