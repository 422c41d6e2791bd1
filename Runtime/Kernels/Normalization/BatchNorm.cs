using System;
using System.Runtime.CompilerServices;

namespace StaticNets.Kernels;

/// <summary>
/// Batch normalisation (notes §6.4), ŷ = γ(y - μ)/√(σ² + ε) + β per channel, over (batch, channels, spatial) tensors
/// with spatial = H·W for conv feature maps (statistics over batch·spatial values, as the notes prescribe for filters)
/// and 1 for fully-connected features. <see cref="BatchNormReference"/> is the plain-loop twin.
/// </summary>
/// <remarks>
/// Statistics take two passes (mean, then squared deviations from it), never E[y²] - E[y]², which cancels when the mean
/// is large against the spread. With spatial &gt; 1 each contiguous run of positions is summed in float vectors and the
/// runs are added in double; with spatial = 1 the rows are added lane-wise in float (a channel then sums only `batch`
/// values). The normalise and backward passes are vectorised along runs (spatial &gt; 1) or along channel rows (spatial = 1).
/// </remarks>
public static class BatchNorm
{
    /// <summary>
    /// Training-mode forward: normalises each channel with its batch mean μ and biased variance σ² (divided by
    /// m = batch·spatial), saves μ and 1/√(σ² + ε) for <see cref="Backward"/>, and updates the running statistics as
    /// PyTorch does: <c>running = (1 - momentum)·running + momentum·stat</c>, the variance's stat being the unbiased
    /// σ²·m/(m - 1). <paramref name="output"/> may be the same memory as <paramref name="input"/>, but the backward pass needs the input.
    /// </summary>
    /// <param name="output">(batch, channels, spatial), overwritten.</param>
    /// <param name="input">(batch, channels, spatial).</param>
    /// <param name="gamma">(channels): scales.</param>
    /// <param name="beta">(channels): shifts.</param>
    /// <param name="runningMean">(channels): updated in place.</param>
    /// <param name="runningVariance">(channels): updated in place.</param>
    /// <param name="savedMean">(channels), overwritten with the batch means.</param>
    /// <param name="savedInverseStd">(channels), overwritten with 1/√(σ² + ε).</param>
    /// <param name="batch">Examples in the batch.</param>
    /// <param name="channels">Channels (features), each normalised on its own.</param>
    /// <param name="spatial">Positions per channel (height·width, or 1); batch·spatial must be at least 2.</param>
    /// <param name="momentum">Weight of the new batch statistics in the running ones, in [0, 1] (PyTorch's default 0.1).</param>
    /// <param name="epsilon">Added to the variance, positive (PyTorch's default 1e-5).</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes, batch·spatial is 1, or momentum or epsilon is out of range.</exception>
    public static void ForwardTraining(Span<float> output, ReadOnlySpan<float> input, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        Span<float> runningMean, Span<float> runningVariance, Span<float> savedMean, Span<float> savedInverseStd, int batch, int channels, int spatial, float momentum, float epsilon)
    {
        switch (VectorDispatch.Best)
        {
            case VectorWidth.Bits512: ForwardTraining<Vector512Ops>(output, input, gamma, beta, runningMean, runningVariance, savedMean, savedInverseStd, batch, channels, spatial, momentum, epsilon); break;
            case VectorWidth.Bits256: ForwardTraining<Vector256Ops>(output, input, gamma, beta, runningMean, runningVariance, savedMean, savedInverseStd, batch, channels, spatial, momentum, epsilon); break;
            case VectorWidth.Bits128: ForwardTraining<Vector128Ops>(output, input, gamma, beta, runningMean, runningVariance, savedMean, savedInverseStd, batch, channels, spatial, momentum, epsilon); break;
            default: ForwardTraining<ScalarOps>(output, input, gamma, beta, runningMean, runningVariance, savedMean, savedInverseStd, batch, channels, spatial, momentum, epsilon); break;
        }
    }

    /// <summary>
    /// Inference-mode forward: the running statistics replace the batch's, <c>ŷ = γ(y - runningMean)/√(runningVariance + ε) + β</c>
    /// (any batch size, including 1). <paramref name="output"/> may be the same memory as <paramref name="input"/>.
    /// </summary>
    /// <param name="output">(batch, channels, spatial), overwritten.</param>
    /// <param name="input">(batch, channels, spatial).</param>
    /// <param name="gamma">(channels): scales.</param>
    /// <param name="beta">(channels): shifts.</param>
    /// <param name="runningMean">(channels).</param>
    /// <param name="runningVariance">(channels).</param>
    /// <param name="batch">Examples in the batch.</param>
    /// <param name="channels">Channels.</param>
    /// <param name="spatial">Positions per channel.</param>
    /// <param name="epsilon">Added to the variance, positive.</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes, or epsilon is out of range.</exception>
    public static void ForwardInference(Span<float> output, ReadOnlySpan<float> input, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        ReadOnlySpan<float> runningMean, ReadOnlySpan<float> runningVariance, int batch, int channels, int spatial, float epsilon)
    {
        switch (VectorDispatch.Best)
        {
            case VectorWidth.Bits512: ForwardInference<Vector512Ops>(output, input, gamma, beta, runningMean, runningVariance, batch, channels, spatial, epsilon); break;
            case VectorWidth.Bits256: ForwardInference<Vector256Ops>(output, input, gamma, beta, runningMean, runningVariance, batch, channels, spatial, epsilon); break;
            case VectorWidth.Bits128: ForwardInference<Vector128Ops>(output, input, gamma, beta, runningMean, runningVariance, batch, channels, spatial, epsilon); break;
            default: ForwardInference<ScalarOps>(output, input, gamma, beta, runningMean, runningVariance, batch, channels, spatial, epsilon); break;
        }
    }

    /// <summary>
    /// Backward pass for <see cref="ForwardTraining"/>: with x̂ = (x - μ)·istd, overwrites <c>dBeta = Σd</c>,
    /// <c>dGamma = Σd·x̂</c> and <c>dInput = γ·istd·(d - dBeta/m - x̂·dGamma/m)</c>. <paramref name="dInput"/> may be
    /// the same memory as <paramref name="dOutput"/> (each channel's sums are finished before its gradients are written).
    /// </summary>
    /// <param name="dInput">(batch, channels, spatial), overwritten.</param>
    /// <param name="dGamma">(channels), overwritten.</param>
    /// <param name="dBeta">(channels), overwritten.</param>
    /// <param name="dOutput">(batch, channels, spatial): gradient of the loss with respect to the output.</param>
    /// <param name="input">(batch, channels, spatial): the forward pass's input.</param>
    /// <param name="gamma">(channels).</param>
    /// <param name="savedMean">(channels): from <see cref="ForwardTraining"/>.</param>
    /// <param name="savedInverseStd">(channels): from <see cref="ForwardTraining"/>.</param>
    /// <param name="batch">Examples in the batch.</param>
    /// <param name="channels">Channels.</param>
    /// <param name="spatial">Positions per channel; batch·spatial must be at least 2.</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes, or batch·spatial is 1.</exception>
    public static void Backward(Span<float> dInput, Span<float> dGamma, Span<float> dBeta, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> input,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> savedMean, ReadOnlySpan<float> savedInverseStd, int batch, int channels, int spatial)
    {
        switch (VectorDispatch.Best)
        {
            case VectorWidth.Bits512: Backward<Vector512Ops>(dInput, dGamma, dBeta, dOutput, input, gamma, savedMean, savedInverseStd, batch, channels, spatial); break;
            case VectorWidth.Bits256: Backward<Vector256Ops>(dInput, dGamma, dBeta, dOutput, input, gamma, savedMean, savedInverseStd, batch, channels, spatial); break;
            case VectorWidth.Bits128: Backward<Vector128Ops>(dInput, dGamma, dBeta, dOutput, input, gamma, savedMean, savedInverseStd, batch, channels, spatial); break;
            default: Backward<ScalarOps>(dInput, dGamma, dBeta, dOutput, input, gamma, savedMean, savedInverseStd, batch, channels, spatial); break;
        }
    }

    /// <summary><see cref="ForwardTraining"/> at one vector width (tests force each width through here).</summary>
    internal static void ForwardTraining<TVector>(Span<float> output, ReadOnlySpan<float> input, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        Span<float> runningMean, Span<float> runningVariance, Span<float> savedMean, Span<float> savedInverseStd, int batch, int channels, int spatial, float momentum, float epsilon)
        where TVector : struct, IVector<TVector>
    {
        int count = CheckTrainingShape(batch, channels, spatial);
        var shape = new ExpectedLength("batch*channels*spatial", batch, channels, spatial);
        var perChannel = new ExpectedLength("channels", channels);
        Require.Exactly(output.Length, nameof(output), shape);
        Require.Exactly(input.Length, nameof(input), shape);
        Require.Exactly(gamma.Length, nameof(gamma), perChannel);
        Require.Exactly(beta.Length, nameof(beta), perChannel);
        Require.Exactly(runningMean.Length, nameof(runningMean), perChannel);
        Require.Exactly(runningVariance.Length, nameof(runningVariance), perChannel);
        Require.Exactly(savedMean.Length, nameof(savedMean), perChannel);
        Require.Exactly(savedInverseStd.Length, nameof(savedInverseStd), perChannel);
        Require.ZeroToOne(momentum);
        Require.PositiveFinite(epsilon);

        if (spatial == 1)
        {
            // savedMean and savedInverseStd serve as the per-channel sums until each channel is finished below.
            BatchNormRows.Means(savedMean, input, batch, channels);
            BatchNormRows.SquaredDeviations<TVector>(savedInverseStd, input, savedMean, batch, channels);
        }

        for (int c = 0; c < channels; c++)
        {
            double mean, variance;
            if (spatial == 1)
            {
                (mean, variance) = (savedMean[c], (double)savedInverseStd[c] / count);
            }
            else
            {
                (mean, variance) = BatchNormRuns.Statistics<TVector>(input, c, batch, channels, spatial);
            }

            savedMean[c] = (float)mean;
            savedInverseStd[c] = (float)(1 / Math.Sqrt(variance + epsilon));
            runningMean[c] = (float)((1 - (double)momentum) * runningMean[c] + momentum * mean);
            runningVariance[c] = (float)((1 - (double)momentum) * runningVariance[c] + momentum * variance * count / (count - 1));
        }

        Normalise<TVector>(output, input, gamma, beta, savedMean, savedInverseStd, spreadIsVariance: false, epsilon, batch, channels, spatial);
    }

    /// <summary><see cref="ForwardInference"/> at one vector width (tests force each width through here).</summary>
    internal static void ForwardInference<TVector>(Span<float> output, ReadOnlySpan<float> input, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        ReadOnlySpan<float> runningMean, ReadOnlySpan<float> runningVariance, int batch, int channels, int spatial, float epsilon)
        where TVector : struct, IVector<TVector>
    {
        var shape = CheckShape(batch, channels, spatial);
        var perChannel = new ExpectedLength("channels", channels);
        Require.Exactly(output.Length, nameof(output), shape);
        Require.Exactly(input.Length, nameof(input), shape);
        Require.Exactly(gamma.Length, nameof(gamma), perChannel);
        Require.Exactly(beta.Length, nameof(beta), perChannel);
        Require.Exactly(runningMean.Length, nameof(runningMean), perChannel);
        Require.Exactly(runningVariance.Length, nameof(runningVariance), perChannel);
        Require.PositiveFinite(epsilon);
        Normalise<TVector>(output, input, gamma, beta, runningMean, runningVariance, spreadIsVariance: true, epsilon, batch, channels, spatial);
    }

    /// <summary><see cref="Backward"/> at one vector width (tests force each width through here).</summary>
    internal static void Backward<TVector>(Span<float> dInput, Span<float> dGamma, Span<float> dBeta, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> input,
        ReadOnlySpan<float> gamma, ReadOnlySpan<float> savedMean, ReadOnlySpan<float> savedInverseStd, int batch, int channels, int spatial)
        where TVector : struct, IVector<TVector>
    {
        int count = CheckTrainingShape(batch, channels, spatial);
        var shape = new ExpectedLength("batch*channels*spatial", batch, channels, spatial);
        var perChannel = new ExpectedLength("channels", channels);
        Require.Exactly(dInput.Length, nameof(dInput), shape);
        Require.Exactly(dGamma.Length, nameof(dGamma), perChannel);
        Require.Exactly(dBeta.Length, nameof(dBeta), perChannel);
        Require.Exactly(dOutput.Length, nameof(dOutput), shape);
        Require.Exactly(input.Length, nameof(input), shape);
        Require.Exactly(gamma.Length, nameof(gamma), perChannel);
        Require.Exactly(savedMean.Length, nameof(savedMean), perChannel);
        Require.Exactly(savedInverseStd.Length, nameof(savedInverseStd), perChannel);

        if (spatial == 1)
        {
            BatchNormRows.Backward<TVector>(dInput, dGamma, dBeta, dOutput, input, gamma, savedMean, savedInverseStd, batch, channels);
            return;
        }

        for (int c = 0; c < channels; c++)
        {
            (double sumD, double sumDDeviation) = BatchNormRuns.GradientSums<TVector>(dOutput, input, savedMean[c], c, batch, channels, spatial);
            double inverseStd = savedInverseStd[c];
            dBeta[c] = (float)sumD;
            dGamma[c] = (float)(inverseStd * sumDDeviation);
            // dInput = k·(d - a - (x - μ)·b) with k = γ·istd, a = Σd/m, b = istd²·Σd(x - μ)/m.
            float k = (float)(gamma[c] * inverseStd), a = (float)(sumD / count), b = (float)(inverseStd * inverseStd * sumDDeviation / count);
            BatchNormRuns.InputGradient<TVector>(dInput, dOutput, input, savedMean[c], k, a, b, c, batch, channels, spatial);
        }
    }

    // Writes output = (x - mean)·scale + beta, scale = γ·istd (training) or γ/√(var + ε) (inference), per channel.
    [SkipLocalsInit]
    private static void Normalise<TVector>(Span<float> output, ReadOnlySpan<float> input, ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> spread, bool spreadIsVariance, float epsilon, int batch, int channels, int spatial)
        where TVector : struct, IVector<TVector>
    {
        if (spatial > 1)
        {
            for (int c = 0; c < channels; c++)
            {
                BatchNormRuns.Normalise<TVector>(output, input, mean[c], Scale(gamma, spread, spreadIsVariance, epsilon, c), beta[c], c, batch, channels, spatial);
            }

            return;
        }

        Span<float> scales = stackalloc float[StackChunk.Length];
        for (int first = 0; first < channels; first += StackChunk.Length)
        {
            int length = Math.Min(StackChunk.Length, channels - first);
            for (int k = 0; k < length; k++)
            {
                scales[k] = Scale(gamma, spread, spreadIsVariance, epsilon, first + k);
            }

            BatchNormRows.Normalise<TVector>(output, input, mean, scales[..length], beta, first, batch, channels);
        }
    }

    private static float Scale(ReadOnlySpan<float> gamma, ReadOnlySpan<float> spread, bool spreadIsVariance, float epsilon, int c) =>
        spreadIsVariance ? (float)(gamma[c] / Math.Sqrt((double)spread[c] + epsilon)) : gamma[c] * spread[c];

    private static ExpectedLength CheckShape(int batch, int channels, int spatial)
    {
        Require.Positive(batch);
        Require.Positive(channels);
        Require.Positive(spatial);
        return new ExpectedLength("batch*channels*spatial", batch, channels, spatial);
    }

    // The number m of values per channel; training needs two or more to estimate a variance.
    private static int CheckTrainingShape(int batch, int channels, int spatial)
    {
        CheckShape(batch, channels, spatial);
        var count = new ExpectedLength("batch*spatial", batch, spatial);
        if (count.Product < 2)
        {
            throw new ArgumentException(
                $"Batch normalisation in training needs more than 1 value per channel ({count}) to estimate a variance: use a batch of 2 or more, or ForwardInference.",
                nameof(batch));
        }

        return count.Product;
    }
}
