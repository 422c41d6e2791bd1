using System;
using System.Numerics.Tensors;

namespace StaticNets.Kernels;

/// <summary>
/// Fully-connected (affine) layer over a batch, PyTorch layout: weight is (outFeatures, inFeatures), so
/// <c>output = input · weightᵀ + bias</c>. All three products run on the shared SGEMM in the form that keeps its inner
/// loop contiguous. <see cref="FullyConnectedReference"/> is the plain-loop twin.
/// </summary>
public static class FullyConnected
{
    /// <summary>Forward pass: <c>output[n, o] = bias[o] + Σ_i weight[o, i] · input[n, i]</c>.</summary>
    /// <param name="output">(batch, outFeatures), overwritten.</param>
    /// <param name="input">(batch, inFeatures).</param>
    /// <param name="weight">(outFeatures, inFeatures).</param>
    /// <param name="bias">(outFeatures).</param>
    /// <param name="batch">Examples in the batch.</param>
    /// <param name="inFeatures">Inputs per example.</param>
    /// <param name="outFeatures">Outputs per example.</param>
    /// <param name="activation">The activation fused into the store.</param>
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
        Require.Positive(batch);
        Require.Positive(inFeatures);
        Require.Positive(outFeatures);
        Require.Exactly(output.Length, nameof(output), new ExpectedLength("batch*outFeatures", batch, outFeatures));
        Require.Exactly(input.Length, nameof(input), new ExpectedLength("batch*inFeatures", batch, inFeatures));
        Require.Exactly(weight.Length, nameof(weight), new ExpectedLength("outFeatures*inFeatures", outFeatures, inFeatures));
        Require.Exactly(bias.Length, nameof(bias), new ExpectedLength("outFeatures", outFeatures));

        // output (batch, out) = input (batch, in) · weightᵀ + bias: rows of input and weight are both contiguous in
        // `in`; the bias (one per column of the product) and the activation are applied as each result is stored.
        var epilogue = new GemmEpilogue(default, bias, activation == FusedActivation.Relu);
        Gemm.Product<TVector>(GemmForm.ABt, output, input, weight, batch, outFeatures, inFeatures, accumulate: false, epilogue);
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

        dBias.Clear();
        for (int n = 0; n < batch; n++)
        {
            TensorPrimitives.Add(dBias, dOutput.Slice(n * outFeatures, outFeatures), dBias);
        }

        // dWeight (out, in) = dOutputᵀ (out, batch) · input (batch, in): vectors run along `in`.
        Gemm.MultiplyTransposedA<TVector>(dWeight, dOutput, input, outFeatures, inFeatures, batch, accumulate: false);
        if (!dInput.IsEmpty)
        {
            // dInput (batch, in) = dOutput (batch, out) · weight (out, in): vectors run along `in`.
            Gemm.Multiply<TVector>(dInput, dOutput, weight, batch, inFeatures, outFeatures, accumulate: false);
        }
    }
}
