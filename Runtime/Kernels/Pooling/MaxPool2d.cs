using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNets.Kernels;

/// <summary>
/// Max pooling over NCHW batches (notes §5.2): no padding; windows of size × size placed every stride, which may be
/// smaller than the size (overlapping windows). <see cref="MaxPool2dReference"/> is the plain-loop twin.
/// </summary>
/// <remarks>
/// The common 2×2, stride-2 case is vectorised along each output row: two input rows are loaded, adjacent columns are
/// split with <see cref="IVector{TSelf}.Evens"/>/<see cref="IVector{TSelf}.Odds"/>, and the backward pass writes each
/// window's four gradients back interleaved. Other sizes and strides use plain loops. A window holding NaN gives an
/// unspecified result. Large calls are split by (example, channel) plane across <see cref="KernelThreads.Count"/>
/// threads, which gives the same bits for every count.
/// </remarks>
public static unsafe class MaxPool2d
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
        switch (VectorDispatch.Best)
        {
            case VectorWidth.Bits512: Forward<Vector512Ops>(output, input, batch, channels, inHeight, inWidth, size, stride); break;
            case VectorWidth.Bits256: Forward<Vector256Ops>(output, input, batch, channels, inHeight, inWidth, size, stride); break;
            case VectorWidth.Bits128: Forward<Vector128Ops>(output, input, batch, channels, inHeight, inWidth, size, stride); break;
            default: Forward<ScalarOps>(output, input, batch, channels, inHeight, inWidth, size, stride); break;
        }
    }

    /// <summary>
    /// Backward pass for <see cref="Forward"/>: overwrites <paramref name="dInput"/>. Each output's gradient goes to the
    /// first maximum of its window in row-major order (PyTorch's rule); where windows overlap, the gradients add up.
    /// </summary>
    /// <param name="dInput">(batch, channels, inHeight, inWidth), overwritten.</param>
    /// <param name="dOutput">(batch, channels, outHeight, outWidth): gradient of the loss with respect to the output.</param>
    /// <param name="input">(batch, channels, inHeight, inWidth): the forward pass's input.</param>
    /// <param name="output">(batch, channels, outHeight, outWidth): the forward pass's output; each window's maximum is found by comparing with it.</param>
    /// <param name="batch">Examples in the batch.</param>
    /// <param name="channels">Channels.</param>
    /// <param name="inHeight">Input height.</param>
    /// <param name="inWidth">Input width.</param>
    /// <param name="size">Window height and width.</param>
    /// <param name="stride">Step between windows.</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes, or the windows do not tile the input.</exception>
    public static void Backward(Span<float> dInput, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> input, ReadOnlySpan<float> output, int batch, int channels, int inHeight, int inWidth, int size, int stride)
    {
        switch (VectorDispatch.Best)
        {
            case VectorWidth.Bits512: Backward<Vector512Ops>(dInput, dOutput, input, output, batch, channels, inHeight, inWidth, size, stride); break;
            case VectorWidth.Bits256: Backward<Vector256Ops>(dInput, dOutput, input, output, batch, channels, inHeight, inWidth, size, stride); break;
            case VectorWidth.Bits128: Backward<Vector128Ops>(dInput, dOutput, input, output, batch, channels, inHeight, inWidth, size, stride); break;
            default: Backward<ScalarOps>(dInput, dOutput, input, output, batch, channels, inHeight, inWidth, size, stride); break;
        }
    }

    /// <summary><see cref="Forward"/> at one vector width (tests force each width through here).</summary>
    internal static void Forward<TVector>(Span<float> output, ReadOnlySpan<float> input, int batch, int channels, int inHeight, int inWidth, int size, int stride)
        where TVector : struct, IVector<TVector>
    {
        var g = new PoolGeometry(batch, channels, inHeight, inWidth, size, stride);
        Require.Exactly(output.Length, nameof(output), new ExpectedLength("batch*channels*outHeight*outWidth", batch, channels, g.OutHeight, g.OutWidth));
        Require.Exactly(input.Length, nameof(input), new ExpectedLength("batch*channels*inHeight*inWidth", batch, channels, inHeight, inWidth));

        int parts = Partition.Parts((long)input.Length, Partition.MinFloatsPerPart, g.Planes, KernelThreads.Count);
        fixed (float* outputs = output, inputs = input)
        {
            var state = new State { Output = outputs, Input = inputs, Geometry = g, InHeight = inHeight, InWidth = inWidth, Size = size, Stride = stride, Parts = parts };
            KernelPool.Run(&ForwardPart<TVector>, &state, parts);
        }
    }

    // Planes are pooled independently, so a part is a contiguous range of them.
    private static void ForwardPart<TVector>(void* state, int part)
        where TVector : struct, IVector<TVector>
    {
        ref readonly State s = ref *(State*)state;
        PoolGeometry g = s.Geometry;
        int inHeight = s.InHeight, inWidth = s.InWidth, size = s.Size, stride = s.Stride;
        (int firstPlane, int endPlane) = Partition.Range(g.Planes, s.Parts, part);

        // output is (planes, outH, outW), input (planes, inH, inW).
        ref float outputs = ref *s.Output;
        ref float inputs = ref *s.Input;
        bool pairs = size == 2 && stride == 2;
        for (int plane = firstPlane; plane < endPlane; plane++)
        {
            ref float planeInput = ref Unsafe.Add(ref inputs, (nint)plane * inHeight * inWidth);
            for (int y = 0; y < g.OutHeight; y++)
            {
                ref float outputRow = ref Unsafe.Add(ref outputs, ((nint)plane * g.OutHeight + y) * g.OutWidth);
                ref float top = ref Unsafe.Add(ref planeInput, (nint)y * stride * inWidth);
                if (pairs)
                {
                    PairPooling.RowForward<MaxPairPooling, TVector>(ref outputRow, ref top, ref Unsafe.Add(ref top, inWidth), g.OutWidth);
                    continue;
                }

                for (int x = 0; x < g.OutWidth; x++)
                {
                    ref float window = ref Unsafe.Add(ref top, x * stride);
                    Unsafe.Add(ref outputRow, x) = Unsafe.Add(ref window, FirstMaximum(ref window, inWidth, size));
                }
            }
        }
    }

    /// <summary><see cref="Backward"/> at one vector width (tests force each width through here).</summary>
    internal static void Backward<TVector>(Span<float> dInput, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> input, ReadOnlySpan<float> output, int batch, int channels, int inHeight, int inWidth, int size, int stride)
        where TVector : struct, IVector<TVector>
    {
        var g = new PoolGeometry(batch, channels, inHeight, inWidth, size, stride);
        var inputShape = new ExpectedLength("batch*channels*inHeight*inWidth", batch, channels, inHeight, inWidth);
        var outputShape = new ExpectedLength("batch*channels*outHeight*outWidth", batch, channels, g.OutHeight, g.OutWidth);
        Require.Exactly(dInput.Length, nameof(dInput), inputShape);
        Require.Exactly(dOutput.Length, nameof(dOutput), outputShape);
        Require.Exactly(input.Length, nameof(input), inputShape);
        Require.Exactly(output.Length, nameof(output), outputShape);

        int parts = Partition.Parts((long)input.Length, Partition.MinFloatsPerPart, g.Planes, KernelThreads.Count);
        fixed (float* inputGradients = dInput, outputGradients = dOutput, inputs = input, outputs = output)
        {
            var state = new State
            {
                DInput = inputGradients, DOutput = outputGradients, Input = inputs, Output = outputs,
                Geometry = g, InHeight = inHeight, InWidth = inWidth, Size = size, Stride = stride, Parts = parts,
            };
            KernelPool.Run(&BackwardPart<TVector>, &state, parts);
        }
    }

    // Windows never cross planes, so a part owns a contiguous range of planes of dInput outright.
    private static void BackwardPart<TVector>(void* state, int part)
        where TVector : struct, IVector<TVector>
    {
        ref readonly State s = ref *(State*)state;
        PoolGeometry g = s.Geometry;
        int inHeight = s.InHeight, inWidth = s.InWidth, size = s.Size, stride = s.Stride;
        (int firstPlane, int endPlane) = Partition.Range(g.Planes, s.Parts, part);
        ref float inputGradients = ref *s.DInput;
        ref float outputGradients = ref *s.DOutput;
        ref float inputs = ref *s.Input;
        ref float outputs = ref *s.Output;
        bool pairs = size == 2 && stride == 2;
        if (!pairs)
        {
            // Only 2×2/2 windows cover every input exactly once; elsewhere some inputs get nothing, others several.
            nint planeLength = (nint)inHeight * inWidth;
            MemoryMarshal.CreateSpan(ref Unsafe.Add(ref inputGradients, firstPlane * planeLength), (int)((endPlane - firstPlane) * planeLength)).Clear();
        }

        for (int plane = firstPlane; plane < endPlane; plane++)
        {
            nint planeStart = (nint)plane * inHeight * inWidth;
            for (int y = 0; y < g.OutHeight; y++)
            {
                nint row = ((nint)plane * g.OutHeight + y) * g.OutWidth;
                nint topStart = planeStart + (nint)y * stride * inWidth;
                ref float top = ref Unsafe.Add(ref inputs, topStart);
                ref float topGradient = ref Unsafe.Add(ref inputGradients, topStart);
                if (pairs)
                {
                    PairRowBackward<TVector>(ref topGradient, ref Unsafe.Add(ref topGradient, inWidth), ref Unsafe.Add(ref outputGradients, row),
                        ref top, ref Unsafe.Add(ref top, inWidth), ref Unsafe.Add(ref outputs, row), g.OutWidth);
                    continue;
                }

                for (int x = 0; x < g.OutWidth; x++)
                {
                    ref float window = ref Unsafe.Add(ref top, x * stride);
                    nint first = FirstEqual(ref window, inWidth, size, Unsafe.Add(ref outputs, row + x));
                    Unsafe.Add(ref Unsafe.Add(ref topGradient, x * stride), first) += Unsafe.Add(ref outputGradients, row + x);
                }
            }
        }
    }

    // Gradients for one output row of 2×2/2 pooling, written (not added) to dInput rows `topGradient`, `bottomGradient`.
    private static void PairRowBackward<TVector>(ref float topGradient, ref float bottomGradient, ref float outputGradient, ref float top, ref float bottom, ref float output, int width)
        where TVector : struct, IVector<TVector>
    {
        int x = 0;
        for (; x <= width - TVector.Count; x += TVector.Count)
        {
            PairsBackward<TVector>(ref topGradient, ref bottomGradient, ref outputGradient, ref top, ref bottom, ref output, x);
        }

        if (x < width)
        {
            // Each window writes only its own four inputs, so redoing some windows with an overlapping vector writes the same values.
            if (width >= TVector.Count)
            {
                PairsBackward<TVector>(ref topGradient, ref bottomGradient, ref outputGradient, ref top, ref bottom, ref output, width - TVector.Count);
                return;
            }

            // A row narrower than one vector: step down to the widths below (LeNet-5's rows are 14 and 5 outputs).
            if (TVector.Count > Vector256Ops.Count && width >= Vector256Ops.Count)
            {
                PairRowBackward<Vector256Ops>(ref topGradient, ref bottomGradient, ref outputGradient, ref top, ref bottom, ref output, width);
                return;
            }

            if (TVector.Count > Vector128Ops.Count && width >= Vector128Ops.Count)
            {
                PairRowBackward<Vector128Ops>(ref topGradient, ref bottomGradient, ref outputGradient, ref top, ref bottom, ref output, width);
                return;
            }

            for (; x < width; x++)
            {
                PairsBackward<ScalarOps>(ref topGradient, ref bottomGradient, ref outputGradient, ref top, ref bottom, ref output, x);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void PairsBackward<TVector>(ref float topGradient, ref float bottomGradient, ref float outputGradient, ref float top, ref float bottom, ref float output, int x)
        where TVector : struct, IVector<TVector>
    {
        ref float t = ref Unsafe.Add(ref top, 2 * x);
        ref float b = ref Unsafe.Add(ref bottom, 2 * x);
        TVector t0 = TVector.Load(ref t), t1 = TVector.Load(ref Unsafe.Add(ref t, TVector.Count));
        TVector b0 = TVector.Load(ref b), b1 = TVector.Load(ref Unsafe.Add(ref b, TVector.Count));
        TVector maximum = TVector.Load(ref Unsafe.Add(ref output, x));
        TVector remaining = TVector.Load(ref Unsafe.Add(ref outputGradient, x));

        // Window order is top-left, top-right, bottom-left, bottom-right: the first equal to the maximum takes the
        // whole gradient, and the ones after it get none.
        TVector isFirst = TVector.Equal(TVector.Evens(t0, t1), maximum);
        TVector topLeft = TVector.ConditionalSelect(isFirst, remaining, TVector.Zero);
        remaining = TVector.ConditionalSelect(isFirst, TVector.Zero, remaining);
        isFirst = TVector.Equal(TVector.Odds(t0, t1), maximum);
        TVector topRight = TVector.ConditionalSelect(isFirst, remaining, TVector.Zero);
        remaining = TVector.ConditionalSelect(isFirst, TVector.Zero, remaining);
        isFirst = TVector.Equal(TVector.Evens(b0, b1), maximum);
        TVector bottomLeft = TVector.ConditionalSelect(isFirst, remaining, TVector.Zero);
        TVector bottomRight = TVector.ConditionalSelect(isFirst, TVector.Zero, remaining);

        ref float tg = ref Unsafe.Add(ref topGradient, 2 * x);
        ref float bg = ref Unsafe.Add(ref bottomGradient, 2 * x);
        TVector.Store(TVector.InterleaveLower(topLeft, topRight), ref tg);
        TVector.Store(TVector.InterleaveUpper(topLeft, topRight), ref Unsafe.Add(ref tg, TVector.Count));
        TVector.Store(TVector.InterleaveLower(bottomLeft, bottomRight), ref bg);
        TVector.Store(TVector.InterleaveUpper(bottomLeft, bottomRight), ref Unsafe.Add(ref bg, TVector.Count));
    }

    // Offset (from the window's top-left, rows `width` apart) of the window's first largest value in row-major order.
    private static nint FirstMaximum(ref float window, int width, int size)
    {
        nint best = 0;
        float bestValue = window;
        for (int i = 0; i < size; i++)
        {
            nint rowStart = (nint)i * width;
            for (int j = 0; j < size; j++)
            {
                float value = Unsafe.Add(ref window, rowStart + j);
                if (value > bestValue)
                {
                    bestValue = value;
                    best = rowStart + j;
                }
            }
        }

        return best;
    }

    // Every value is at most the window's maximum, so the first one equal to it is the first maximum, and the scan can
    // stop there. A NaN maximum equals nothing; fall back to the scan the forward pass made.
    private static nint FirstEqual(ref float window, int width, int size, float maximum)
    {
        for (int i = 0; i < size; i++)
        {
            nint rowStart = (nint)i * width;
            for (int j = 0; j < size; j++)
            {
                if (Unsafe.Add(ref window, rowStart + j) == maximum)
                {
                    return rowStart + j;
                }
            }
        }

        return FirstMaximum(ref window, width, size);
    }

    // What the parts of one call share: the caller's pinned spans and the shape, on the caller's stack, which
    // KernelPool.Run keeps alive until every part has finished.
    private struct State
    {
        public float* Output, Input, DInput, DOutput;
        public PoolGeometry Geometry;
        public int InHeight, InWidth, Size, Stride, Parts;
    }
}
