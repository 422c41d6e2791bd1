using System;
using System.Numerics;

namespace StaticNets.Kernels;

/// <summary>
/// Average pooling from notes §5.2 (f = the average; no padding), generic over the float type. Same shapes and
/// meaning as <see cref="AvgPool2d"/>.
/// </summary>
internal static class AvgPool2dReference
{
    /// <summary>output is (batch, channels, outH, outW): each window's sum divided by size².</summary>
    public static void Forward<T>(Span<T> output, ReadOnlySpan<T> input, int batch, int channels, int inHeight, int inWidth, int size, int stride)
        where T : IFloatingPointIeee754<T>
    {
        int outHeight = MaxPool2dReference.OutputSize(inHeight, size, stride);
        int outWidth = MaxPool2dReference.OutputSize(inWidth, size, stride);
        T area = T.CreateChecked(size * size);
        for (int plane = 0; plane < batch * channels; plane++)
        {
            for (int y = 0; y < outHeight; y++)
            {
                for (int x = 0; x < outWidth; x++)
                {
                    T sum = T.Zero;
                    for (int i = 0; i < size; i++)
                    {
                        for (int j = 0; j < size; j++)
                        {
                            sum += input[(plane * inHeight + y * stride + i) * inWidth + x * stride + j];
                        }
                    }

                    output[(plane * outHeight + y) * outWidth + x] = sum / area;
                }
            }
        }
    }

    /// <summary>dInput is (batch, channels, inH, inW), overwritten: every input of a window gets dOutput/size²; overlapping windows add up.</summary>
    public static void Backward<T>(Span<T> dInput, ReadOnlySpan<T> dOutput, int batch, int channels, int inHeight, int inWidth, int size, int stride)
        where T : IFloatingPointIeee754<T>
    {
        int outHeight = MaxPool2dReference.OutputSize(inHeight, size, stride);
        int outWidth = MaxPool2dReference.OutputSize(inWidth, size, stride);
        T area = T.CreateChecked(size * size);
        dInput.Clear();
        for (int plane = 0; plane < batch * channels; plane++)
        {
            for (int y = 0; y < outHeight; y++)
            {
                for (int x = 0; x < outWidth; x++)
                {
                    T share = dOutput[(plane * outHeight + y) * outWidth + x] / area;
                    for (int i = 0; i < size; i++)
                    {
                        for (int j = 0; j < size; j++)
                        {
                            dInput[(plane * inHeight + y * stride + i) * inWidth + x * stride + j] += share;
                        }
                    }
                }
            }
        }
    }
}
