using System;
using System.Numerics;

namespace StaticNets.Kernels;

/// <summary>
/// Fully-connected layer from its definition, out = W·in + b per example, generic over the float type.
/// Same shapes and meaning as <see cref="FullyConnected"/>.
/// </summary>
internal static class FullyConnectedReference
{
    /// <summary>output is (batch, out); input (batch, in); weight (out, in); bias (out).</summary>
    public static void Forward<T>(Span<T> output, ReadOnlySpan<T> input, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, int batch, int inFeatures, int outFeatures)
        where T : IFloatingPointIeee754<T>
    {
        for (int n = 0; n < batch; n++)
        {
            for (int o = 0; o < outFeatures; o++)
            {
                T sum = bias[o];
                for (int i = 0; i < inFeatures; i++)
                {
                    sum += weight[o * inFeatures + i] * input[n * inFeatures + i];
                }

                output[n * outFeatures + o] = sum;
            }
        }
    }

    /// <summary>dWeight[o, i] = Σ_n dOut[n, o]·in[n, i]; dBias[o] = Σ_n dOut[n, o]; dInput[n, i] = Σ_o dOut[n, o]·W[o, i] (skipped when empty).</summary>
    public static void Backward<T>(Span<T> dInput, Span<T> dWeight, Span<T> dBias, ReadOnlySpan<T> dOutput, ReadOnlySpan<T> input, ReadOnlySpan<T> weight, int batch, int inFeatures, int outFeatures)
        where T : IFloatingPointIeee754<T>
    {
        dInput.Clear();
        dWeight.Clear();
        dBias.Clear();
        for (int n = 0; n < batch; n++)
        {
            for (int o = 0; o < outFeatures; o++)
            {
                T d = dOutput[n * outFeatures + o];
                dBias[o] += d;
                for (int i = 0; i < inFeatures; i++)
                {
                    dWeight[o * inFeatures + i] += d * input[n * inFeatures + i];
                    if (!dInput.IsEmpty)
                    {
                        dInput[n * inFeatures + i] += d * weight[o * inFeatures + i];
                    }
                }
            }
        }
    }
}
