using System;
using System.Numerics;

namespace StaticNets.Kernels;

/// <summary>
/// Batch normalisation from notes §6.4, ŷ = γ(y - μ_B)/√(σ²_B + ε) + β per channel over the batch and every position
/// (m = batch·spatial values), generic over the float type; the backward is the chain rule of Ioffe &amp; Szegedy's
/// paper (through σ², then μ). Same shapes and meaning as <see cref="BatchNorm"/>: (batch, channels, spatial).
/// </summary>
internal static class BatchNormReference
{
    /// <summary>Normalises with the batch mean and biased variance; saves μ and 1/√(σ² + ε); running = (1 - momentum)·running + momentum·stat, the variance unbiased (·m/(m - 1)).</summary>
    public static void ForwardTraining<T>(Span<T> output, ReadOnlySpan<T> input, ReadOnlySpan<T> gamma, ReadOnlySpan<T> beta,
        Span<T> runningMean, Span<T> runningVariance, Span<T> savedMean, Span<T> savedInverseStd, int batch, int channels, int spatial, T momentum, T epsilon)
        where T : IFloatingPointIeee754<T>
    {
        T m = T.CreateChecked(batch * spatial);
        for (int c = 0; c < channels; c++)
        {
            T sum = T.Zero;
            for (int n = 0; n < batch; n++)
            {
                for (int s = 0; s < spatial; s++)
                {
                    sum += input[(n * channels + c) * spatial + s];
                }
            }

            T mean = sum / m;
            T squares = T.Zero;
            for (int n = 0; n < batch; n++)
            {
                for (int s = 0; s < spatial; s++)
                {
                    T deviation = input[(n * channels + c) * spatial + s] - mean;
                    squares += deviation * deviation;
                }
            }

            T variance = squares / m;
            T inverseStd = T.One / T.Sqrt(variance + epsilon);
            for (int n = 0; n < batch; n++)
            {
                for (int s = 0; s < spatial; s++)
                {
                    int i = (n * channels + c) * spatial + s;
                    output[i] = gamma[c] * (input[i] - mean) * inverseStd + beta[c];
                }
            }

            savedMean[c] = mean;
            savedInverseStd[c] = inverseStd;
            runningMean[c] = (T.One - momentum) * runningMean[c] + momentum * mean;
            runningVariance[c] = (T.One - momentum) * runningVariance[c] + momentum * variance * m / (m - T.One);
        }
    }

    /// <summary>Inference: the running statistics replace the batch's, ŷ = γ(y - μ)/√(σ² + ε) + β.</summary>
    public static void ForwardInference<T>(Span<T> output, ReadOnlySpan<T> input, ReadOnlySpan<T> gamma, ReadOnlySpan<T> beta,
        ReadOnlySpan<T> runningMean, ReadOnlySpan<T> runningVariance, int batch, int channels, int spatial, T epsilon)
        where T : IFloatingPointIeee754<T>
    {
        for (int n = 0; n < batch; n++)
        {
            for (int c = 0; c < channels; c++)
            {
                for (int s = 0; s < spatial; s++)
                {
                    int i = (n * channels + c) * spatial + s;
                    output[i] = gamma[c] * (input[i] - runningMean[c]) / T.Sqrt(runningVariance[c] + epsilon) + beta[c];
                }
            }
        }
    }

    /// <summary>
    /// With x̂ = (x - μ)·istd: dβ = Σd, dγ = Σd·x̂, dx̂ = d·γ, dσ² = Σdx̂·(x - μ)·(-½)·istd³,
    /// dμ = Σ(-dx̂·istd) + dσ²·Σ(-2(x - μ))/m, dx = dx̂·istd + dσ²·2(x - μ)/m + dμ/m. All three outputs overwritten.
    /// </summary>
    public static void Backward<T>(Span<T> dInput, Span<T> dGamma, Span<T> dBeta, ReadOnlySpan<T> dOutput, ReadOnlySpan<T> input,
        ReadOnlySpan<T> gamma, ReadOnlySpan<T> savedMean, ReadOnlySpan<T> savedInverseStd, int batch, int channels, int spatial)
        where T : IFloatingPointIeee754<T>
    {
        T m = T.CreateChecked(batch * spatial);
        T two = T.CreateChecked(2);
        for (int c = 0; c < channels; c++)
        {
            T mean = savedMean[c], inverseStd = savedInverseStd[c];
            T sumD = T.Zero, sumDXHat = T.Zero, dVariance = T.Zero, sumDXHatTimesIstd = T.Zero, sumDeviation = T.Zero;
            for (int n = 0; n < batch; n++)
            {
                for (int s = 0; s < spatial; s++)
                {
                    int i = (n * channels + c) * spatial + s;
                    T deviation = input[i] - mean;
                    T dXHat = dOutput[i] * gamma[c];
                    sumD += dOutput[i];
                    sumDXHat += dOutput[i] * deviation * inverseStd;
                    dVariance += dXHat * deviation * (-T.One / two) * inverseStd * inverseStd * inverseStd;
                    sumDXHatTimesIstd -= dXHat * inverseStd;
                    sumDeviation -= two * deviation;
                }
            }

            T dMean = sumDXHatTimesIstd + dVariance * sumDeviation / m;
            for (int n = 0; n < batch; n++)
            {
                for (int s = 0; s < spatial; s++)
                {
                    int i = (n * channels + c) * spatial + s;
                    dInput[i] = dOutput[i] * gamma[c] * inverseStd + dVariance * two * (input[i] - mean) / m + dMean / m;
                }
            }

            dGamma[c] = sumDXHat;
            dBeta[c] = sumD;
        }
    }
}
