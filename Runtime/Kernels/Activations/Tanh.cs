using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace StaticNets.Kernels;

/// <summary>Hyperbolic tangent (notes §6.1.2), elementwise over any tensor. <see cref="TanhReference"/> is the plain-loop twin.</summary>
/// <remarks>
/// Not TensorPrimitives.Tanh, which computes (e^2x - 1)/(e^2x + 1) and cancels near 0 (off by 800 000 ulp at 1e-6):
/// tanh is formed from e^(-2|x|) (TensorPrimitives.Exp, one stack chunk at a time) as described on <see cref="TanhOperator"/>.
/// </remarks>
public static class Tanh
{
    /// <summary>Forward pass: <c>output[i] = tanh(input[i])</c>. <paramref name="output"/> may be the same memory as <paramref name="input"/> (in place).</summary>
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

    /// <summary>Backward pass from the forward output t: <c>dInput[i] = dOutput[i]·(1 - t²)</c>. <paramref name="dInput"/> may be the same memory as <paramref name="dOutput"/>.</summary>
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
    [SkipLocalsInit]
    internal static void Forward<TVector>(Span<float> output, ReadOnlySpan<float> input)
        where TVector : struct, IVector<TVector>
    {
        Require.Exactly(output.Length, nameof(output), new ExpectedLength("input.Length", input.Length));

        Span<float> exp = stackalloc float[StackChunk.Length];
        for (int start = 0; start < input.Length; start += StackChunk.Length)
        {
            int length = Math.Min(StackChunk.Length, input.Length - start);
            ReadOnlySpan<float> x = input.Slice(start, length);
            Span<float> e = exp[..length];
            Elementwise.Unary<MinusTwiceMagnitudeOperator, TVector>(e, x, 0);
            TensorPrimitives.Exp(e, e);
            Elementwise.Binary<TanhOperator, TVector>(output.Slice(start, length), x, e);
        }
    }

    /// <summary><see cref="Backward"/> at one vector width (tests force each width through here).</summary>
    internal static void Backward<TVector>(Span<float> dInput, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> output)
        where TVector : struct, IVector<TVector>
    {
        Require.Exactly(dInput.Length, nameof(dInput), new ExpectedLength("output.Length", output.Length));
        Require.Exactly(dOutput.Length, nameof(dOutput), new ExpectedLength("output.Length", output.Length));
        Elementwise.Binary<TanhBackwardOperator, TVector>(dInput, dOutput, output);
    }
}
