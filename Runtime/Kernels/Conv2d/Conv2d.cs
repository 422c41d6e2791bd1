using System;
using System.Numerics.Tensors;

namespace StaticNets.Kernels;

/// <summary>
/// 2-D convolution over NCHW batches (notes §5.1), PyTorch layout: weight is (outChannels, inChannels, k, k), bias is
/// (outChannels). Each example is lowered to a matrix product: im2col gathers its (inC*k*k, outH*outW) column matrix
/// into the workspace, then one register-blocked SGEMM multiplies the (outC, inC*k*k) weight by it.
/// <see cref="Conv2dReference"/> is the plain-loop twin.
/// </summary>
/// <remarks>
/// Large batches are split into contiguous ranges of examples across <see cref="KernelThreads.Count"/> threads; the
/// caller's range uses the workspace, the others a column matrix each worker keeps. A forward pass on fewer examples
/// than threads splits each example's output channels instead. In the backward pass each range
/// sums its own weight and bias gradients, and the sums are added in range order, so a given count always gives the
/// same bits; the output and the input gradient are the same for every count.
/// </remarks>
public static unsafe class Conv2d
{
    /// <summary>
    /// Floats of scratch <see cref="Forward"/> and <see cref="Backward"/> need for these shapes: one example's column
    /// matrix, <c>inChannels*kernelSize*kernelSize*outHeight*outWidth</c>. Backward reuses the same floats for the column
    /// gradient once the weight gradient has consumed the columns, so it needs no more than Forward. When a call is split
    /// across threads, only the caller's share uses it; the other threads bring their own.
    /// </summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="kernelSize">Filter height and width.</param>
    /// <param name="outHeight">Output height, <c>(inHeight + 2*padding - kernelSize)/stride + 1</c>.</param>
    /// <param name="outWidth">Output width, <c>(inWidth + 2*padding - kernelSize)/stride + 1</c>.</param>
    /// <returns>The minimum workspace length in floats.</returns>
    public static int WorkspaceLength(int inChannels, int kernelSize, int outHeight, int outWidth)
    {
        Require.Positive(inChannels);
        Require.Positive(kernelSize);
        Require.Positive(outHeight);
        Require.Positive(outWidth);
        return WorkspaceShape(inChannels, kernelSize, outHeight, outWidth).Product;
    }

    /// <summary>Forward pass: <c>output[n, o, y, x] = bias[o] + Σ weight[o, c, i, j] · input[n, c, y*stride + i - padding, x*stride + j - padding]</c>, zero outside the input.</summary>
    /// <param name="output">(batch, outChannels, outHeight, outWidth), overwritten.</param>
    /// <param name="input">(batch, inChannels, inHeight, inWidth).</param>
    /// <param name="weight">(outChannels, inChannels, kernelSize, kernelSize).</param>
    /// <param name="bias">(outChannels).</param>
    /// <param name="workspace">At least <see cref="WorkspaceLength"/> floats of scratch; its contents are overwritten.</param>
    /// <param name="batch">Examples in the batch.</param>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="inHeight">Input height.</param>
    /// <param name="inWidth">Input width.</param>
    /// <param name="outChannels">Filters, i.e. output channels.</param>
    /// <param name="kernelSize">Filter height and width.</param>
    /// <param name="stride">Step between filter positions; must divide <c>inHeight + 2*padding - kernelSize</c> (and the same for the width).</param>
    /// <param name="padding">Zeros added on each side of the height and width.</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes, or the shapes do not tile.</exception>
    public static void Forward(Span<float> output, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> workspace,
        int batch, int inChannels, int inHeight, int inWidth, int outChannels, int kernelSize, int stride, int padding)
    {
        switch (VectorDispatch.Best)
        {
            case VectorWidth.Bits512: Forward<Vector512Ops>(output, input, weight, bias, workspace, batch, inChannels, inHeight, inWidth, outChannels, kernelSize, stride, padding); break;
            case VectorWidth.Bits256: Forward<Vector256Ops>(output, input, weight, bias, workspace, batch, inChannels, inHeight, inWidth, outChannels, kernelSize, stride, padding); break;
            case VectorWidth.Bits128: Forward<Vector128Ops>(output, input, weight, bias, workspace, batch, inChannels, inHeight, inWidth, outChannels, kernelSize, stride, padding); break;
            default: Forward<ScalarOps>(output, input, weight, bias, workspace, batch, inChannels, inHeight, inWidth, outChannels, kernelSize, stride, padding); break;
        }
    }

    /// <summary>
    /// Backward pass for <see cref="Forward"/>: overwrites <paramref name="dWeight"/> and <paramref name="dBias"/> with
    /// their gradients summed over the batch, and <paramref name="dInput"/> with the input gradient unless it is empty
    /// (the first layer needs none).
    /// </summary>
    /// <param name="dInput">(batch, inChannels, inHeight, inWidth), overwritten; or empty to skip the input gradient.</param>
    /// <param name="dWeight">(outChannels, inChannels, kernelSize, kernelSize), overwritten.</param>
    /// <param name="dBias">(outChannels), overwritten.</param>
    /// <param name="dOutput">(batch, outChannels, outHeight, outWidth): gradient of the loss with respect to the output.</param>
    /// <param name="input">(batch, inChannels, inHeight, inWidth): the forward pass's input.</param>
    /// <param name="weight">(outChannels, inChannels, kernelSize, kernelSize).</param>
    /// <param name="workspace">At least <see cref="WorkspaceLength"/> floats of scratch; its contents are overwritten.</param>
    /// <param name="batch">Examples in the batch.</param>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="inHeight">Input height.</param>
    /// <param name="inWidth">Input width.</param>
    /// <param name="outChannels">Filters, i.e. output channels.</param>
    /// <param name="kernelSize">Filter height and width.</param>
    /// <param name="stride">Step between filter positions.</param>
    /// <param name="padding">Zeros added on each side of the height and width.</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes, or the shapes do not tile.</exception>
    public static void Backward(Span<float> dInput, Span<float> dWeight, Span<float> dBias, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, Span<float> workspace,
        int batch, int inChannels, int inHeight, int inWidth, int outChannels, int kernelSize, int stride, int padding)
    {
        switch (VectorDispatch.Best)
        {
            case VectorWidth.Bits512: Backward<Vector512Ops>(dInput, dWeight, dBias, dOutput, input, weight, workspace, batch, inChannels, inHeight, inWidth, outChannels, kernelSize, stride, padding); break;
            case VectorWidth.Bits256: Backward<Vector256Ops>(dInput, dWeight, dBias, dOutput, input, weight, workspace, batch, inChannels, inHeight, inWidth, outChannels, kernelSize, stride, padding); break;
            case VectorWidth.Bits128: Backward<Vector128Ops>(dInput, dWeight, dBias, dOutput, input, weight, workspace, batch, inChannels, inHeight, inWidth, outChannels, kernelSize, stride, padding); break;
            default: Backward<ScalarOps>(dInput, dWeight, dBias, dOutput, input, weight, workspace, batch, inChannels, inHeight, inWidth, outChannels, kernelSize, stride, padding); break;
        }
    }

    /// <summary><see cref="Forward"/> at one vector width (tests force each width through here).</summary>
    internal static void Forward<TVector>(Span<float> output, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> workspace,
        int batch, int inChannels, int inHeight, int inWidth, int outChannels, int kernelSize, int stride, int padding)
        where TVector : struct, IVector<TVector>
    {
        Require.Positive(batch);
        var g = new ConvGeometry(inChannels, inHeight, inWidth, outChannels, kernelSize, stride, padding);
        Require.Exactly(output.Length, nameof(output), new ExpectedLength("batch*outChannels*outHeight*outWidth", batch, outChannels, g.OutHeight, g.OutWidth));
        Require.Exactly(input.Length, nameof(input), new ExpectedLength("batch*inChannels*inHeight*inWidth", batch, inChannels, inHeight, inWidth));
        Require.Exactly(weight.Length, nameof(weight), new ExpectedLength("outChannels*inChannels*k*k", outChannels, inChannels, kernelSize, kernelSize));
        Require.Exactly(bias.Length, nameof(bias), new ExpectedLength("outChannels", outChannels));
        Require.AtLeast(workspace.Length, nameof(workspace), WorkspaceShape(inChannels, kernelSize, g.OutHeight, g.OutWidth));

        int threads = KernelThreads.Count;
        long exampleMultiplyAdds = (long)outChannels * g.Positions * g.ColumnRows;
        int parts = Partition.Parts(batch * exampleMultiplyAdds, Partition.MinMultiplyAddsPerPart, batch, threads);

        // Too few examples to occupy every thread (inference on one image): split each example's output channels instead.
        int channelParts = batch < threads ? Partition.Parts(exampleMultiplyAdds, Partition.MinMultiplyAddsPerPart, outChannels, threads) : 1;
        if (channelParts > parts)
        {
            ForwardByChannels<TVector>(output, input, weight, bias, workspace, g, batch, channelParts);
            return;
        }

        if (parts == 1)
        {
            ForwardExamples<TVector>(output, input, weight, bias, workspace, g, 0, batch);
            return;
        }

        fixed (float* outputs = output, inputs = input, weights = weight, biases = bias, columns = workspace)
        {
            var state = new ForwardState
            {
                Output = outputs, Input = inputs, Weight = weights, Bias = biases, Workspace = columns,
                Geometry = g, Batch = batch, Parts = parts,
            };
            KernelPool.Run(&ForwardPart<TVector>, &state, parts);
        }
    }

    // Each example in turn: the caller gathers its columns, then the parts multiply them by their own rows of the weight.
    private static void ForwardByChannels<TVector>(Span<float> output, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> workspace,
        in ConvGeometry g, int batch, int parts)
        where TVector : struct, IVector<TVector>
    {
        Span<float> columns = workspace[..(g.ColumnRows * g.Positions)];
        fixed (float* outputs = output, inputs = input, weights = weight, biases = bias, gathered = columns)
        {
            var state = new ForwardState { Weight = weights, Bias = biases, Geometry = g, Parts = parts };
            for (int n = 0; n < batch; n++)
            {
                state.Output = outputs + (nint)n * g.OutputLength;
                state.Input = inputs + (nint)n * g.InputLength;
                if (!g.ColumnsAreInput)
                {
                    Im2Col.Gather<TVector>(columns, input.Slice(n * g.InputLength, g.InputLength), g);
                    state.Input = gathered;
                }

                KernelPool.Run(&ChannelsPart<TVector>, &state, parts);
            }
        }
    }

    // Output channels [o0, o1) of one example: rows of the output and of the weight, against all of its columns (in Input).
    private static void ChannelsPart<TVector>(void* state, int part)
        where TVector : struct, IVector<TVector>
    {
        ref readonly ForwardState s = ref *(ForwardState*)state;
        ConvGeometry g = s.Geometry;
        (int o0, int o1) = Partition.Range(g.OutChannels, s.Parts, part);
        var result = new Span<float>(s.Output + (nint)o0 * g.Positions, (o1 - o0) * g.Positions);
        for (int o = o0; o < o1; o++)
        {
            result.Slice((o - o0) * g.Positions, g.Positions).Fill(s.Bias[o]);
        }

        Gemm.Multiply<TVector>(result, new ReadOnlySpan<float>(s.Weight + (nint)o0 * g.ColumnRows, (o1 - o0) * g.ColumnRows),
            new ReadOnlySpan<float>(s.Input, g.ColumnRows * g.Positions), o1 - o0, g.Positions, g.ColumnRows, accumulate: true);
    }

    // One part of a parallel forward pass: a contiguous range of examples, with its own column matrix.
    private static void ForwardPart<TVector>(void* state, int part)
        where TVector : struct, IVector<TVector>
    {
        ref readonly ForwardState s = ref *(ForwardState*)state;
        ConvGeometry g = s.Geometry;
        (int first, int end) = Partition.Range(s.Batch, s.Parts, part);
        int columnsLength = g.ColumnsAreInput ? 0 : g.ColumnRows * g.Positions;
        float* columns = part == 0 ? s.Workspace : ThreadScratch.Columns(columnsLength);
        ForwardExamples<TVector>(new Span<float>(s.Output, s.Batch * g.OutputLength), new ReadOnlySpan<float>(s.Input, s.Batch * g.InputLength),
            new ReadOnlySpan<float>(s.Weight, g.OutChannels * g.ColumnRows), new ReadOnlySpan<float>(s.Bias, g.OutChannels), new Span<float>(columns, columnsLength), g, first, end);
    }

    // Examples [first, end) of the forward pass; workspace holds at least one column matrix unless the columns are the input.
    private static void ForwardExamples<TVector>(Span<float> output, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> workspace,
        in ConvGeometry g, int first, int end)
        where TVector : struct, IVector<TVector>
    {
        // output is (batch, outC, P) with P = outH*outW; columns is (inC*k*k, P); weight is (outC, inC*k*k).
        int outChannels = g.OutChannels;
        Span<float> columns = g.ColumnsAreInput ? default : workspace[..(g.ColumnRows * g.Positions)];
        for (int n = first; n < end; n++)
        {
            ReadOnlySpan<float> example = input.Slice(n * g.InputLength, g.InputLength);
            Span<float> result = output.Slice(n * g.OutputLength, g.OutputLength);
            for (int o = 0; o < outChannels; o++)
            {
                result.Slice(o * g.Positions, g.Positions).Fill(bias[o]);
            }

            ReadOnlySpan<float> b = example;
            if (!g.ColumnsAreInput)
            {
                Im2Col.Gather<TVector>(columns, example, g);
                b = columns;
            }

            Gemm.Multiply<TVector>(result, weight, b, outChannels, g.Positions, g.ColumnRows, accumulate: true);
        }
    }

    /// <summary><see cref="Backward"/> at one vector width (tests force each width through here).</summary>
    internal static void Backward<TVector>(Span<float> dInput, Span<float> dWeight, Span<float> dBias, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, Span<float> workspace,
        int batch, int inChannels, int inHeight, int inWidth, int outChannels, int kernelSize, int stride, int padding)
        where TVector : struct, IVector<TVector>
    {
        Require.Positive(batch);
        var g = new ConvGeometry(inChannels, inHeight, inWidth, outChannels, kernelSize, stride, padding);
        var inputShape = new ExpectedLength("batch*inChannels*inHeight*inWidth", batch, inChannels, inHeight, inWidth);
        Require.ExactlyOrEmpty(dInput.Length, nameof(dInput), inputShape);
        Require.Exactly(dWeight.Length, nameof(dWeight), new ExpectedLength("outChannels*inChannels*k*k", outChannels, inChannels, kernelSize, kernelSize));
        Require.Exactly(dBias.Length, nameof(dBias), new ExpectedLength("outChannels", outChannels));
        Require.Exactly(dOutput.Length, nameof(dOutput), new ExpectedLength("batch*outChannels*outHeight*outWidth", batch, outChannels, g.OutHeight, g.OutWidth));
        Require.Exactly(input.Length, nameof(input), inputShape);
        Require.Exactly(weight.Length, nameof(weight), new ExpectedLength("outChannels*inChannels*k*k", outChannels, inChannels, kernelSize, kernelSize));
        Require.AtLeast(workspace.Length, nameof(workspace), WorkspaceShape(inChannels, kernelSize, g.OutHeight, g.OutWidth));

        // Weight gradient, then input gradient (twice the work when the column gradient is needed).
        long multiplyAdds = (long)batch * outChannels * g.Positions * g.ColumnRows * (dInput.IsEmpty ? 1 : 2);
        int partialLength = dWeight.Length + dBias.Length;
        int parts = Partition.Parts(multiplyAdds, Partition.MinMultiplyAddsPerPart, batch, KernelThreads.Count);
        parts = (int)Math.Min(parts, 1 + Array.MaxLength / partialLength); // the partials must fit in one array
        if (parts == 1)
        {
            BackwardExamples<TVector>(dInput, dWeight, dBias, dOutput, input, weight, workspace, g, 0, batch);
            return;
        }

        // Parts 1.. sum their examples' weight and bias gradients into partials of the caller's, added in part order
        // afterwards so the sum is the same whichever threads ran the parts.
        float* partials = ThreadScratch.Partials((parts - 1) * partialLength);
        fixed (float* inputGradients = dInput, weightGradients = dWeight, biasGradients = dBias, outputGradients = dOutput, inputs = input, weights = weight, columns = workspace)
        {
            var state = new BackwardState
            {
                DInput = inputGradients, DWeight = weightGradients, DBias = biasGradients, DOutput = outputGradients, Input = inputs, Weight = weights,
                Workspace = columns, Partials = partials, Geometry = g, Batch = batch, Parts = parts,
            };
            KernelPool.Run(&BackwardPart<TVector>, &state, parts);
        }

        for (int part = 1; part < parts; part++)
        {
            float* partial = partials + (nint)(part - 1) * partialLength;
            TensorPrimitives.Add(dWeight, new ReadOnlySpan<float>(partial, dWeight.Length), dWeight);
            TensorPrimitives.Add(dBias, new ReadOnlySpan<float>(partial + dWeight.Length, dBias.Length), dBias);
        }
    }

    // One part of a parallel backward pass: a contiguous range of examples, with its own column matrix and, past part 0,
    // its own weight and bias gradient sums.
    private static void BackwardPart<TVector>(void* state, int part)
        where TVector : struct, IVector<TVector>
    {
        ref readonly BackwardState s = ref *(BackwardState*)state;
        ConvGeometry g = s.Geometry;
        (int first, int end) = Partition.Range(s.Batch, s.Parts, part);
        int weightLength = g.OutChannels * g.ColumnRows;
        int columnsLength = g.ColumnsAreInput ? 0 : g.ColumnRows * g.Positions;
        float* columns = part == 0 ? s.Workspace : ThreadScratch.Columns(columnsLength);
        float* weightGradient = part == 0 ? s.DWeight : s.Partials + (nint)(part - 1) * (weightLength + g.OutChannels);
        float* biasGradient = part == 0 ? s.DBias : weightGradient + weightLength;
        int inputLength = s.Batch * g.InputLength;
        BackwardExamples<TVector>(s.DInput is null ? default : new Span<float>(s.DInput, inputLength), new Span<float>(weightGradient, weightLength),
            new Span<float>(biasGradient, g.OutChannels), new ReadOnlySpan<float>(s.DOutput, s.Batch * g.OutputLength), new ReadOnlySpan<float>(s.Input, inputLength),
            new ReadOnlySpan<float>(s.Weight, weightLength), new Span<float>(columns, columnsLength), g, first, end);
    }

    // Examples [first, end) of the backward pass: dInput for those examples, and dWeight and dBias overwritten with
    // their sums over those examples.
    private static void BackwardExamples<TVector>(Span<float> dInput, Span<float> dWeight, Span<float> dBias, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, Span<float> workspace,
        in ConvGeometry g, int first, int end)
        where TVector : struct, IVector<TVector>
    {
        // dOutput is (batch, outC, P); columns and their gradient share the workspace, (inC*k*k, P).
        int outChannels = g.OutChannels;
        Span<float> columns = g.ColumnsAreInput ? default : workspace[..(g.ColumnRows * g.Positions)];
        dBias.Clear();
        for (int n = first; n < end; n++)
        {
            ReadOnlySpan<float> example = input.Slice(n * g.InputLength, g.InputLength);
            ReadOnlySpan<float> gradient = dOutput.Slice(n * g.OutputLength, g.OutputLength);
            for (int o = 0; o < outChannels; o++)
            {
                dBias[o] += TensorPrimitives.Sum(gradient.Slice(o * g.Positions, g.Positions));
            }

            // dWeight (outC, inC*k*k) += dOutput_n (outC, P) · columnsᵀ, summed over the examples.
            ReadOnlySpan<float> b = example;
            if (!g.ColumnsAreInput)
            {
                Im2Col.Gather<TVector>(columns, example, g);
                b = columns;
            }

            Gemm.MultiplyTransposedB<TVector>(dWeight, gradient, b, outChannels, g.ColumnRows, g.Positions, accumulate: n > first);

            if (dInput.IsEmpty)
            {
                continue;
            }

            // dColumns (inC*k*k, P) = weightᵀ · dOutput_n, then summed back onto the input positions (col2im).
            Span<float> inputGradient = dInput.Slice(n * g.InputLength, g.InputLength);
            if (g.ColumnsAreInput)
            {
                Gemm.MultiplyTransposedA<TVector>(inputGradient, weight, gradient, g.ColumnRows, g.Positions, outChannels, accumulate: false);
                continue;
            }

            Gemm.MultiplyTransposedA<TVector>(columns, weight, gradient, g.ColumnRows, g.Positions, outChannels, accumulate: false);
            inputGradient.Clear();
            Im2Col.ScatterAdd<TVector>(inputGradient, columns, g);
        }
    }

    private static ExpectedLength WorkspaceShape(int inChannels, int kernelSize, int outHeight, int outWidth) =>
        new("inChannels*k*k*outHeight*outWidth", inChannels, kernelSize, kernelSize, outHeight, outWidth);

    // What the parts of one parallel call share: the caller's pinned spans and the shape. It lives on the caller's stack,
    // which KernelPool.Run keeps alive until every part has finished.
    private struct ForwardState
    {
        public float* Output, Input, Weight, Bias, Workspace;
        public ConvGeometry Geometry;
        public int Batch, Parts;
    }

    private struct BackwardState
    {
        public float* DInput, DWeight, DBias, DOutput, Input, Weight, Workspace, Partials;
        public ConvGeometry Geometry;
        public int Batch, Parts;
    }
}
