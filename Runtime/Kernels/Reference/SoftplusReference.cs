using System;
using System.Numerics;

namespace StaticNets.Kernels;

/// <summary>Softplus, ln(1 + e^x) (lecture 3), and its derivative σ(x), generic over the float type.</summary>
internal static class SoftplusReference
{
    /// <summary>output[i] = ln(1 + e^x), as x + ln(1 + e^(-x)) for x &gt; 0 so e^x cannot overflow.</summary>
    public static void Forward<T>(Span<T> output, ReadOnlySpan<T> input)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < input.Length; i++)
        {
            T x = input[i];
            output[i] = x > T.Zero ? x + ReferenceMath.LogP1(T.Exp(-x)) : ReferenceMath.LogP1(T.Exp(x));
        }
    }

    /// <summary>σ(x) = 1 - e^(-y) with y = softplus(x) = output[i], i.e. dInput[i] = -dOutput[i]·(e^(-y) - 1).</summary>
    public static void Backward<T>(Span<T> dInput, ReadOnlySpan<T> dOutput, ReadOnlySpan<T> output)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < output.Length; i++)
        {
            dInput[i] = -dOutput[i] * ReferenceMath.ExpM1(-output[i]);
        }
    }
}
