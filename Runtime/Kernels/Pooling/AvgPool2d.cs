using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNets.Kernels;

/// <summary>
/// Average pooling over NCHW batches (notes §5.2, with f the average): no padding; windows of size × size placed every
/// stride, which may be smaller than the size (overlapping windows). <see cref="AvgPool2dReference"/> is the plain-loop twin.
/// </summary>
/// <remarks>
/// As in <see cref="MaxPool2d"/>, the common 2×2, stride-2 case is vectorised along each output row: adjacent columns
/// of two input rows are split with <see cref="IVector{TSelf}.Evens"/>/<see cref="IVector{TSelf}.Odds"/> and summed,
/// and the backward pass writes each window's quarter-gradient back interleaved. Other sizes and strides use plain loops.
/// </remarks>
public static class AvgPool2d
{
    /// <summary>Forward pass: each output is the mean of its window's size² inputs.</summary>
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
        switch (VectorDispatch.Best)
        {
            case VectorWidth.Bits512: Forward<Vector512Ops>(output, input, batch, channels, inHeight, inWidth, size, stride); break;
            case VectorWidth.Bits256: Forward<Vector256Ops>(output, input, batch, channels, inHeight, inWidth, size, stride); break;
            case VectorWidth.Bits128: Forward<Vector128Ops>(output, input, batch, channels, inHeight, inWidth, size, stride); break;
            default: Forward<ScalarOps>(output, input, batch, channels, inHeight, inWidth, size, stride); break;
        }
    }

    /// <summary>
    /// Backward pass for <see cref="Forward"/>: overwrites <paramref name="dInput"/>. Every input of a window gets the
    /// window's gradient divided by size²; where windows overlap, the shares add up.
    /// </summary>
    /// <param name="dInput">(batch, channels, inHeight, inWidth), overwritten.</param>
    /// <param name="dOutput">(batch, channels, outHeight, outWidth): gradient of the loss with respect to the output.</param>
    /// <param name="batch">Examples in the batch.</param>
    /// <param name="channels">Channels.</param>
    /// <param name="inHeight">Input height.</param>
    /// <param name="inWidth">Input width.</param>
    /// <param name="size">Window height and width.</param>
    /// <param name="stride">Step between windows.</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes, or the windows do not tile the input.</exception>
    public static void Backward(Span<float> dInput, ReadOnlySpan<float> dOutput, int batch, int channels, int inHeight, int inWidth, int size, int stride)
    {
        switch (VectorDispatch.Best)
        {
            case VectorWidth.Bits512: Backward<Vector512Ops>(dInput, dOutput, batch, channels, inHeight, inWidth, size, stride); break;
            case VectorWidth.Bits256: Backward<Vector256Ops>(dInput, dOutput, batch, channels, inHeight, inWidth, size, stride); break;
            case VectorWidth.Bits128: Backward<Vector128Ops>(dInput, dOutput, batch, channels, inHeight, inWidth, size, stride); break;
            default: Backward<ScalarOps>(dInput, dOutput, batch, channels, inHeight, inWidth, size, stride); break;
        }
    }

    /// <summary><see cref="Forward"/> at one vector width (tests force each width through here).</summary>
    internal static void Forward<TVector>(Span<float> output, ReadOnlySpan<float> input, int batch, int channels, int inHeight, int inWidth, int size, int stride)
        where TVector : struct, IVector<TVector>
    {
        var g = new PoolGeometry(batch, channels, inHeight, inWidth, size, stride);
        Require.Exactly(output.Length, nameof(output), new ExpectedLength("batch*channels*outHeight*outWidth", batch, channels, g.OutHeight, g.OutWidth));
        Require.Exactly(input.Length, nameof(input), new ExpectedLength("batch*channels*inHeight*inWidth", batch, channels, inHeight, inWidth));

        // output is (planes, outH, outW), input (planes, inH, inW).
        ref float outputs = ref MemoryMarshal.GetReference(output);
        ref float inputs = ref MemoryMarshal.GetReference(input);
        bool pairs = size == 2 && stride == 2;
        float inverseArea = 1f / (size * size);
        for (int plane = 0; plane < g.Planes; plane++)
        {
            ref float planeInput = ref Unsafe.Add(ref inputs, (nint)plane * inHeight * inWidth);
            for (int y = 0; y < g.OutHeight; y++)
            {
                ref float outputRow = ref Unsafe.Add(ref outputs, ((nint)plane * g.OutHeight + y) * g.OutWidth);
                ref float top = ref Unsafe.Add(ref planeInput, (nint)y * stride * inWidth);
                if (pairs)
                {
                    PairPooling.RowForward<AveragePairPooling, TVector>(ref outputRow, ref top, ref Unsafe.Add(ref top, inWidth), g.OutWidth);
                    continue;
                }

                for (int x = 0; x < g.OutWidth; x++)
                {
                    Unsafe.Add(ref outputRow, x) = WindowSum(ref Unsafe.Add(ref top, x * stride), inWidth, size) * inverseArea;
                }
            }
        }
    }

    /// <summary><see cref="Backward"/> at one vector width (tests force each width through here).</summary>
    internal static void Backward<TVector>(Span<float> dInput, ReadOnlySpan<float> dOutput, int batch, int channels, int inHeight, int inWidth, int size, int stride)
        where TVector : struct, IVector<TVector>
    {
        var g = new PoolGeometry(batch, channels, inHeight, inWidth, size, stride);
        Require.Exactly(dInput.Length, nameof(dInput), new ExpectedLength("batch*channels*inHeight*inWidth", batch, channels, inHeight, inWidth));
        Require.Exactly(dOutput.Length, nameof(dOutput), new ExpectedLength("batch*channels*outHeight*outWidth", batch, channels, g.OutHeight, g.OutWidth));

        ref float inputGradients = ref MemoryMarshal.GetReference(dInput);
        ref float outputGradients = ref MemoryMarshal.GetReference(dOutput);
        bool pairs = size == 2 && stride == 2;
        if (!pairs)
        {
            // Only 2×2/2 windows cover every input exactly once; elsewhere some inputs get nothing, others several shares.
            dInput.Clear();
        }

        float inverseArea = 1f / (size * size);
        for (int plane = 0; plane < g.Planes; plane++)
        {
            nint planeStart = (nint)plane * inHeight * inWidth;
            for (int y = 0; y < g.OutHeight; y++)
            {
                ref float outputGradientRow = ref Unsafe.Add(ref outputGradients, ((nint)plane * g.OutHeight + y) * g.OutWidth);
                ref float topGradient = ref Unsafe.Add(ref inputGradients, planeStart + (nint)y * stride * inWidth);
                if (pairs)
                {
                    PairRowBackward<TVector>(ref topGradient, ref Unsafe.Add(ref topGradient, inWidth), ref outputGradientRow, g.OutWidth);
                    continue;
                }

                for (int x = 0; x < g.OutWidth; x++)
                {
                    AddToWindow(ref Unsafe.Add(ref topGradient, x * stride), inWidth, size, Unsafe.Add(ref outputGradientRow, x) * inverseArea);
                }
            }
        }
    }

    // Gradients for one output row of 2×2/2 pooling, written (not added) to dInput rows `topGradient`, `bottomGradient`.
    private static void PairRowBackward<TVector>(ref float topGradient, ref float bottomGradient, ref float outputGradient, int width)
        where TVector : struct, IVector<TVector>
    {
        int x = 0;
        for (; x <= width - TVector.Count; x += TVector.Count)
        {
            PairsBackward<TVector>(ref topGradient, ref bottomGradient, ref outputGradient, x);
        }

        if (x < width)
        {
            // Each window writes only its own four inputs, so redoing some windows with an overlapping vector writes the same values.
            if (width >= TVector.Count)
            {
                PairsBackward<TVector>(ref topGradient, ref bottomGradient, ref outputGradient, width - TVector.Count);
                return;
            }

            if (TVector.Count > Vector256Ops.Count && width >= Vector256Ops.Count)
            {
                PairRowBackward<Vector256Ops>(ref topGradient, ref bottomGradient, ref outputGradient, width);
                return;
            }

            if (TVector.Count > Vector128Ops.Count && width >= Vector128Ops.Count)
            {
                PairRowBackward<Vector128Ops>(ref topGradient, ref bottomGradient, ref outputGradient, width);
                return;
            }

            for (; x < width; x++)
            {
                PairsBackward<ScalarOps>(ref topGradient, ref bottomGradient, ref outputGradient, x);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PairsBackward<TVector>(ref float topGradient, ref float bottomGradient, ref float outputGradient, int x)
        where TVector : struct, IVector<TVector>
    {
        TVector share = TVector.Multiply(TVector.Load(ref Unsafe.Add(ref outputGradient, x)), TVector.Broadcast(0.25f));
        TVector lower = TVector.InterleaveLower(share, share), upper = TVector.InterleaveUpper(share, share);
        ref float tg = ref Unsafe.Add(ref topGradient, 2 * x);
        ref float bg = ref Unsafe.Add(ref bottomGradient, 2 * x);
        TVector.Store(lower, ref tg);
        TVector.Store(upper, ref Unsafe.Add(ref tg, TVector.Count));
        TVector.Store(lower, ref bg);
        TVector.Store(upper, ref Unsafe.Add(ref bg, TVector.Count));
    }

    // Sum of the size × size window at `window` (rows `width` apart), in row-major order.
    private static float WindowSum(ref float window, int width, int size)
    {
        float sum = 0;
        for (int i = 0; i < size; i++)
        {
            ref float row = ref Unsafe.Add(ref window, (nint)i * width);
            for (int j = 0; j < size; j++)
            {
                sum += Unsafe.Add(ref row, j);
            }
        }

        return sum;
    }

    private static void AddToWindow(ref float window, int width, int size, float share)
    {
        for (int i = 0; i < size; i++)
        {
            ref float row = ref Unsafe.Add(ref window, (nint)i * width);
            for (int j = 0; j < size; j++)
            {
                Unsafe.Add(ref row, j) += share;
            }
        }
    }
}
