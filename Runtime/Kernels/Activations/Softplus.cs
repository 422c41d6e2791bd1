using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;

namespace StaticNets.Kernels;

/// <summary>Softplus, f(x) = ln(1 + e^x), a smooth ReLU, elementwise over any tensor. <see cref="SoftplusReference"/> is the plain-loop twin.</summary>
/// <remarks>
/// Computed as max(x, 0) + ln(1 + e^(-|x|)), so e^x never overflows for large x and ln(1 + t) keeps tiny t (large
/// negative x, where softplus(x) ≈ e^x) instead of rounding 1 + t to 1; see <see cref="SoftplusOperator"/>. The
/// exponentials and logarithms are TensorPrimitives passes over one stack chunk at a time.
/// </remarks>
public static class Softplus
{
    /// <summary>Forward pass: <c>output[i] = ln(1 + e^input[i])</c>. <paramref name="output"/> may be the same memory as <paramref name="input"/> (in place).</summary>
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
    /// Backward pass from the forward output y: the derivative is sigmoid(x) = 1 - e^(-y), computed as -(e^(-y) - 1) so
    /// it stays accurate for tiny y. <paramref name="dInput"/> may be the same memory as <paramref name="dOutput"/>.
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
    [SkipLocalsInit]
    internal static void Forward<TVector>(Span<float> output, ReadOnlySpan<float> input)
        where TVector : struct, IVector<TVector>
    {
        Require.Exactly(output.Length, nameof(output), new ExpectedLength("input.Length", input.Length));

        Span<float> exp = stackalloc float[StackChunk.Length];
        Span<float> log = stackalloc float[StackChunk.Length];
        for (int start = 0; start < input.Length; start += StackChunk.Length)
        {
            int length = Math.Min(StackChunk.Length, input.Length - start);
            ReadOnlySpan<float> x = input.Slice(start, length);
            Span<float> t = exp[..length], lnW = log[..length];
            Elementwise.Unary<MinusMagnitudeOperator, TVector>(t, x, 0);
            TensorPrimitives.Exp(t, t);
            TensorPrimitives.Add(t, 1f, lnW);
            TensorPrimitives.Log(lnW, lnW);
            Elementwise.Ternary<SoftplusOperator, TVector>(output.Slice(start, length), x, t, lnW);
        }
    }

    /// <summary><see cref="Backward"/> at one vector width (tests force each width through here).</summary>
    [SkipLocalsInit]
    internal static void Backward<TVector>(Span<float> dInput, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> output)
        where TVector : struct, IVector<TVector>
    {
        Require.Exactly(dInput.Length, nameof(dInput), new ExpectedLength("output.Length", output.Length));
        Require.Exactly(dOutput.Length, nameof(dOutput), new ExpectedLength("output.Length", output.Length));

        Span<float> exp = stackalloc float[StackChunk.Length];
        for (int start = 0; start < output.Length; start += StackChunk.Length)
        {
            int length = Math.Min(StackChunk.Length, output.Length - start);
            ReadOnlySpan<float> y = output.Slice(start, length);
            Span<float> e = exp[..length];
            TensorPrimitives.Negate(y, e);
            TensorPrimitives.Exp(e, e);
            Elementwise.Ternary<SoftplusBackwardOperator, TVector>(dInput.Slice(start, length), dOutput.Slice(start, length), y, e);
        }
    }
}
