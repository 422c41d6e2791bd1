using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
#if !NET9_0_OR_GREATER
using System.Runtime.Intrinsics.X86;
#endif

namespace StaticNets.Kernels;

/// <summary>Sixteen floats per operation (AVX-256).</summary>
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
    public static Vector256Ops Multiply(Vector256Ops left, Vector256Ops right) => new(left._value * right._value);

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
    public static float Sum(Vector256Ops value) => Vector256.Sum(value._value);
}
