using System;
using System.Numerics;

namespace StaticNets.Kernels;

/// <summary>
/// Inverted dropout with a given mask (values 0 or 1/(1 - p), drawn by <see cref="Dropout"/>), generic over the float
/// type, so a float64 twin of a network can reuse the float network's mask.
/// </summary>
internal static class DropoutReference
{
    /// <summary>output[i] = input[i]·mask[i].</summary>
    public static void Forward<T>(Span<T> output, ReadOnlySpan<T> input, ReadOnlySpan<T> mask)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < input.Length; i++)
        {
            output[i] = input[i] * mask[i];
        }
    }

    /// <summary>dInput[i] = dOutput[i]·mask[i].</summary>
    public static void Backward<T>(Span<T> dInput, ReadOnlySpan<T> dOutput, ReadOnlySpan<T> mask)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < dOutput.Length; i++)
        {
            dInput[i] = dOutput[i] * mask[i];
        }
    }
}
