using System;
using System.Numerics;

namespace StaticNets.Kernels;

/// <summary>
/// Parametric ReLU (notes §6.1.4: leaky ReLU with a trainable slope), one slope per channel, generic over the float
/// type. Same shapes and meaning as <see cref="Prelu"/>: input is (batch, channels, spatial).
/// </summary>
internal static class PreluReference
{
    /// <summary>output[n, c, s] = x &gt; 0 ? x : slopes[c]·x.</summary>
    public static void Forward<T>(Span<T> output, ReadOnlySpan<T> input, ReadOnlySpan<T> slopes, int batch, int channels, int spatial)
        where T : IFloatingPointIeee754<T>
    {
        for (int n = 0; n < batch; n++)
        {
            for (int c = 0; c < channels; c++)
            {
                for (int s = 0; s < spatial; s++)
                {
                    int i = (n * channels + c) * spatial + s;
                    output[i] = input[i] > T.Zero ? input[i] : slopes[c] * input[i];
                }
            }
        }
    }

    /// <summary>dInput = x &gt; 0 ? d : slope·d; dSlopes[c] = Σ over the batch and positions where x &lt;= 0 of d·x (overwritten).</summary>
    public static void Backward<T>(Span<T> dInput, Span<T> dSlopes, ReadOnlySpan<T> dOutput, ReadOnlySpan<T> input, ReadOnlySpan<T> slopes, int batch, int channels, int spatial)
        where T : IFloatingPointIeee754<T>
    {
        dSlopes.Clear();
        for (int n = 0; n < batch; n++)
        {
            for (int c = 0; c < channels; c++)
            {
                for (int s = 0; s < spatial; s++)
                {
                    int i = (n * channels + c) * spatial + s;
                    T d = dOutput[i];
                    if (input[i] > T.Zero)
                    {
                        dInput[i] = d;
                    }
                    else
                    {
                        dSlopes[c] += d * input[i];
                        dInput[i] = slopes[c] * d;
                    }
                }
            }
        }
    }
}
