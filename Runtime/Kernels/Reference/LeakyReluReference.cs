using System;
using System.Numerics;

namespace StaticNets.Kernels;

/// <summary>Leaky ReLU from notes §6.1.4, f(x) = max(αx, x), and its derivative, generic over the float type.</summary>
internal static class LeakyReluReference
{
    /// <summary>output[i] = max(alpha·input[i], input[i]).</summary>
    public static void Forward<T>(Span<T> output, ReadOnlySpan<T> input, T alpha)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = T.Max(alpha * input[i], input[i]);
        }
    }

    /// <summary>dInput[i] = output[i] &gt; 0 ? dOutput[i] : alpha·dOutput[i] (slope α wherever x &lt;= 0, as PyTorch).</summary>
    public static void Backward<T>(Span<T> dInput, ReadOnlySpan<T> dOutput, ReadOnlySpan<T> output, T alpha)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < output.Length; i++)
        {
            dInput[i] = output[i] > T.Zero ? dOutput[i] : alpha * dOutput[i];
        }
    }
}
