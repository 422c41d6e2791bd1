using System;
using System.Numerics.Tensors;

namespace StaticNets.Kernels;

/// <summary>Logistic sigmoid, σ(x) = 1/(1 + e^(-x)) (notes §6.1.1), elementwise over any tensor. <see cref="SigmoidReference"/> is the plain-loop twin.</summary>
public static class Sigmoid
{
    /// <summary>Forward pass: <c>output[i] = 1/(1 + e^(-input[i]))</c>, TensorPrimitives.Sigmoid (a few ulps). <paramref name="output"/> may be the same memory as <paramref name="input"/> (in place).</summary>
    /// <param name="output">Same length as <paramref name="input"/>, overwritten.</param>
    /// <param name="input">Any shape, flattened.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Forward(Span<float> output, ReadOnlySpan<float> input)
    {
        Require.Exactly(output.Length, nameof(output), new ExpectedLength("input.Length", input.Length));
        if (!input.IsEmpty)
        {
            // TensorPrimitives.Sigmoid rejects empty spans.
            TensorPrimitives.Sigmoid(input, output);
        }
    }

    /// <summary>Backward pass from the forward output s: <c>dInput[i] = dOutput[i]·s·(1 - s)</c>. <paramref name="dInput"/> may be the same memory as <paramref name="dOutput"/>.</summary>
    /// <param name="dInput">Same length as <paramref name="output"/>, overwritten.</param>
    /// <param name="dOutput">Gradient of the loss with respect to the output.</param>
    /// <param name="output">The forward pass's output.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Backward(Span<float> dInput, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> output)
    {
        switch (VectorDispatch.Best)
        {
            case VectorWidth.Bits512: Backward<Vector512Ops>(dInput, dOutput, output); break;
            case VectorWidth.Bits256: Backward<Vector256Ops>(dInput, dOutput, output); break;
            case VectorWidth.Bits128: Backward<Vector128Ops>(dInput, dOutput, output); break;
            default: Backward<ScalarOps>(dInput, dOutput, output); break;
        }
    }

    /// <summary><see cref="Backward"/> at one vector width (tests force each width through here).</summary>
    internal static void Backward<TVector>(Span<float> dInput, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> output)
        where TVector : struct, IVector<TVector>
    {
        Require.Exactly(dInput.Length, nameof(dInput), new ExpectedLength("output.Length", output.Length));
        Require.Exactly(dOutput.Length, nameof(dOutput), new ExpectedLength("output.Length", output.Length));
        Elementwise.Binary<SigmoidBackwardOperator, TVector>(dInput, dOutput, output);
    }
}
