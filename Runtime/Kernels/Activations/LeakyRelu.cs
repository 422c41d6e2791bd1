using System;

namespace StaticNets.Kernels;

/// <summary>
/// Leaky ReLU, f(x) = max(alpha·x, x) with a fixed 0 &lt;= alpha &lt; 1 (notes §6.1.4), elementwise over any tensor.
/// <see cref="LeakyReluReference"/> is the plain-loop twin.
/// </summary>
public static class LeakyRelu
{
    /// <summary>Forward pass: <c>output[i] = input[i] &gt; 0 ? input[i] : alpha·input[i]</c>. <paramref name="output"/> may be the same memory as <paramref name="input"/> (in place).</summary>
    /// <param name="output">Same length as <paramref name="input"/>, overwritten.</param>
    /// <param name="input">Any shape, flattened.</param>
    /// <param name="alpha">Slope for negative inputs, in [0, 1).</param>
    /// <exception cref="ArgumentException">The lengths differ, or alpha is outside [0, 1).</exception>
    public static void Forward(Span<float> output, ReadOnlySpan<float> input, float alpha)
    {
        switch (VectorDispatch.Best)
        {
            case VectorWidth.Bits512: Forward<Vector512Ops>(output, input, alpha); break;
            case VectorWidth.Bits256: Forward<Vector256Ops>(output, input, alpha); break;
            case VectorWidth.Bits128: Forward<Vector128Ops>(output, input, alpha); break;
            default: Forward<ScalarOps>(output, input, alpha); break;
        }
    }

    /// <summary>
    /// Backward pass from the forward output (so the forward may run in place): <c>dInput[i] = output[i] &gt; 0 ? dOutput[i] : alpha·dOutput[i]</c>;
    /// with alpha &gt;= 0 the output is positive exactly where the input is. <paramref name="dInput"/> may be the same memory as <paramref name="dOutput"/>.
    /// </summary>
    /// <param name="dInput">Same length as <paramref name="output"/>, overwritten.</param>
    /// <param name="dOutput">Gradient of the loss with respect to the output.</param>
    /// <param name="output">The forward pass's output.</param>
    /// <param name="alpha">The forward pass's alpha, in [0, 1).</param>
    /// <exception cref="ArgumentException">The lengths differ, or alpha is outside [0, 1).</exception>
    public static void Backward(Span<float> dInput, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> output, float alpha)
    {
        switch (VectorDispatch.Best)
        {
            case VectorWidth.Bits512: Backward<Vector512Ops>(dInput, dOutput, output, alpha); break;
            case VectorWidth.Bits256: Backward<Vector256Ops>(dInput, dOutput, output, alpha); break;
            case VectorWidth.Bits128: Backward<Vector128Ops>(dInput, dOutput, output, alpha); break;
            default: Backward<ScalarOps>(dInput, dOutput, output, alpha); break;
        }
    }

    /// <summary><see cref="Forward"/> at one vector width (tests force each width through here).</summary>
    internal static void Forward<TVector>(Span<float> output, ReadOnlySpan<float> input, float alpha)
        where TVector : struct, IVector<TVector>
    {
        Require.Exactly(output.Length, nameof(output), new ExpectedLength("input.Length", input.Length));
        Require.ZeroToBelowOne(alpha);
        Elementwise.Unary<NegativeSlopeOperator, TVector>(output, input, alpha);
    }

    /// <summary><see cref="Backward"/> at one vector width (tests force each width through here).</summary>
    internal static void Backward<TVector>(Span<float> dInput, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> output, float alpha)
        where TVector : struct, IVector<TVector>
    {
        Require.Exactly(dInput.Length, nameof(dInput), new ExpectedLength("output.Length", output.Length));
        Require.Exactly(dOutput.Length, nameof(dOutput), new ExpectedLength("output.Length", output.Length));
        Require.ZeroToBelowOne(alpha);
        Elementwise.Binary<NegativeSlopeBackwardOperator, TVector>(dInput, dOutput, output, alpha);
    }
}
