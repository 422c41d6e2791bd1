using System;

namespace StaticNets.Kernels;

/// <summary>Rectified linear unit, f(x) = max(0, x) (notes §6.1.3), elementwise over any tensor. <see cref="ReluReference"/> is the plain-loop twin.</summary>
public static class Relu
{
    /// <summary>Forward pass: <c>output[i] = max(0, input[i])</c>. <paramref name="output"/> may be the same memory as <paramref name="input"/> (in place).</summary>
    /// <param name="output">Same length as <paramref name="input"/>, overwritten.</param>
    /// <param name="input">Any shape, flattened.</param>
    /// <exception cref="ArgumentException">The lengths differ.</exception>
    public static void Forward(Span<float> output, ReadOnlySpan<float> input)
    {
        switch (VectorDispatch.Best)
        {
            case VectorWidth.Bits512: Forward<Vector512Ops>(output, input); break;
            case VectorWidth.Bits256: Forward<Vector256Ops>(output, input); break;
            case VectorWidth.Bits128: Forward<Vector128Ops>(output, input); break;
            default: Forward<ScalarOps>(output, input); break;
        }
    }

    /// <summary>
    /// Backward pass: <c>dInput[i] = output[i] &gt; 0 ? dOutput[i] : 0</c>, reading the forward output (the gradient at
    /// 0 is taken as 0, as PyTorch does). <paramref name="dInput"/> may be the same memory as <paramref name="dOutput"/>.
    /// </summary>
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

    /// <summary><see cref="Forward"/> at one vector width (tests force each width through here).</summary>
    internal static void Forward<TVector>(Span<float> output, ReadOnlySpan<float> input)
        where TVector : struct, IVector<TVector>
    {
        Require.Exactly(output.Length, nameof(output), new ExpectedLength("input.Length", input.Length));
        Elementwise.Unary<ReluForwardOperator, TVector>(output, input, 0);
    }

    /// <summary><see cref="Backward"/> at one vector width (tests force each width through here).</summary>
    internal static void Backward<TVector>(Span<float> dInput, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> output)
        where TVector : struct, IVector<TVector>
    {
        Require.Exactly(dInput.Length, nameof(dInput), new ExpectedLength("output.Length", output.Length));
        Require.Exactly(dOutput.Length, nameof(dOutput), new ExpectedLength("output.Length", output.Length));
        Elementwise.Binary<ReluBackwardOperator, TVector>(dInput, dOutput, output);
    }
}
