using System;

namespace StaticNets.Kernels;

/// <summary>
/// Max pooling over NCHW batches (notes §5.2): no padding; windows of size × size placed every stride, which may be
/// smaller than the size (overlapping windows). <see cref="MaxPool2dReference"/> is the plain-loop twin.
/// </summary>
/// <remarks>
/// Scalar on purpose: a window's maximum needs either a gather or a cross-lane compress of adjacent lanes, which the
/// portable vector API lacks on .NET 8, and pooling is a few percent of a LeNet-5 step next to the convolutions.
/// </remarks>
public static class MaxPool2d
{
    /// <summary>Forward pass: each output is the largest input of its window.</summary>
    /// <param name="output">(batch, channels, outHeight, outWidth) with <c>outHeight = (inHeight - size)/stride + 1</c>, overwritten.</param>
    /// <param name="input">(batch, channels, inHeight, inWidth).</param>
    /// <param name="batch">Examples in the batch.</param>
    /// <param name="channels">Channels (pooled independently).</param>
    /// <param name="inHeight">Input height.</param>
    /// <param name="inWidth">Input width.</param>
    /// <param name="size">Window height and width.</param>
    /// <param name="stride">Step between windows; must divide <c>inHeight - size</c> and <c>inWidth - size</c>.</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes, or the windows do not tile the input.</exception>
    public static void Forward(Span<float> output, ReadOnlySpan<float> input, int batch, int channels, int inHeight, int inWidth, int size, int stride)
    {
        var g = new PoolGeometry(batch, channels, inHeight, inWidth, size, stride);
        Require.Exactly(output.Length, nameof(output), new Shape("batch*channels*outHeight*outWidth", batch, channels, g.OutHeight, g.OutWidth));
        Require.Exactly(input.Length, nameof(input), new Shape("batch*channels*inHeight*inWidth", batch, channels, inHeight, inWidth));

        int o = 0;
        for (int plane = 0; plane < g.Planes; plane++)
        {
            ReadOnlySpan<float> planeInput = input.Slice(plane * inHeight * inWidth, inHeight * inWidth);
            for (int y = 0; y < g.OutHeight; y++)
            {
                for (int x = 0; x < g.OutWidth; x++)
                {
                    output[o++] = planeInput[FirstMaximum(planeInput, inWidth, y * stride, x * stride, size)];
                }
            }
        }
    }

    /// <summary>
    /// Backward pass for <see cref="Forward"/>: overwrites <paramref name="dInput"/>. Each output's gradient goes to the
    /// first maximum of its window in row-major order (PyTorch's rule); where windows overlap, the gradients add up.
    /// </summary>
    /// <param name="dInput">(batch, channels, inHeight, inWidth), overwritten.</param>
    /// <param name="dOutput">(batch, channels, outHeight, outWidth): gradient of the loss with respect to the output.</param>
    /// <param name="input">(batch, channels, inHeight, inWidth): the forward pass's input.</param>
    /// <param name="output">(batch, channels, outHeight, outWidth): the forward pass's output, used to find each maximum quickly.</param>
    /// <param name="batch">Examples in the batch.</param>
    /// <param name="channels">Channels.</param>
    /// <param name="inHeight">Input height.</param>
    /// <param name="inWidth">Input width.</param>
    /// <param name="size">Window height and width.</param>
    /// <param name="stride">Step between windows.</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes, or the windows do not tile the input.</exception>
    public static void Backward(Span<float> dInput, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> input, ReadOnlySpan<float> output, int batch, int channels, int inHeight, int inWidth, int size, int stride)
    {
        var g = new PoolGeometry(batch, channels, inHeight, inWidth, size, stride);
        var inputShape = new Shape("batch*channels*inHeight*inWidth", batch, channels, inHeight, inWidth);
        var outputShape = new Shape("batch*channels*outHeight*outWidth", batch, channels, g.OutHeight, g.OutWidth);
        Require.Exactly(dInput.Length, nameof(dInput), inputShape);
        Require.Exactly(dOutput.Length, nameof(dOutput), outputShape);
        Require.Exactly(input.Length, nameof(input), inputShape);
        Require.Exactly(output.Length, nameof(output), outputShape);

        dInput.Clear();
        int o = 0;
        for (int plane = 0; plane < g.Planes; plane++)
        {
            ReadOnlySpan<float> planeInput = input.Slice(plane * inHeight * inWidth, inHeight * inWidth);
            Span<float> planeGradient = dInput.Slice(plane * inHeight * inWidth, inHeight * inWidth);
            for (int y = 0; y < g.OutHeight; y++)
            {
                for (int x = 0; x < g.OutWidth; x++, o++)
                {
                    int first = FirstEqual(planeInput, inWidth, y * stride, x * stride, size, output[o]);
                    planeGradient[first] += dOutput[o];
                }
            }
        }
    }

    // Index (within the plane) of the window's first largest value in row-major order.
    private static int FirstMaximum(ReadOnlySpan<float> plane, int width, int top, int left, int size)
    {
        int best = top * width + left;
        float bestValue = plane[best];
        for (int i = 0; i < size; i++)
        {
            ReadOnlySpan<float> row = plane.Slice((top + i) * width + left, size);
            for (int j = 0; j < row.Length; j++)
            {
                if (row[j] > bestValue)
                {
                    bestValue = row[j];
                    best = (top + i) * width + left + j;
                }
            }
        }

        return best;
    }

    // Every value is at most the window's maximum, so the first one equal to it is the first maximum; scanning for it
    // stops early. A NaN maximum equals nothing, so fall back to the full scan the forward pass made.
    private static int FirstEqual(ReadOnlySpan<float> plane, int width, int top, int left, int size, float maximum)
    {
        for (int i = 0; i < size; i++)
        {
            ReadOnlySpan<float> row = plane.Slice((top + i) * width + left, size);
            int j = row.IndexOf(maximum);
            if (j >= 0)
            {
                return (top + i) * width + left + j;
            }
        }

        return FirstMaximum(plane, width, top, left, size);
    }
}
