using System;
using System.Runtime.CompilerServices;

namespace StaticNets.Kernels;

/// <summary>
/// One float per "vector": the portable path, and the tail path the wider kernels fall back to when a row is
/// narrower than one vector. Masks are floats whose bits are all set or all clear, as in a vector lane.
/// </summary>
internal readonly struct ScalarOps : IVector<ScalarOps>
{
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
    public static ScalarOps Subtract(ScalarOps left, ScalarOps right) => new(left._value - right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarOps Multiply(ScalarOps left, ScalarOps right) => new(left._value * right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarOps Divide(ScalarOps left, ScalarOps right) => new(left._value / right._value);

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
    public static ScalarOps Min(ScalarOps left, ScalarOps right) => new(MathF.Min(left._value, right._value));

    // Masks and selects are bit operations rather than branches: on data-dependent conditions (ReLU signs, which
    // input of a pooling window is largest) a branch mispredicts about half the time.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarOps GreaterThan(ScalarOps left, ScalarOps right) => FromCondition(left._value > right._value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarOps ConditionalSelect(ScalarOps mask, ScalarOps whenTrue, ScalarOps whenFalse)
    {
        int bits = BitConverter.SingleToInt32Bits(mask._value);
        return new(BitConverter.Int32BitsToSingle(
            (bits & BitConverter.SingleToInt32Bits(whenTrue._value)) | (~bits & BitConverter.SingleToInt32Bits(whenFalse._value))));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarOps LanesFrom(int firstLane) => FromCondition(firstLane <= 0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarOps Equal(ScalarOps left, ScalarOps right) => FromCondition(left._value == right._value);

    // With one lane, "lower followed by upper" is just the pair (lower, upper): evens are lower, odds are upper,
    // and interleaving gives left then right, so pair-wise kernels run unchanged one float at a time.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarOps Evens(ScalarOps lower, ScalarOps upper) => lower;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarOps Odds(ScalarOps lower, ScalarOps upper) => upper;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarOps InterleaveLower(ScalarOps left, ScalarOps right) => left;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarOps InterleaveUpper(ScalarOps left, ScalarOps right) => right;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(ScalarOps value) => value._value;

    // true → all bits set (-1), false → 0, via setcc and negate instead of a branch.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ScalarOps FromCondition(bool condition) => new(BitConverter.Int32BitsToSingle(-Unsafe.BitCast<bool, byte>(condition)));
}
