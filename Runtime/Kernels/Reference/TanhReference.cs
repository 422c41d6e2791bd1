using System;
using System.Numerics;

namespace StaticNets.Kernels;

/// <summary>tanh from notes §6.1.2 and its derivative 1 - tanh², generic over the float type.</summary>
internal static class TanhReference
{
    /// <summary>output[i] = tanh(input[i]).</summary>
    public static void Forward<T>(Span<T> output, ReadOnlySpan<T> input)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = T.Tanh(input[i]);
        }
    }

    /// <summary>dInput[i] = dOutput[i]·(1 - t²), t = output[i].</summary>
    public static void Backward<T>(Span<T> dInput, ReadOnlySpan<T> dOutput, ReadOnlySpan<T> output)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < output.Length; i++)
        {
            dInput[i] = dOutput[i] * (T.One - output[i] * output[i]);
        }
    }
}
