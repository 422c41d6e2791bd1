using System;
using System.Numerics;

namespace StaticNets.Kernels;

/// <summary>ReLU from notes §6.1.3, f(x) = max(0, x), and its derivative, generic over the float type.</summary>
internal static class ReluReference
{
    /// <summary>output[i] = max(0, input[i]).</summary>
    public static void Forward<T>(Span<T> output, ReadOnlySpan<T> input)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = input[i] > T.Zero ? input[i] : T.Zero;
        }
    }

    /// <summary>dInput[i] = output[i] &gt; 0 ? dOutput[i] : 0 (the gradient at the kink x = 0 is taken as 0, as PyTorch does).</summary>
    public static void Backward<T>(Span<T> dInput, ReadOnlySpan<T> dOutput, ReadOnlySpan<T> output)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < output.Length; i++)
        {
            dInput[i] = output[i] > T.Zero ? dOutput[i] : T.Zero;
        }
    }
}
