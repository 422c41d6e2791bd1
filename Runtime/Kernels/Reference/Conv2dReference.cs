using System;
using System.Numerics;

namespace StaticNets.Kernels;

/// <summary>
/// Convolution written straight from notes §5.1, one output (or one gradient term) at a time, generic over the float
/// type so tests can run it in float64. Same shapes and meaning as <see cref="Conv2d"/>; no workspace, no validation.
/// </summary>
internal static class Conv2dReference
{
    /// <summary>H2 = (H1 + 2P - F)/S + 1.</summary>
    public static int OutputSize(int inputSize, int kernelSize, int stride, int padding) => (inputSize + 2 * padding - kernelSize) / stride + 1;

    /// <summary>output is (batch, outC, outH, outW); input (batch, inC, inH, inW); weight (outC, inC, k, k); bias (outC).</summary>
    public static void Forward<T>(Span<T> output, ReadOnlySpan<T> input, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias,
        int batch, int inChannels, int inHeight, int inWidth, int outChannels, int kernelSize, int stride, int padding)
        where T : IFloatingPointIeee754<T>
    {
        int outHeight = OutputSize(inHeight, kernelSize, stride, padding);
        int outWidth = OutputSize(inWidth, kernelSize, stride, padding);
        for (int n = 0; n < batch; n++)
        {
            for (int o = 0; o < outChannels; o++)
            {
                for (int y = 0; y < outHeight; y++)
                {
                    for (int x = 0; x < outWidth; x++)
                    {
                        T sum = bias[o];
                        for (int c = 0; c < inChannels; c++)
                        {
                            for (int i = 0; i < kernelSize; i++)
                            {
                                for (int j = 0; j < kernelSize; j++)
                                {
                                    int iy = y * stride + i - padding;
                                    int ix = x * stride + j - padding;
                                    if (iy >= 0 && iy < inHeight && ix >= 0 && ix < inWidth)
                                    {
                                        sum += weight[((o * inChannels + c) * kernelSize + i) * kernelSize + j] * input[((n * inChannels + c) * inHeight + iy) * inWidth + ix];
                                    }
                                }
                            }
                        }

                        output[((n * outChannels + o) * outHeight + y) * outWidth + x] = sum;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Chain rule through <see cref="Forward{T}"/>: each output term w·x sends dOut·x to w and dOut·w to x; the bias
    /// gets dOut. dWeight and dBias are sums over the batch; dInput is skipped when empty.
    /// </summary>
    public static void Backward<T>(Span<T> dInput, Span<T> dWeight, Span<T> dBias, ReadOnlySpan<T> dOutput, ReadOnlySpan<T> input, ReadOnlySpan<T> weight,
        int batch, int inChannels, int inHeight, int inWidth, int outChannels, int kernelSize, int stride, int padding)
        where T : IFloatingPointIeee754<T>
    {
        int outHeight = OutputSize(inHeight, kernelSize, stride, padding);
        int outWidth = OutputSize(inWidth, kernelSize, stride, padding);
        dInput.Clear();
        dWeight.Clear();
        dBias.Clear();
        for (int n = 0; n < batch; n++)
        {
            for (int o = 0; o < outChannels; o++)
            {
                for (int y = 0; y < outHeight; y++)
                {
                    for (int x = 0; x < outWidth; x++)
                    {
                        T d = dOutput[((n * outChannels + o) * outHeight + y) * outWidth + x];
                        dBias[o] += d;
                        for (int c = 0; c < inChannels; c++)
                        {
                            for (int i = 0; i < kernelSize; i++)
                            {
                                for (int j = 0; j < kernelSize; j++)
                                {
                                    int iy = y * stride + i - padding;
                                    int ix = x * stride + j - padding;
                                    if (iy >= 0 && iy < inHeight && ix >= 0 && ix < inWidth)
                                    {
                                        int w = ((o * inChannels + c) * kernelSize + i) * kernelSize + j;
                                        int v = ((n * inChannels + c) * inHeight + iy) * inWidth + ix;
                                        dWeight[w] += d * input[v];
                                        if (!dInput.IsEmpty)
                                        {
                                            dInput[v] += d * weight[w];
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
