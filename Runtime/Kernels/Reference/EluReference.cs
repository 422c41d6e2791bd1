using System;
using System.Numerics;

namespace StaticNets.Kernels;

/// <summary>ELU from notes §6.1.4, f(x) = x if x &gt; 0 else α(e^x - 1), and its derivative, generic over the float type.</summary>
internal static class EluReference
{
    /// <summary>output[i] = x &gt; 0 ? x : alpha·(e^x - 1).</summary>
    public static void Forward<T>(Span<T> output, ReadOnlySpan<T> input, T alpha)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < input.Length; i++)
        {
            T x = input[i];
            output[i] = x > T.Zero ? x : alpha * ReferenceMath.ExpM1(x);
        }
    }

    /// <summary>f'(x) is 1 for x &gt; 0 and α·e^x = f(x) + α otherwise: dInput[i] = output &gt; 0 ? d : d·(output + alpha).</summary>
    public static void Backward<T>(Span<T> dInput, ReadOnlySpan<T> dOutput, ReadOnlySpan<T> output, T alpha)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < output.Length; i++)
        {
            dInput[i] = output[i] > T.Zero ? dOutput[i] : dOutput[i] * (output[i] + alpha);
        }
    }
}
