using System;
using System.Runtime.CompilerServices;

namespace StaticNets.Kernels;

/// <summary>
/// One float per "vector": the portable path, and the tail path the wider kernels fall back to when a row is
/// narrower than one vector. Masks are floats whose bits are all set or all clear, as in a vector lane.
/// </summary>
internal readonly struct ScalarOps : IVector<ScalarOps>
{
    private const int AllBitsSet = -1;

    private readonly float _value;

    private ScalarOps(float value) => _value = value;

    public static int Count => 1;

    public static bool IsHardwareAccelerated => true;

    public static ScalarOps Zero => default;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarOps Broadcast(float value) => new(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarOps Load(ref float source) => new(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Store(ScalarOps value, ref float destination) => destination = value._value;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarOps Add(ScalarOps left, ScalarOps right) => new(left._value + right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarOps Multiply(ScalarOps left, ScalarOps right) => new(left._value * right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarOps MultiplyAdd(ScalarOps left, ScalarOps right, ScalarOps addend)
    {
#if NET9_0_OR_GREATER
        return new(float.MultiplyAddEstimate(left._value, right._value, addend._value));
#else
        // MathF.FusedMultiplyAdd is emulated (slowly) where the CPU lacks FMA; separate ops are fine for a tail path.
        return new(left._value * right._value + addend._value);
#endif
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarOps Max(ScalarOps left, ScalarOps right) => new(MathF.Max(left._value, right._value));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarOps GreaterThan(ScalarOps left, ScalarOps right) =>
        new(BitConverter.Int32BitsToSingle(left._value > right._value ? AllBitsSet : 0));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarOps ConditionalSelect(ScalarOps mask, ScalarOps whenTrue, ScalarOps whenFalse) =>
        BitConverter.SingleToInt32Bits(mask._value) != 0 ? whenTrue : whenFalse;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarOps LanesFrom(int firstLane) =>
        new(BitConverter.Int32BitsToSingle(firstLane <= 0 ? AllBitsSet : 0));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(ScalarOps value) => value._value;
}
