using System;
using System.Numerics;

namespace StaticNets.Kernels;

/// <summary>
/// Max pooling from notes §5.2 (no padding), generic over the float type. Same shapes and meaning as
/// <see cref="MaxPool2d"/>; the backward routes each output's gradient to the first maximum of its window in
/// row-major order, as PyTorch does.
/// </summary>
internal static class MaxPool2dReference
{
    /// <summary>H' = (H - size)/stride + 1.</summary>
    public static int OutputSize(int inputSize, int size, int stride) => (inputSize - size) / stride + 1;

    /// <summary>output is (batch, channels, outH, outW); input (batch, channels, inH, inW).</summary>
    public static void Forward<T>(Span<T> output, ReadOnlySpan<T> input, int batch, int channels, int inHeight, int inWidth, int size, int stride)
        where T : IFloatingPointIeee754<T>
    {
        int outHeight = OutputSize(inHeight, size, stride);
        int outWidth = OutputSize(inWidth, size, stride);
        for (int plane = 0; plane < batch * channels; plane++)
        {
            for (int y = 0; y < outHeight; y++)
            {
                for (int x = 0; x < outWidth; x++)
                {
                    int first = FirstMaximum(input, plane, inHeight, inWidth, y * stride, x * stride, size);
                    output[(plane * outHeight + y) * outWidth + x] = input[first];
                }
            }
        }
    }

    /// <summary>dInput is (batch, channels, inH, inW), overwritten; overlapping windows add up.</summary>
    public static void Backward<T>(Span<T> dInput, ReadOnlySpan<T> dOutput, ReadOnlySpan<T> input, int batch, int channels, int inHeight, int inWidth, int size, int stride)
        where T : IFloatingPointIeee754<T>
    {
        int outHeight = OutputSize(inHeight, size, stride);
        int outWidth = OutputSize(inWidth, size, stride);
        dInput.Clear();
        for (int plane = 0; plane < batch * channels; plane++)
        {
            for (int y = 0; y < outHeight; y++)
            {
                for (int x = 0; x < outWidth; x++)
                {
                    int first = FirstMaximum(input, plane, inHeight, inWidth, y * stride, x * stride, size);
                    dInput[first] += dOutput[(plane * outHeight + y) * outWidth + x];
                }
            }
        }
    }

    // Index of the window's first largest value in row-major order: a later value must be strictly larger to win.
    private static int FirstMaximum<T>(ReadOnlySpan<T> input, int plane, int inHeight, int inWidth, int top, int left, int size)
        where T : IFloatingPointIeee754<T>
    {
        int best = (plane * inHeight + top) * inWidth + left;
        for (int i = 0; i < size; i++)
        {
            for (int j = 0; j < size; j++)
            {
                int index = (plane * inHeight + top + i) * inWidth + left + j;
                if (input[index] > input[best])
                {
                    best = index;
                }
            }
        }

        return best;
    }
}
