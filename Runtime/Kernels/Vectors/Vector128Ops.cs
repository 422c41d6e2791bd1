using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace StaticNets.Kernels;

/// <summary>Four floats per operation (SSE, NEON).</summary>
internal readonly struct Vector128Ops : IVector<Vector128Ops>
{
    private readonly Vector128<float> _value;

    private Vector128Ops(Vector128<float> value) => _value = value;

    public static int Count => Vector128<float>.Count;

    public static bool IsHardwareAccelerated => Vector128.IsHardwareAccelerated;

    public static Vector128Ops Zero => new(Vector128<float>.Zero);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Ops Broadcast(float value) => new(Vector128.Create(value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Ops Load(ref float source) => new(Vector128.LoadUnsafe(ref source));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(Vector128Ops value, ref float destination) => value._value.StoreUnsafe(ref destination);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Ops Add(Vector128Ops left, Vector128Ops right) => new(left._value + right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Ops Subtract(Vector128Ops left, Vector128Ops right) => new(left._value - right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Ops Multiply(Vector128Ops left, Vector128Ops right) => new(left._value * right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Ops Divide(Vector128Ops left, Vector128Ops right) => new(left._value / right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Ops MultiplyAdd(Vector128Ops left, Vector128Ops right, Vector128Ops addend)
    {
#if NET9_0_OR_GREATER
        return new(Vector128.MultiplyAddEstimate(left._value, right._value, addend._value));
#else
        // Vector128.MultiplyAddEstimate arrived in .NET 9; on .NET 8 use FMA3 or NEON's fused form when present.
        if (Fma.IsSupported)
        {
            return new(Fma.MultiplyAdd(left._value, right._value, addend._value));
        }

        return AdvSimd.IsSupported
            ? new(AdvSimd.FusedMultiplyAdd(addend._value, left._value, right._value))
            : new(left._value * right._value + addend._value);
#endif
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Ops Max(Vector128Ops left, Vector128Ops right) => new(Vector128.Max(left._value, right._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Ops Min(Vector128Ops left, Vector128Ops right) => new(Vector128.Min(left._value, right._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Ops GreaterThan(Vector128Ops left, Vector128Ops right) => new(Vector128.GreaterThan(left._value, right._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Ops ConditionalSelect(Vector128Ops mask, Vector128Ops whenTrue, Vector128Ops whenFalse) =>
        new(Vector128.ConditionalSelect(mask._value, whenTrue._value, whenFalse._value));

    // A constant lane-index vector (Vector128<int>.Indices is .NET 9+). Not a static readonly field: reading one
    // can need a class-initialisation helper call, and a call in a tile epilogue makes the JIT spill every accumulator.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Ops LanesFrom(int firstLane) =>
        new(Vector128.GreaterThanOrEqual(Vector128.Create(0, 1, 2, 3), Vector128.Create(firstLane)).AsSingle());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Ops Equal(Vector128Ops left, Vector128Ops right) => new(Vector128.Equals(left._value, right._value));

    // SSE and NEON each pick lanes from two registers in one instruction; .NET 8's portable API has no such shuffle.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Ops Evens(Vector128Ops lower, Vector128Ops upper)
    {
        if (Sse.IsSupported)
        {
            return new(Sse.Shuffle(lower._value, upper._value, 0b10_00_10_00));
        }

        return AdvSimd.Arm64.IsSupported
            ? new(AdvSimd.Arm64.UnzipEven(lower._value, upper._value))
            : new(Vector128.Create(lower._value[0], lower._value[2], upper._value[0], upper._value[2]));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Ops Odds(Vector128Ops lower, Vector128Ops upper)
    {
        if (Sse.IsSupported)
        {
            return new(Sse.Shuffle(lower._value, upper._value, 0b11_01_11_01));
        }

        return AdvSimd.Arm64.IsSupported
            ? new(AdvSimd.Arm64.UnzipOdd(lower._value, upper._value))
            : new(Vector128.Create(lower._value[1], lower._value[3], upper._value[1], upper._value[3]));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Ops InterleaveLower(Vector128Ops left, Vector128Ops right)
    {
        if (Sse.IsSupported)
        {
            return new(Sse.UnpackLow(left._value, right._value));
        }

        return AdvSimd.Arm64.IsSupported
            ? new(AdvSimd.Arm64.ZipLow(left._value, right._value))
            : new(Vector128.Create(left._value[0], right._value[0], left._value[1], right._value[1]));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128Ops InterleaveUpper(Vector128Ops left, Vector128Ops right)
    {
        if (Sse.IsSupported)
        {
            return new(Sse.UnpackHigh(left._value, right._value));
        }

        return AdvSimd.Arm64.IsSupported
            ? new(AdvSimd.Arm64.ZipHigh(left._value, right._value))
            : new(Vector128.Create(left._value[2], right._value[2], left._value[3], right._value[3]));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector128Ops value) => Vector128.Sum(value._value);
}
