using System;
using System.Numerics;

namespace StaticNets.Kernels;

/// <summary>Sigmoid from notes §6.1.1, σ(x) = 1/(1 + e^(-x)), and its derivative σ(1 - σ), generic over the float type.</summary>
internal static class SigmoidReference
{
    /// <summary>output[i] = 1/(1 + e^(-input[i])).</summary>
    public static void Forward<T>(Span<T> output, ReadOnlySpan<T> input)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = T.One / (T.One + T.Exp(-input[i]));
        }
    }

    /// <summary>dInput[i] = dOutput[i]·s·(1 - s), s = output[i].</summary>
    public static void Backward<T>(Span<T> dInput, ReadOnlySpan<T> dOutput, ReadOnlySpan<T> output)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < output.Length; i++)
        {
            dInput[i] = dOutput[i] * output[i] * (T.One - output[i]);
        }
    }
}
