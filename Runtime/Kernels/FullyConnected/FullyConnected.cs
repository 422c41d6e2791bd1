using System;
using System.Numerics.Tensors;

namespace StaticNets.Kernels;

/// <summary>
/// Fully-connected (affine) layer over a batch, PyTorch layout: weight is (outFeatures, inFeatures), so
/// <c>output = input · weightᵀ + bias</c>. All three products run on the shared SGEMM in the form that keeps its inner
/// loop contiguous. <see cref="FullyConnectedReference"/> is the plain-loop twin.
/// </summary>
/// <remarks>
/// Large calls are split across <see cref="KernelThreads.Count"/> threads: the forward pass and the input gradient by
/// batch rows, the weight and bias gradients by output feature (each thread sums its features over the whole batch).
/// No thread adds into another's results, so every count gives the same bits.
/// </remarks>
public static unsafe class FullyConnected
{
    /// <summary>Forward pass: <c>output[n, o] = bias[o] + Σ_i weight[o, i] · input[n, i]</c>.</summary>
    /// <param name="output">(batch, outFeatures), overwritten.</param>
    /// <param name="input">(batch, inFeatures).</param>
    /// <param name="weight">(outFeatures, inFeatures).</param>
    /// <param name="bias">(outFeatures).</param>
    /// <param name="batch">Examples in the batch.</param>
    /// <param name="inFeatures">Inputs per example.</param>
    /// <param name="outFeatures">Outputs per example.</param>
    /// <param name="activation">An activation applied to each output as it is stored (generated networks fuse a following RELU).</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes.</exception>
    public static void Forward(Span<float> output, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int batch, int inFeatures, int outFeatures, FusedActivation activation = FusedActivation.None)
    {
        switch (VectorDispatch.Best)
        {
            case VectorWidth.Bits512: Forward<Vector512Ops>(output, input, weight, bias, batch, inFeatures, outFeatures, activation); break;
            case VectorWidth.Bits256: Forward<Vector256Ops>(output, input, weight, bias, batch, inFeatures, outFeatures, activation); break;
            case VectorWidth.Bits128: Forward<Vector128Ops>(output, input, weight, bias, batch, inFeatures, outFeatures, activation); break;
            default: Forward<ScalarOps>(output, input, weight, bias, batch, inFeatures, outFeatures, activation); break;
        }
    }

    /// <summary>
    /// Backward pass for <see cref="Forward"/>: overwrites <paramref name="dWeight"/> and <paramref name="dBias"/> with
    /// their gradients summed over the batch, and <paramref name="dInput"/> unless it is empty.
    /// </summary>
    /// <param name="dInput">(batch, inFeatures), overwritten; or empty to skip the input gradient.</param>
    /// <param name="dWeight">(outFeatures, inFeatures), overwritten: <c>Σ_n dOutput[n, o] · input[n, i]</c>.</param>
    /// <param name="dBias">(outFeatures), overwritten: <c>Σ_n dOutput[n, o]</c>.</param>
    /// <param name="dOutput">(batch, outFeatures): gradient of the loss with respect to the output.</param>
    /// <param name="input">(batch, inFeatures): the forward pass's input.</param>
    /// <param name="weight">(outFeatures, inFeatures).</param>
    /// <param name="batch">Examples in the batch.</param>
    /// <param name="inFeatures">Inputs per example.</param>
    /// <param name="outFeatures">Outputs per example.</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes.</exception>
    public static void Backward(Span<float> dInput, Span<float> dWeight, Span<float> dBias, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, int batch, int inFeatures, int outFeatures)
    {
        switch (VectorDispatch.Best)
        {
            case VectorWidth.Bits512: Backward<Vector512Ops>(dInput, dWeight, dBias, dOutput, input, weight, batch, inFeatures, outFeatures); break;
            case VectorWidth.Bits256: Backward<Vector256Ops>(dInput, dWeight, dBias, dOutput, input, weight, batch, inFeatures, outFeatures); break;
            case VectorWidth.Bits128: Backward<Vector128Ops>(dInput, dWeight, dBias, dOutput, input, weight, batch, inFeatures, outFeatures); break;
            default: Backward<ScalarOps>(dInput, dWeight, dBias, dOutput, input, weight, batch, inFeatures, outFeatures); break;
        }
    }

    /// <summary><see cref="Forward"/> at one vector width (tests force each width through here).</summary>
    internal static void Forward<TVector>(Span<float> output, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int batch, int inFeatures, int outFeatures, FusedActivation activation = FusedActivation.None)
        where TVector : struct, IVector<TVector>
    {
        Require.Defined(activation);
        bool relu = activation == FusedActivation.Relu;
        Require.Positive(batch);
        Require.Positive(inFeatures);
        Require.Positive(outFeatures);
        Require.Exactly(output.Length, nameof(output), new ExpectedLength("batch*outFeatures", batch, outFeatures));
        Require.Exactly(input.Length, nameof(input), new ExpectedLength("batch*inFeatures", batch, inFeatures));
        Require.Exactly(weight.Length, nameof(weight), new ExpectedLength("outFeatures*inFeatures", outFeatures, inFeatures));
        Require.Exactly(bias.Length, nameof(bias), new ExpectedLength("outFeatures", outFeatures));

        int parts = Partition.Parts((long)batch * inFeatures * outFeatures, Partition.MinMultiplyAddsPerPart, batch, KernelThreads.Count);
        if (parts == 1)
        {
            ForwardRows<TVector>(output, input, weight, bias, inFeatures, outFeatures, relu);
            return;
        }

        fixed (float* outputs = output, inputs = input, weights = weight, biases = bias)
        {
            var state = new State
            {
                Output = outputs, Input = inputs, Weight = weights, Bias = biases,
                Batch = batch, InFeatures = inFeatures, OutFeatures = outFeatures, Parts = parts, Relu = relu,
            };
            KernelPool.Run(&ForwardPart<TVector>, &state, parts);
        }
    }

    // One part of a parallel forward pass: a contiguous range of batch rows.
    private static void ForwardPart<TVector>(void* state, int part)
        where TVector : struct, IVector<TVector>
    {
        ref readonly State s = ref *(State*)state;
        (int first, int end) = Partition.Range(s.Batch, s.Parts, part);
        int rows = end - first;
        ForwardRows<TVector>(new Span<float>(s.Output + (nint)first * s.OutFeatures, rows * s.OutFeatures), new ReadOnlySpan<float>(s.Input + (nint)first * s.InFeatures, rows * s.InFeatures),
            new ReadOnlySpan<float>(s.Weight, s.OutFeatures * s.InFeatures), new ReadOnlySpan<float>(s.Bias, s.OutFeatures), s.InFeatures, s.OutFeatures, s.Relu);
    }

    // output (rows, out) = input (rows, in) · weightᵀ + bias: rows of input and weight are both contiguous in `in`; the
    // bias (one per column of the product) and the activation are applied as each result is stored. Each output row
    // depends only on its own input row, so any split of the rows gives the same bits.
    private static void ForwardRows<TVector>(Span<float> output, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, ReadOnlySpan<float> bias, int inFeatures, int outFeatures, bool relu)
        where TVector : struct, IVector<TVector>
    {
        int rows = output.Length / outFeatures;
        Gemm.Product<TVector>(GemmForm.ABt, output, input, weight, rows, outFeatures, inFeatures, accumulate: false, new GemmEpilogue(default, bias, relu));
    }

    /// <summary><see cref="Backward"/> at one vector width (tests force each width through here).</summary>
    internal static void Backward<TVector>(Span<float> dInput, Span<float> dWeight, Span<float> dBias, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> input, ReadOnlySpan<float> weight, int batch, int inFeatures, int outFeatures)
        where TVector : struct, IVector<TVector>
    {
        Require.Positive(batch);
        Require.Positive(inFeatures);
        Require.Positive(outFeatures);
        Require.ExactlyOrEmpty(dInput.Length, nameof(dInput), new ExpectedLength("batch*inFeatures", batch, inFeatures));
        Require.Exactly(dWeight.Length, nameof(dWeight), new ExpectedLength("outFeatures*inFeatures", outFeatures, inFeatures));
        Require.Exactly(dBias.Length, nameof(dBias), new ExpectedLength("outFeatures", outFeatures));
        Require.Exactly(dOutput.Length, nameof(dOutput), new ExpectedLength("batch*outFeatures", batch, outFeatures));
        Require.Exactly(input.Length, nameof(input), new ExpectedLength("batch*inFeatures", batch, inFeatures));
        Require.Exactly(weight.Length, nameof(weight), new ExpectedLength("outFeatures*inFeatures", outFeatures, inFeatures));

        // Parts split dWeight and dBias by output feature (each part sums its features over the whole batch) and dInput
        // by batch row: no part adds into another's results, so any count gives the same bits.
        long multiplyAdds = (long)batch * inFeatures * outFeatures * (dInput.IsEmpty ? 1 : 2);
        int parts = Partition.Parts(multiplyAdds, Partition.MinMultiplyAddsPerPart, outFeatures, KernelThreads.Count);
        fixed (float* inputGradients = dInput, weightGradients = dWeight, biasGradients = dBias, outputGradients = dOutput, inputs = input, weights = weight)
        {
            var state = new State
            {
                DInput = inputGradients, DWeight = weightGradients, DBias = biasGradients, DOutput = outputGradients, Input = inputs, Weight = weights,
                Batch = batch, InFeatures = inFeatures, OutFeatures = outFeatures, Parts = parts,
            };
            if (parts == 1)
            {
                BackwardPart<TVector>(&state, 0);
                return;
            }

            KernelPool.Run(&BackwardPart<TVector>, &state, parts);
        }
    }

    // One part of the backward pass: output features [o0, o1) of dWeight and dBias, batch rows [n0, n1) of dInput.
    private static void BackwardPart<TVector>(void* state, int part)
        where TVector : struct, IVector<TVector>
    {
        ref readonly State s = ref *(State*)state;
        int batch = s.Batch, inFeatures = s.InFeatures, outFeatures = s.OutFeatures;
        (int o0, int o1) = Partition.Range(outFeatures, s.Parts, part);
        int features = o1 - o0;
        var dOutput = new ReadOnlySpan<float>(s.DOutput, batch * outFeatures);
        var input = new ReadOnlySpan<float>(s.Input, batch * inFeatures);

        // dBias[o] = Σ_n dOutput[n, o], summed in batch order whatever the split.
        var dBias = new Span<float>(s.DBias + o0, features);
        dBias.Clear();
        for (int n = 0; n < batch; n++)
        {
            TensorPrimitives.Add(dBias, dOutput.Slice(n * outFeatures + o0, features), dBias);
        }

        // dWeight rows (features, in) = dOutput[:, o0:o1]ᵀ (features, batch) · input (batch, in): vectors run along `in`.
        // A part's columns of dOutput are strided, so it first copies them to a dense (batch, features) matrix.
        ReadOnlySpan<float> columns = dOutput;
        if (features != outFeatures)
        {
            var copy = new Span<float>(ThreadScratch.Columns(batch * features), batch * features);
            for (int n = 0; n < batch; n++)
            {
                dOutput.Slice(n * outFeatures + o0, features).CopyTo(copy.Slice(n * features, features));
            }

            columns = copy;
        }

        Gemm.MultiplyTransposedA<TVector>(new Span<float>(s.DWeight + (nint)o0 * inFeatures, features * inFeatures), columns, input, features, inFeatures, batch, accumulate: false);
        if (s.DInput is null)
        {
            return;
        }

        // dInput rows (rows, in) = dOutput rows (rows, out) · weight (out, in): vectors run along `in`.
        (int n0, int n1) = Partition.Range(batch, s.Parts, part);
        int rows = n1 - n0;
        if (rows > 0)
        {
            Gemm.Multiply<TVector>(new Span<float>(s.DInput + (nint)n0 * inFeatures, rows * inFeatures), dOutput.Slice(n0 * outFeatures, rows * outFeatures),
                new ReadOnlySpan<float>(s.Weight, outFeatures * inFeatures), rows, inFeatures, outFeatures, accumulate: false);
        }
    }

    // What the parts of one call share: the caller's pinned spans and the shape. It lives on the caller's stack, which
    // KernelPool.Run keeps alive until every part has finished.
    private struct State
    {
        public float* Output, Input, Weight, Bias, DInput, DWeight, DBias, DOutput;
        public int Batch, InFeatures, OutFeatures, Parts;
        public bool Relu;
    }
}
