using System;
using System.Numerics.Tensors;

namespace StaticNets.Kernels;

/// <summary>
/// 2-D convolution over NCHW batches (notes §5.1), PyTorch layout: weight is (outChannels, inChannels, k, k), bias is
/// (outChannels). Each call picks, from the shape and the batch alone, the fastest of three measured algorithms
/// (<see cref="ConvPlan"/>): Winograd F(2x2,3x3) (<see cref="WinogradConv2d"/>) for 3×3 stride-1 layers with enough
/// channels; the direct kernel (<see cref="DirectConv2d"/>) for other stride-1 layers whose rows fill a vector; and
/// otherwise im2col into the workspace followed by the SGEMM. The backward pass computes the weight gradient as a
/// matrix product and, at stride 1, the input gradient as a forward convolution of the output gradient with turned
/// filters (<see cref="FlippedFilters"/>), which takes the same fast paths. <see cref="Conv2dReference"/> is the
/// plain-loop twin.
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
    /// Floats of scratch <see cref="Forward"/> and <see cref="Backward"/> need for this layer, whatever the batch: room
    /// for filters transformed once per call (Winograd, the input gradient's turned filters), then the scratch of one
    /// part of the work (a column matrix, or the fast kernels' padded planes and tiles). When a call is split across
    /// threads, only the caller's part uses the workspace; the other threads bring their own scratch.
    /// </summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="inHeight">Input height.</param>
    /// <param name="inWidth">Input width.</param>
    /// <param name="outChannels">Filters, i.e. output channels.</param>
    /// <param name="kernelSize">Filter height and width.</param>
    /// <param name="stride">Step between filter positions.</param>
    /// <param name="padding">Zeros added on each side of the height and width.</param>
    /// <returns>The minimum workspace length in floats.</returns>
    /// <exception cref="ArgumentException">The shapes do not tile.</exception>
    public static int WorkspaceLength(int inChannels, int inHeight, int inWidth, int outChannels, int kernelSize, int stride, int padding) =>
        ConvPlan.WorkspaceLength(new ConvGeometry(inChannels, inHeight, inWidth, outChannels, kernelSize, stride, padding));

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
    /// <param name="activation">An activation applied to each output as it is stored (generated networks fuse a following RELU).</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes, or the shapes do not tile.</exception>
    public static void Forward(Span<float> output, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> workspace,
        int batch, int inChannels, int inHeight, int inWidth, int outChannels, int kernelSize, int stride, int padding, FusedActivation activation = FusedActivation.None)
    {
        switch (VectorDispatch.Best)
        {
            case VectorWidth.Bits512: Forward<Vector512Ops>(output, input, weight, bias, workspace, batch, inChannels, inHeight, inWidth, outChannels, kernelSize, stride, padding, activation); break;
            case VectorWidth.Bits256: Forward<Vector256Ops>(output, input, weight, bias, workspace, batch, inChannels, inHeight, inWidth, outChannels, kernelSize, stride, padding, activation); break;
            case VectorWidth.Bits128: Forward<Vector128Ops>(output, input, weight, bias, workspace, batch, inChannels, inHeight, inWidth, outChannels, kernelSize, stride, padding, activation); break;
            default: Forward<ScalarOps>(output, input, weight, bias, workspace, batch, inChannels, inHeight, inWidth, outChannels, kernelSize, stride, padding, activation); break;
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
        int batch, int inChannels, int inHeight, int inWidth, int outChannels, int kernelSize, int stride, int padding, FusedActivation activation = FusedActivation.None)
        where TVector : struct, IVector<TVector>
    {
        Require.Positive(batch);
        Require.Defined(activation);
        var g = new ConvGeometry(inChannels, inHeight, inWidth, outChannels, kernelSize, stride, padding);
        Require.Exactly(output.Length, nameof(output), new ExpectedLength("batch*outChannels*outHeight*outWidth", batch, outChannels, g.OutHeight, g.OutWidth));
        Require.Exactly(input.Length, nameof(input), new ExpectedLength("batch*inChannels*inHeight*inWidth", batch, inChannels, inHeight, inWidth));
        Require.Exactly(weight.Length, nameof(weight), new ExpectedLength("outChannels*inChannels*k*k", outChannels, inChannels, kernelSize, kernelSize));
        Require.Exactly(bias.Length, nameof(bias), new ExpectedLength("outChannels", outChannels));
        int workspaceLength = ConvPlan.WorkspaceLength(g);
        Require.AtLeast(workspace.Length, nameof(workspace), new ExpectedLength("Conv2d.WorkspaceLength(...)", workspaceLength));

        var plan = new ConvPlan(g, batch, TVector.Count);
        bool relu = activation == FusedActivation.Relu;
        int sharedLength = ConvPlan.SharedCapacity(g), partLength = workspaceLength - sharedLength;
        Span<float> shared = workspace[..sharedLength];
        Span<float> scratch = workspace.Slice(sharedLength, partLength);
        if (plan.Forward == ConvAlgorithm.Winograd)
        {
            // Once per call, before any part runs; the parts only read them.
            WinogradConv2d.TransformWeights<TVector>(shared[..plan.ForwardFiltersLength], weight, inChannels, outChannels);
        }

        int threads = KernelThreads.Count;
        long exampleMultiplyAdds = (long)outChannels * g.Positions * g.ColumnRows;
        int parts = Partition.Parts(batch * exampleMultiplyAdds, Partition.MinMultiplyAddsPerPart, batch, threads);

        // Too few examples to occupy every thread (inference on one image): split each example's output channels instead.
        int channelParts = batch < threads && plan.Forward == ConvAlgorithm.Im2ColGemm
            ? Partition.Parts(exampleMultiplyAdds, Partition.MinMultiplyAddsPerPart, outChannels, threads)
            : 1;
        if (channelParts > parts)
        {
            ForwardByChannels<TVector>(output, input, weight, bias, scratch, plan, batch, channelParts, relu);
            return;
        }

        if (parts == 1)
        {
            ForwardExamples<TVector>(plan, output, input, weight, bias, shared, scratch, 0, batch, relu);
            return;
        }

        fixed (float* outputs = output, inputs = input, weights = weight, biases = bias, sharedFloats = shared, scratchFloats = scratch)
        {
            var state = new ForwardState
            {
                Output = outputs, Input = inputs, Weight = weights, Bias = biases, Shared = sharedFloats, Scratch = scratchFloats,
                Plan = plan, SharedLength = sharedLength, PartLength = partLength, Batch = batch, Parts = parts, Relu = relu,
            };
            KernelPool.Run(&ForwardPart<TVector>, &state, parts);
        }
    }

    // Each example in turn: the caller gathers its columns, then the parts multiply them by their own rows of the weight.
    private static void ForwardByChannels<TVector>(Span<float> output, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, Span<float> scratch,
        in ConvPlan plan, int batch, int parts, bool relu)
        where TVector : struct, IVector<TVector>
    {
        ConvGeometry g = plan.Geometry;
        Span<float> columns = scratch[..(g.ColumnRows * g.Positions)];
        fixed (float* outputs = output, inputs = input, weights = weight, biases = bias, gathered = columns)
        {
            var state = new ForwardState { Weight = weights, Bias = biases, Plan = plan, Parts = parts, Relu = relu };
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
        ConvGeometry g = s.Plan.Geometry;
        (int o0, int o1) = Partition.Range(g.OutChannels, s.Parts, part);
        var result = new Span<float>(s.Output + (nint)o0 * g.Positions, (o1 - o0) * g.Positions);
        var epilogue = new GemmEpilogue(new ReadOnlySpan<float>(s.Bias + o0, o1 - o0), default, s.Relu);
        Gemm.Product<TVector>(GemmForm.AB, result, new ReadOnlySpan<float>(s.Weight + (nint)o0 * g.ColumnRows, (o1 - o0) * g.ColumnRows),
            new ReadOnlySpan<float>(s.Input, g.ColumnRows * g.Positions), o1 - o0, g.Positions, g.ColumnRows, accumulate: false, epilogue);
    }

    // One part of a parallel forward pass: a contiguous range of examples, with its own scratch.
    private static void ForwardPart<TVector>(void* state, int part)
        where TVector : struct, IVector<TVector>
    {
        ref readonly ForwardState s = ref *(ForwardState*)state;
        ConvGeometry g = s.Plan.Geometry;
        (int first, int end) = Partition.Range(s.Batch, s.Parts, part);
        float* scratch = part == 0 ? s.Scratch : ThreadScratch.Columns(s.PartLength);
        ForwardExamples<TVector>(s.Plan, new Span<float>(s.Output, s.Batch * g.OutputLength), new ReadOnlySpan<float>(s.Input, s.Batch * g.InputLength),
            new ReadOnlySpan<float>(s.Weight, g.OutChannels * g.ColumnRows), new ReadOnlySpan<float>(s.Bias, g.OutChannels),
            new ReadOnlySpan<float>(s.Shared, s.SharedLength), new Span<float>(scratch, s.PartLength), first, end, s.Relu);
    }

    // Examples [first, end) of the forward pass, by the plan's algorithm; shared holds what the caller prepared.
    private static void ForwardExamples<TVector>(in ConvPlan plan, Span<float> output, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias,
        ReadOnlySpan<float> shared, Span<float> scratch, int first, int end, bool relu)
        where TVector : struct, IVector<TVector>
    {
        ConvGeometry g = plan.Geometry;
        int count = end - first;
        Span<float> outputs = output.Slice(first * g.OutputLength, count * g.OutputLength);
        ReadOnlySpan<float> inputs = input.Slice(first * g.InputLength, count * g.InputLength);
        switch (plan.Forward)
        {
            case ConvAlgorithm.Winograd:
                WinogradConv2d.ForwardTransformed<TVector>(outputs, inputs, shared[..plan.ForwardFiltersLength], bias, scratch, count, g.InChannels, g.InHeight, g.InWidth, g.OutChannels, g.Padding);
                if (relu)
                {
                    Relu.Forward<TVector>(outputs, outputs);
                }

                return;
            case ConvAlgorithm.Direct:
                DirectConv2d.Forward<TVector>(outputs, inputs, weight, bias, scratch, count, g, relu);
                return;
        }

        // output is (batch, outC, P) with P = outH*outW; columns is (inC*k*k, P); weight is (outC, inC*k*k). The bias
        // (one per row of the product) and the activation are applied as the product stores each result.
        Span<float> columns = g.ColumnsAreInput ? default : scratch[..(g.ColumnRows * g.Positions)];
        var epilogue = new GemmEpilogue(bias, default, relu);
        for (int n = 0; n < count; n++)
        {
            ReadOnlySpan<float> example = inputs.Slice(n * g.InputLength, g.InputLength);
            ReadOnlySpan<float> b = example;
            if (!g.ColumnsAreInput)
            {
                Im2Col.Gather<TVector>(columns, example, g);
                b = columns;
            }

            Gemm.Product<TVector>(GemmForm.AB, outputs.Slice(n * g.OutputLength, g.OutputLength), weight, b, g.OutChannels, g.Positions, g.ColumnRows, accumulate: false, epilogue);
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
        int workspaceLength = ConvPlan.WorkspaceLength(g);
        Require.AtLeast(workspace.Length, nameof(workspace), new ExpectedLength("Conv2d.WorkspaceLength(...)", workspaceLength));

        var plan = new ConvPlan(g, batch, TVector.Count);
        bool byForward = plan.InputGradientByForward && !dInput.IsEmpty;
        int sharedLength = ConvPlan.SharedCapacity(g), partLength = workspaceLength - sharedLength;
        Span<float> shared = workspace[..sharedLength];
        Span<float> scratch = workspace.Slice(sharedLength, partLength);
        if (byForward)
        {
            // The turned filters, a zero bias and, for Winograd, their transform: written once, read by every part.
            Span<float> turned = shared[..plan.TurnedFiltersLength];
            FlippedFilters.Write(turned, weight, outChannels, inChannels, kernelSize);
            shared.Slice(plan.ZeroBiasOffset, inChannels).Clear();
            if (plan.InputGradientAlgorithm == ConvAlgorithm.Winograd)
            {
                WinogradConv2d.TransformWeights<TVector>(shared.Slice(plan.TransformedTurnedFiltersOffset, plan.TransformedTurnedFiltersLength), turned, outChannels, inChannels);
            }
        }

        // Weight gradient, then input gradient (twice the work when the input gradient is needed).
        long multiplyAdds = (long)batch * outChannels * g.Positions * g.ColumnRows * (dInput.IsEmpty ? 1 : 2);
        int partialLength = dWeight.Length + dBias.Length;
        int parts = Partition.Parts(multiplyAdds, Partition.MinMultiplyAddsPerPart, batch, KernelThreads.Count);
        parts = (int)Math.Min(parts, 1 + Array.MaxLength / partialLength); // the partials must fit in one array
        if (parts == 1)
        {
            BackwardExamples<TVector>(plan, byForward, dInput, dWeight, dBias, dOutput, input, weight, shared, scratch, 0, batch);
            return;
        }

        // Parts 1.. sum their examples' weight and bias gradients into partials of the caller's, added in part order
        // afterwards so the sum is the same whichever threads ran the parts.
        float* partials = ThreadScratch.Partials((parts - 1) * partialLength);
        fixed (float* inputGradients = dInput, weightGradients = dWeight, biasGradients = dBias, outputGradients = dOutput, inputs = input, weights = weight,
            sharedFloats = shared, scratchFloats = scratch)
        {
            var state = new BackwardState
            {
                DInput = inputGradients, DWeight = weightGradients, DBias = biasGradients, DOutput = outputGradients, Input = inputs, Weight = weights,
                Shared = sharedFloats, Scratch = scratchFloats, Partials = partials, Plan = plan, ByForward = byForward,
                SharedLength = sharedLength, PartLength = partLength, Batch = batch, Parts = parts,
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

    // One part of a parallel backward pass: a contiguous range of examples, with its own scratch and, past part 0, its
    // own weight and bias gradient sums.
    private static void BackwardPart<TVector>(void* state, int part)
        where TVector : struct, IVector<TVector>
    {
        ref readonly BackwardState s = ref *(BackwardState*)state;
        ConvGeometry g = s.Plan.Geometry;
        (int first, int end) = Partition.Range(s.Batch, s.Parts, part);
        int weightLength = g.OutChannels * g.ColumnRows;
        float* scratch = part == 0 ? s.Scratch : ThreadScratch.Columns(s.PartLength);
        float* weightGradient = part == 0 ? s.DWeight : s.Partials + (nint)(part - 1) * (weightLength + g.OutChannels);
        float* biasGradient = part == 0 ? s.DBias : weightGradient + weightLength;
        int inputLength = s.Batch * g.InputLength;
        BackwardExamples<TVector>(s.Plan, s.ByForward, s.DInput is null ? default : new Span<float>(s.DInput, inputLength), new Span<float>(weightGradient, weightLength),
            new Span<float>(biasGradient, g.OutChannels), new ReadOnlySpan<float>(s.DOutput, s.Batch * g.OutputLength), new ReadOnlySpan<float>(s.Input, inputLength),
            new ReadOnlySpan<float>(s.Weight, weightLength), new ReadOnlySpan<float>(s.Shared, s.SharedLength), new Span<float>(scratch, s.PartLength), first, end);
    }

    // Examples [first, end) of the backward pass: dInput for those examples, and dWeight and dBias overwritten with
    // their sums over those examples.
    private static void BackwardExamples<TVector>(in ConvPlan plan, bool byForward, Span<float> dInput, Span<float> dWeight, Span<float> dBias, ReadOnlySpan<float> dOutput,
        ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> shared, Span<float> scratch, int first, int end)
        where TVector : struct, IVector<TVector>
    {
        // dOutput is (batch, outC, P); columns and their gradient share the scratch, (inC*k*k, P).
        ConvGeometry g = plan.Geometry;
        int outChannels = g.OutChannels;
        Span<float> columns = g.ColumnsAreInput ? default : scratch[..(g.ColumnRows * g.Positions)];
        bool viaColumns = plan.WeightGradient == ConvAlgorithm.Im2ColGemm;
        switch (plan.WeightGradient)
        {
            case ConvAlgorithm.Direct:
                DirectWeightGradient.Run<TVector>(dWeight, dBias, dOutput, input, scratch, first, end, g);
                break;
            case ConvAlgorithm.Winograd:
                int part = end - first;
                WinogradConv2d.WeightGradient<TVector>(dWeight, dBias, dOutput.Slice(first * g.OutputLength, part * g.OutputLength), input.Slice(first * g.InputLength, part * g.InputLength),
                    scratch, part, g.InChannels, g.InHeight, g.InWidth, g.OutChannels, g.Padding);
                break;
            default:
                dBias.Clear();
                break;
        }

        for (int n = first; n < end; n++)
        {
            ReadOnlySpan<float> gradient = dOutput.Slice(n * g.OutputLength, g.OutputLength);
            if (viaColumns)
            {
                for (int o = 0; o < outChannels; o++)
                {
                    dBias[o] += TensorPrimitives.Sum(gradient.Slice(o * g.Positions, g.Positions));
                }

                // dWeight (outC, inC*k*k) += dOutput_n (outC, P) · columnsᵀ, summed over the examples.
                ReadOnlySpan<float> example = input.Slice(n * g.InputLength, g.InputLength);
                ReadOnlySpan<float> b = example;
                if (!g.ColumnsAreInput)
                {
                    Im2Col.Gather<TVector>(columns, example, g);
                    b = columns;
                }

                Gemm.MultiplyTransposedB<TVector>(dWeight, gradient, b, outChannels, g.ColumnRows, g.Positions, accumulate: n > first);
            }

            if (dInput.IsEmpty || byForward)
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

        if (byForward)
        {
            // The input gradient of these examples as one forward convolution of their output gradient (the columns
            // are no longer needed, so the fast kernel may use the whole scratch).
            int examples = end - first;
            ConvGeometry turned = ConvPlan.GradientGeometry(g);
            ReadOnlySpan<float> zeroBias = shared.Slice(plan.ZeroBiasOffset, g.InChannels);
            Span<float> inputGradients = dInput.Slice(first * g.InputLength, examples * g.InputLength);
            ReadOnlySpan<float> outputGradients = dOutput.Slice(first * g.OutputLength, examples * g.OutputLength);
            if (plan.InputGradientAlgorithm == ConvAlgorithm.Winograd)
            {
                ReadOnlySpan<float> transformed = shared.Slice(plan.TransformedTurnedFiltersOffset, plan.TransformedTurnedFiltersLength);
                WinogradConv2d.ForwardTransformed<TVector>(inputGradients, outputGradients, transformed, zeroBias, scratch, examples,
                    turned.InChannels, turned.InHeight, turned.InWidth, turned.OutChannels, turned.Padding);
            }
            else
            {
                DirectConv2d.Forward<TVector>(inputGradients, outputGradients, shared[..plan.TurnedFiltersLength], zeroBias, scratch, examples, turned, relu: false);
            }
        }
    }

    // What the parts of one parallel call share: the caller's pinned spans and the plan. It lives on the caller's stack,
    // which KernelPool.Run keeps alive until every part has finished.
    private struct ForwardState
    {
        public float* Output, Input, Weight, Bias, Shared, Scratch;
        public ConvPlan Plan;
        public int SharedLength, PartLength, Batch, Parts;
        public bool Relu;
    }

    private struct BackwardState
    {
        public float* DInput, DWeight, DBias, DOutput, Input, Weight, Shared, Scratch, Partials;
        public ConvPlan Plan;
        public bool ByForward;
        public int SharedLength, PartLength, Batch, Parts;
    }
}
