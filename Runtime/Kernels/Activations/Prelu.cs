using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNets.Kernels;

/// <summary>
/// Parametric ReLU (notes §6.1.4): leaky ReLU whose negative slope is trained, one slope per channel, over
/// (batch, channels, spatial) tensors with spatial = H·W (1 after a fully-connected layer). <see cref="PreluReference"/>
/// is the plain-loop twin.
/// </summary>
/// <remarks>
/// With spatial &gt; 1 each channel's run of positions is one vectorised loop with the slope broadcast; with spatial = 1
/// each example's row is one loop with the slopes loaded lane by lane.
/// </remarks>
public static class Prelu
{
    /// <summary>
    /// Forward pass: <c>output[n, c, s] = x &gt; 0 ? x : slopes[c]·x</c>. Not in place: <paramref name="output"/> must not
    /// overlap <paramref name="input"/>, which the backward pass reads.
    /// </summary>
    /// <param name="output">(batch, channels, spatial), overwritten.</param>
    /// <param name="input">(batch, channels, spatial).</param>
    /// <param name="slopes">(channels): the trainable negative slopes.</param>
    /// <param name="batch">Examples in the batch.</param>
    /// <param name="channels">Channels, each with its own slope.</param>
    /// <param name="spatial">Positions per channel (height·width, or 1).</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes, or output overlaps input.</exception>
    public static void Forward(Span<float> output, ReadOnlySpan<float> input, ReadOnlySpan<float> slopes, int batch, int channels, int spatial)
    {
        switch (VectorDispatch.Best)
        {
            case VectorWidth.Bits512: Forward<Vector512Ops>(output, input, slopes, batch, channels, spatial); break;
            case VectorWidth.Bits256: Forward<Vector256Ops>(output, input, slopes, batch, channels, spatial); break;
            case VectorWidth.Bits128: Forward<Vector128Ops>(output, input, slopes, batch, channels, spatial); break;
            default: Forward<ScalarOps>(output, input, slopes, batch, channels, spatial); break;
        }
    }

    /// <summary>
    /// Backward pass: <c>dInput = x &gt; 0 ? d : slopes[c]·d</c>, and <paramref name="dSlopes"/> overwritten with
    /// <c>Σ d·x</c> over the batch and positions where <c>x &lt; 0</c>. <paramref name="dInput"/> may be the same memory as <paramref name="dOutput"/>.
    /// </summary>
    /// <param name="dInput">(batch, channels, spatial), overwritten.</param>
    /// <param name="dSlopes">(channels), overwritten: the slopes' gradient summed over the batch.</param>
    /// <param name="dOutput">(batch, channels, spatial): gradient of the loss with respect to the output.</param>
    /// <param name="input">(batch, channels, spatial): the forward pass's input.</param>
    /// <param name="slopes">(channels).</param>
    /// <param name="batch">Examples in the batch.</param>
    /// <param name="channels">Channels.</param>
    /// <param name="spatial">Positions per channel.</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes.</exception>
    public static void Backward(Span<float> dInput, Span<float> dSlopes, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> input, ReadOnlySpan<float> slopes, int batch, int channels, int spatial)
    {
        switch (VectorDispatch.Best)
        {
            case VectorWidth.Bits512: Backward<Vector512Ops>(dInput, dSlopes, dOutput, input, slopes, batch, channels, spatial); break;
            case VectorWidth.Bits256: Backward<Vector256Ops>(dInput, dSlopes, dOutput, input, slopes, batch, channels, spatial); break;
            case VectorWidth.Bits128: Backward<Vector128Ops>(dInput, dSlopes, dOutput, input, slopes, batch, channels, spatial); break;
            default: Backward<ScalarOps>(dInput, dSlopes, dOutput, input, slopes, batch, channels, spatial); break;
        }
    }

    /// <summary><see cref="Forward"/> at one vector width (tests force each width through here).</summary>
    internal static void Forward<TVector>(Span<float> output, ReadOnlySpan<float> input, ReadOnlySpan<float> slopes, int batch, int channels, int spatial)
        where TVector : struct, IVector<TVector>
    {
        var shape = CheckShapes(batch, channels, spatial);
        Require.Exactly(output.Length, nameof(output), shape);
        Require.Exactly(input.Length, nameof(input), shape);
        Require.Exactly(slopes.Length, nameof(slopes), new ExpectedLength("channels", channels));
        if (output.Overlaps(input))
        {
            throw new ArgumentException("output must not overlap input: PReLU's backward pass reads the forward input.", nameof(output));
        }

        if (spatial == 1)
        {
            for (int n = 0; n < batch; n++)
            {
                Elementwise.Unary<NegativeSlopeOperator, TVector>(output.Slice(n * channels, channels), input.Slice(n * channels, channels), slopes);
            }

            return;
        }

        for (int n = 0; n < batch; n++)
        {
            for (int c = 0; c < channels; c++)
            {
                int start = (n * channels + c) * spatial;
                Elementwise.Unary<NegativeSlopeOperator, TVector>(output.Slice(start, spatial), input.Slice(start, spatial), slopes[c]);
            }
        }
    }

    /// <summary><see cref="Backward"/> at one vector width (tests force each width through here).</summary>
    internal static void Backward<TVector>(Span<float> dInput, Span<float> dSlopes, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> input, ReadOnlySpan<float> slopes, int batch, int channels, int spatial)
        where TVector : struct, IVector<TVector>
    {
        var shape = CheckShapes(batch, channels, spatial);
        var perChannel = new ExpectedLength("channels", channels);
        Require.Exactly(dInput.Length, nameof(dInput), shape);
        Require.Exactly(dSlopes.Length, nameof(dSlopes), perChannel);
        Require.Exactly(dOutput.Length, nameof(dOutput), shape);
        Require.Exactly(input.Length, nameof(input), shape);
        Require.Exactly(slopes.Length, nameof(slopes), perChannel);

        ref float inputGradients = ref MemoryMarshal.GetReference(dInput);
        ref float outputGradients = ref MemoryMarshal.GetReference(dOutput);
        ref float inputs = ref MemoryMarshal.GetReference(input);
        if (spatial == 1)
        {
            // Rows of channels: the slopes and their gradients are loaded lane by lane, summed in float over the batch.
            dSlopes.Clear();
            ref float slopeGradients = ref MemoryMarshal.GetReference(dSlopes);
            ref float slopeValues = ref MemoryMarshal.GetReference(slopes);
            for (int n = 0; n < batch; n++)
            {
                nint row = (nint)n * channels;
                RowBackward<TVector>(ref Unsafe.Add(ref inputGradients, row), ref slopeGradients, ref Unsafe.Add(ref outputGradients, row), ref Unsafe.Add(ref inputs, row), ref slopeValues, channels);
            }

            return;
        }

        for (int c = 0; c < channels; c++)
        {
            // Each run's float partial sum is added in double: a channel's gradient sums batch·spatial products.
            double slopeGradient = 0;
            for (int n = 0; n < batch; n++)
            {
                nint start = ((nint)n * channels + c) * spatial;
                slopeGradient += RunBackward<TVector>(ref Unsafe.Add(ref inputGradients, start), ref Unsafe.Add(ref outputGradients, start), ref Unsafe.Add(ref inputs, start), spatial, slopes[c]);
            }

            dSlopes[c] = (float)slopeGradient;
        }
    }

    private static ExpectedLength CheckShapes(int batch, int channels, int spatial)
    {
        Require.Positive(batch);
        Require.Positive(channels);
        Require.Positive(spatial);
        return new ExpectedLength("batch*channels*spatial", batch, channels, spatial);
    }

    // One channel's run: writes dInput, returns Σ d·min(x, 0). d and x are read before dInput is written (dInput may be
    // dOutput). Both results in one pass: TensorPrimitives has neither the select nor a masked dot product.
    private static float RunBackward<TVector>(ref float dInput, ref float dOutput, ref float input, int length, float slope)
        where TVector : struct, IVector<TVector>
    {
        TVector slopes = TVector.Broadcast(slope);
        TVector sum = TVector.Zero;
        nint i = 0;
        for (; i <= length - TVector.Count; i += TVector.Count)
        {
            TVector d = TVector.Load(ref Unsafe.Add(ref dOutput, i)), x = TVector.Load(ref Unsafe.Add(ref input, i));
            sum = TVector.MultiplyAdd(d, TVector.Min(x, TVector.Zero), sum);
            TVector.Store(NegativeSlopeBackwardOperator.Invoke(d, x, slopes), ref Unsafe.Add(ref dInput, i));
        }

        float total = TVector.Sum(sum);
        for (; i < length; i++)
        {
            float d = Unsafe.Add(ref dOutput, i), x = Unsafe.Add(ref input, i);
            total += d * MathF.Min(x, 0);
            Unsafe.Add(ref dInput, i) = x > 0 ? d : slope * d;
        }

        return total;
    }

    // One example's row of channels (spatial = 1): writes dInput, adds d·min(x, 0) into dSlopes lane by lane.
    private static void RowBackward<TVector>(ref float dInput, ref float dSlopes, ref float dOutput, ref float input, ref float slopes, int length)
        where TVector : struct, IVector<TVector>
    {
        nint i = 0;
        for (; i <= length - TVector.Count; i += TVector.Count)
        {
            RowStep<TVector>(ref dInput, ref dSlopes, ref dOutput, ref input, ref slopes, i);
        }

        for (; i < length; i++)
        {
            RowStep<ScalarOps>(ref dInput, ref dSlopes, ref dOutput, ref input, ref slopes, i);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void RowStep<TVector>(ref float dInput, ref float dSlopes, ref float dOutput, ref float input, ref float slopes, nint i)
        where TVector : struct, IVector<TVector>
    {
        TVector d = TVector.Load(ref Unsafe.Add(ref dOutput, i)), x = TVector.Load(ref Unsafe.Add(ref input, i));
        ref float slopeGradient = ref Unsafe.Add(ref dSlopes, i);
        TVector.Store(TVector.MultiplyAdd(d, TVector.Min(x, TVector.Zero), TVector.Load(ref slopeGradient)), ref slopeGradient);
        TVector.Store(NegativeSlopeBackwardOperator.Invoke(d, x, TVector.Load(ref Unsafe.Add(ref slopes, i))), ref Unsafe.Add(ref dInput, i));
    }
}
