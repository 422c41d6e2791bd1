using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace StaticNets.Kernels;

/// <summary>
/// Exponential linear unit, f(x) = x for x &gt; 0, alpha·(e^x - 1) otherwise (notes §6.1.4), elementwise over any tensor.
/// <see cref="EluReference"/> is the plain-loop twin.
/// </summary>
/// <remarks>
/// e^x comes from TensorPrimitives.Exp, one stack chunk at a time; e^x - 1 is taken from a series near 0, where the
/// subtraction would cancel (<see cref="NegativeExpM1"/>), so small negative inputs keep full relative accuracy.
/// </remarks>
public static class Elu
{
    /// <summary>Forward pass: <c>output[i] = x &gt; 0 ? x : alpha·(e^x - 1)</c>. <paramref name="output"/> may be the same memory as <paramref name="input"/> (in place).</summary>
    /// <param name="output">Same length as <paramref name="input"/>, overwritten.</param>
    /// <param name="input">Any shape, flattened.</param>
    /// <param name="alpha">The value approached as x → -∞, with a minus sign; at least 0 (1 in the ELU paper).</param>
    /// <exception cref="ArgumentException">The lengths differ, or alpha is negative or not finite.</exception>
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
    /// Backward pass from the forward output (so the forward may run in place): <c>dInput[i] = output &gt; 0 ? d : d·(output + alpha)</c>,
    /// since the derivative alpha·e^x equals output + alpha where x &lt;= 0. <paramref name="dInput"/> may be the same memory as <paramref name="dOutput"/>.
    /// </summary>
    /// <param name="dInput">Same length as <paramref name="output"/>, overwritten.</param>
    /// <param name="dOutput">Gradient of the loss with respect to the output.</param>
    /// <param name="output">The forward pass's output.</param>
    /// <param name="alpha">The forward pass's alpha.</param>
    /// <exception cref="ArgumentException">The lengths differ, or alpha is negative or not finite.</exception>
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
    [SkipLocalsInit]
    internal static void Forward<TVector>(Span<float> output, ReadOnlySpan<float> input, float alpha)
        where TVector : struct, IVector<TVector>
    {
        Require.Exactly(output.Length, nameof(output), new ExpectedLength("input.Length", input.Length));
        Require.NonNegativeFinite(alpha);

        Span<float> exp = stackalloc float[StackChunk.Length];
        for (int start = 0; start < input.Length; start += StackChunk.Length)
        {
            int length = Math.Min(StackChunk.Length, input.Length - start);
            ReadOnlySpan<float> x = input.Slice(start, length);
            Span<float> e = exp[..length];
            // Positive inputs may overflow to +∞ here; their lanes take x instead.
            TensorPrimitives.Exp(x, e);
            Elementwise.Binary<EluOperator, TVector>(output.Slice(start, length), x, e, alpha);
        }
    }

    /// <summary><see cref="Backward"/> at one vector width (tests force each width through here).</summary>
    internal static void Backward<TVector>(Span<float> dInput, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> output, float alpha)
        where TVector : struct, IVector<TVector>
    {
        Require.Exactly(dInput.Length, nameof(dInput), new ExpectedLength("output.Length", output.Length));
        Require.Exactly(dOutput.Length, nameof(dOutput), new ExpectedLength("output.Length", output.Length));
        Require.NonNegativeFinite(alpha);
        Elementwise.Binary<EluBackwardOperator, TVector>(dInput, dOutput, output, alpha);
    }
}
