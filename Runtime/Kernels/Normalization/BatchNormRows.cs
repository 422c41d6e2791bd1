using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNets.Kernels;

/// <summary>
/// <see cref="BatchNorm"/>'s loops for spatial = 1 (fully-connected features): example n is the row
/// [n·channels, +channels), and per-channel values are loaded lane by lane, so every pass is vectorised across channels.
/// Sums over the batch are kept in float: each channel adds only `batch` values.
/// </summary>
internal static class BatchNormRows
{
    /// <summary>means[c] = Σ_n x[n, c] / batch.</summary>
    public static void Means(Span<float> means, ReadOnlySpan<float> input, int batch, int channels)
    {
        input[..channels].CopyTo(means);
        for (int n = 1; n < batch; n++)
        {
            TensorPrimitives.Add(means, input.Slice(n * channels, channels), means);
        }

        TensorPrimitives.Divide(means, batch, means);
    }

    /// <summary>squares[c] = Σ_n (x[n, c] - means[c])².</summary>
    public static void SquaredDeviations<TVector>(Span<float> squares, ReadOnlySpan<float> input, ReadOnlySpan<float> means, int batch, int channels)
        where TVector : struct, IVector<TVector>
    {
        squares.Clear();
        for (int n = 0; n < batch; n++)
        {
            Elementwise.Ternary<SquaredDeviationAccumulator, TVector>(squares, squares, input.Slice(n * channels, channels), means);
        }
    }

    /// <summary>output[n, first + k] = (x - means)·scales[k] + beta for the channels first .. first + scales.Length - 1.</summary>
    public static void Normalise<TVector>(Span<float> output, ReadOnlySpan<float> input, ReadOnlySpan<float> means, ReadOnlySpan<float> scales, ReadOnlySpan<float> beta, int first, int batch, int channels)
        where TVector : struct, IVector<TVector>
    {
        int length = scales.Length;
        ref float meanValues = ref Unsafe.Add(ref MemoryMarshal.GetReference(means), first);
        ref float scaleValues = ref MemoryMarshal.GetReference(scales);
        ref float betaValues = ref Unsafe.Add(ref MemoryMarshal.GetReference(beta), first);
        for (int n = 0; n < batch; n++)
        {
            nint start = (nint)n * channels + first;
            ref float outputRow = ref Unsafe.Add(ref MemoryMarshal.GetReference(output), start);
            ref float inputRow = ref Unsafe.Add(ref MemoryMarshal.GetReference(input), start);
            nint i = 0;
            for (; i <= length - TVector.Count; i += TVector.Count)
            {
                NormaliseStep<TVector>(ref outputRow, ref inputRow, ref meanValues, ref scaleValues, ref betaValues, i);
            }

            for (; i < length; i++)
            {
                NormaliseStep<ScalarOps>(ref outputRow, ref inputRow, ref meanValues, ref scaleValues, ref betaValues, i);
            }
        }
    }

    /// <summary>
    /// The whole backward pass for spatial = 1: Σd into dBeta and Σd·(x - μ) into dGamma over every row first (so dInput
    /// may be dOutput), then dGamma scaled by istd and dInput written chunk by chunk from per-channel coefficients.
    /// </summary>
    [SkipLocalsInit]
    public static void Backward<TVector>(Span<float> dInput, Span<float> dGamma, Span<float> dBeta, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> input,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> savedMean, ReadOnlySpan<float> savedInverseStd, int batch, int channels)
        where TVector : struct, IVector<TVector>
    {
        dBeta.Clear();
        dGamma.Clear();
        ref float sumD = ref MemoryMarshal.GetReference(dBeta);
        ref float sumDDeviation = ref MemoryMarshal.GetReference(dGamma);
        ref float meanValues = ref MemoryMarshal.GetReference(savedMean);
        for (int n = 0; n < batch; n++)
        {
            nint start = (nint)n * channels;
            ref float dRow = ref Unsafe.Add(ref MemoryMarshal.GetReference(dOutput), start);
            ref float inputRow = ref Unsafe.Add(ref MemoryMarshal.GetReference(input), start);
            nint i = 0;
            for (; i <= channels - TVector.Count; i += TVector.Count)
            {
                GradientSumsStep<TVector>(ref sumD, ref sumDDeviation, ref dRow, ref inputRow, ref meanValues, i);
            }

            for (; i < channels; i++)
            {
                GradientSumsStep<ScalarOps>(ref sumD, ref sumDDeviation, ref dRow, ref inputRow, ref meanValues, i);
            }
        }

        Span<float> ks = stackalloc float[StackChunk.Length], as_ = stackalloc float[StackChunk.Length], bs = stackalloc float[StackChunk.Length];
        for (int first = 0; first < channels; first += StackChunk.Length)
        {
            int length = Math.Min(StackChunk.Length, channels - first);
            for (int k = 0; k < length; k++)
            {
                int c = first + k;
                double inverseStd = savedInverseStd[c], channelSum = dGamma[c];
                ks[k] = (float)(gamma[c] * inverseStd);
                as_[k] = (float)((double)dBeta[c] / batch);
                bs[k] = (float)(inverseStd * inverseStd * channelSum / batch);
                dGamma[c] = (float)(inverseStd * channelSum);
            }

            InputGradient<TVector>(dInput, dOutput, input, savedMean, ks[..length], as_[..length], bs[..length], first, batch, channels);
        }
    }

    private static void InputGradient<TVector>(Span<float> dInput, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> input, ReadOnlySpan<float> means,
        ReadOnlySpan<float> ks, ReadOnlySpan<float> as_, ReadOnlySpan<float> bs, int first, int batch, int channels)
        where TVector : struct, IVector<TVector>
    {
        int length = ks.Length;
        ref float meanValues = ref Unsafe.Add(ref MemoryMarshal.GetReference(means), first);
        ref float kValues = ref MemoryMarshal.GetReference(ks);
        ref float aValues = ref MemoryMarshal.GetReference(as_);
        ref float bValues = ref MemoryMarshal.GetReference(bs);
        for (int n = 0; n < batch; n++)
        {
            nint start = (nint)n * channels + first;
            ref float dInputRow = ref Unsafe.Add(ref MemoryMarshal.GetReference(dInput), start);
            ref float dRow = ref Unsafe.Add(ref MemoryMarshal.GetReference(dOutput), start);
            ref float inputRow = ref Unsafe.Add(ref MemoryMarshal.GetReference(input), start);
            nint i = 0;
            for (; i <= length - TVector.Count; i += TVector.Count)
            {
                InputGradientStep<TVector>(ref dInputRow, ref dRow, ref inputRow, ref meanValues, ref kValues, ref aValues, ref bValues, i);
            }

            for (; i < length; i++)
            {
                InputGradientStep<ScalarOps>(ref dInputRow, ref dRow, ref inputRow, ref meanValues, ref kValues, ref aValues, ref bValues, i);
            }
        }
    }

    // sumD += d; sumDDeviation += d·(x - mean), lane by lane.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void GradientSumsStep<TVector>(ref float sumD, ref float sumDDeviation, ref float dOutput, ref float input, ref float means, nint i)
        where TVector : struct, IVector<TVector>
    {
        TVector d = TVector.Load(ref Unsafe.Add(ref dOutput, i));
        ref float dSum = ref Unsafe.Add(ref sumD, i);
        ref float dDeviationSum = ref Unsafe.Add(ref sumDDeviation, i);
        TVector centred = TVector.Subtract(TVector.Load(ref Unsafe.Add(ref input, i)), TVector.Load(ref Unsafe.Add(ref means, i)));
        TVector.Store(TVector.Add(TVector.Load(ref dSum), d), ref dSum);
        TVector.Store(TVector.MultiplyAdd(d, centred, TVector.Load(ref dDeviationSum)), ref dDeviationSum);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void NormaliseStep<TVector>(ref float output, ref float input, ref float means, ref float scales, ref float betas, nint i)
        where TVector : struct, IVector<TVector>
    {
        TVector centred = TVector.Subtract(TVector.Load(ref Unsafe.Add(ref input, i)), TVector.Load(ref Unsafe.Add(ref means, i)));
        TVector.Store(TVector.MultiplyAdd(centred, TVector.Load(ref Unsafe.Add(ref scales, i)), TVector.Load(ref Unsafe.Add(ref betas, i))), ref Unsafe.Add(ref output, i));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void InputGradientStep<TVector>(ref float dInput, ref float dOutput, ref float input, ref float means, ref float ks, ref float as_, ref float bs, nint i)
        where TVector : struct, IVector<TVector>
    {
        TVector centred = TVector.Subtract(TVector.Load(ref Unsafe.Add(ref means, i)), TVector.Load(ref Unsafe.Add(ref input, i)));
        TVector shifted = TVector.Subtract(TVector.Load(ref Unsafe.Add(ref dOutput, i)), TVector.Load(ref Unsafe.Add(ref as_, i)));
        TVector.Store(TVector.Multiply(TVector.Load(ref Unsafe.Add(ref ks, i)), TVector.MultiplyAdd(centred, TVector.Load(ref Unsafe.Add(ref bs, i)), shifted)), ref Unsafe.Add(ref dInput, i));
    }
}

/// <summary>Running sum of squared deviations, <c>sum + (x - mean)²</c>; TensorPrimitives would need a scratch row for x - mean.</summary>
internal readonly struct SquaredDeviationAccumulator : ITernaryOperator
{
    /// <summary>x is the running sum, y the value, z the mean.</summary>
    public static TVector Invoke<TVector>(TVector x, TVector y, TVector z) where TVector : struct, IVector<TVector>
    {
        TVector deviation = TVector.Subtract(y, z);
        return TVector.MultiplyAdd(deviation, deviation, x);
    }
}
