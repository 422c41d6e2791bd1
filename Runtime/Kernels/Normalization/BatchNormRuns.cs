using System;
using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNets.Kernels;

/// <summary>
/// <see cref="BatchNorm"/>'s loops for spatial &gt; 1: channel c of example n is the contiguous run
/// [(n·channels + c)·spatial, +spatial), processed with the channel's values broadcast; each run's float sums are
/// added in double.
/// </summary>
internal static class BatchNormRuns
{
    /// <summary>Channel c's mean and biased variance, two passes.</summary>
    public static (double Mean, double Variance) Statistics<TVector>(ReadOnlySpan<float> input, int c, int batch, int channels, int spatial)
        where TVector : struct, IVector<TVector>
    {
        double sum = 0;
        for (int n = 0; n < batch; n++)
        {
            sum += TensorPrimitives.Sum(input.Slice((n * channels + c) * spatial, spatial));
        }

        double count = (double)batch * spatial;
        double mean = sum / count;
        // TensorPrimitives has no sum of squared deviations from a scalar without a scratch copy; this loop needs none.
        var meanVector = TVector.Broadcast((float)mean);
        double squares = 0;
        for (int n = 0; n < batch; n++)
        {
            ref float run = ref Unsafe.Add(ref MemoryMarshal.GetReference(input), ((nint)n * channels + c) * spatial);
            TVector total = TVector.Zero;
            nint i = 0;
            for (; i <= spatial - TVector.Count; i += TVector.Count)
            {
                TVector deviation = TVector.Subtract(TVector.Load(ref Unsafe.Add(ref run, i)), meanVector);
                total = TVector.MultiplyAdd(deviation, deviation, total);
            }

            float partial = TVector.Sum(total);
            for (; i < spatial; i++)
            {
                float deviation = Unsafe.Add(ref run, i) - (float)mean;
                partial += deviation * deviation;
            }

            squares += partial;
        }

        return (mean, squares / count);
    }

    /// <summary>output = (x - mean)·scale + beta over channel c's runs.</summary>
    public static void Normalise<TVector>(Span<float> output, ReadOnlySpan<float> input, float mean, float scale, float beta, int c, int batch, int channels, int spatial)
        where TVector : struct, IVector<TVector>
    {
        // One pass per run; TensorPrimitives would take two (Subtract, then MultiplyAdd).
        TVector means = TVector.Broadcast(mean), scales = TVector.Broadcast(scale), betas = TVector.Broadcast(beta);
        for (int n = 0; n < batch; n++)
        {
            nint start = ((nint)n * channels + c) * spatial;
            ref float outputRun = ref Unsafe.Add(ref MemoryMarshal.GetReference(output), start);
            ref float inputRun = ref Unsafe.Add(ref MemoryMarshal.GetReference(input), start);
            nint i = 0;
            for (; i <= spatial - TVector.Count; i += TVector.Count)
            {
                TVector.Store(TVector.MultiplyAdd(TVector.Subtract(TVector.Load(ref Unsafe.Add(ref inputRun, i)), means), scales, betas), ref Unsafe.Add(ref outputRun, i));
            }

            for (; i < spatial; i++)
            {
                Unsafe.Add(ref outputRun, i) = (Unsafe.Add(ref inputRun, i) - mean) * scale + beta;
            }
        }
    }

    /// <summary>Σd and Σd·(x - mean) over channel c.</summary>
    public static (double SumD, double SumDDeviation) GradientSums<TVector>(ReadOnlySpan<float> dOutput, ReadOnlySpan<float> input, float mean, int c, int batch, int channels, int spatial)
        where TVector : struct, IVector<TVector>
    {
        // Both sums in one pass over d and x; TensorPrimitives has Sum, but Σd·(x - mean) would need a scratch row.
        TVector means = TVector.Broadcast(mean);
        double sumD = 0, sumDDeviation = 0;
        for (int n = 0; n < batch; n++)
        {
            nint start = ((nint)n * channels + c) * spatial;
            ref float dRun = ref Unsafe.Add(ref MemoryMarshal.GetReference(dOutput), start);
            ref float inputRun = ref Unsafe.Add(ref MemoryMarshal.GetReference(input), start);
            TVector d = TVector.Zero, dDeviation = TVector.Zero;
            nint i = 0;
            for (; i <= spatial - TVector.Count; i += TVector.Count)
            {
                TVector gradient = TVector.Load(ref Unsafe.Add(ref dRun, i));
                d = TVector.Add(d, gradient);
                dDeviation = TVector.MultiplyAdd(gradient, TVector.Subtract(TVector.Load(ref Unsafe.Add(ref inputRun, i)), means), dDeviation);
            }

            float partialD = TVector.Sum(d), partialDDeviation = TVector.Sum(dDeviation);
            for (; i < spatial; i++)
            {
                float gradient = Unsafe.Add(ref dRun, i);
                partialD += gradient;
                partialDDeviation += gradient * (Unsafe.Add(ref inputRun, i) - mean);
            }

            sumD += partialD;
            sumDDeviation += partialDDeviation;
        }

        return (sumD, sumDDeviation);
    }

    /// <summary>dInput = k·((mean - x)·b + (d - a)) over channel c; each element's d is read before its dInput is written.</summary>
    public static void InputGradient<TVector>(Span<float> dInput, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> input, float mean, float k, float a, float b, int c, int batch, int channels, int spatial)
        where TVector : struct, IVector<TVector>
    {
        TVector means = TVector.Broadcast(mean), ks = TVector.Broadcast(k), as_ = TVector.Broadcast(a), bs = TVector.Broadcast(b);
        for (int n = 0; n < batch; n++)
        {
            nint start = ((nint)n * channels + c) * spatial;
            ref float dInputRun = ref Unsafe.Add(ref MemoryMarshal.GetReference(dInput), start);
            ref float dRun = ref Unsafe.Add(ref MemoryMarshal.GetReference(dOutput), start);
            ref float inputRun = ref Unsafe.Add(ref MemoryMarshal.GetReference(input), start);
            nint i = 0;
            for (; i <= spatial - TVector.Count; i += TVector.Count)
            {
                TVector centred = TVector.Subtract(means, TVector.Load(ref Unsafe.Add(ref inputRun, i)));
                TVector shifted = TVector.Subtract(TVector.Load(ref Unsafe.Add(ref dRun, i)), as_);
                TVector.Store(TVector.Multiply(ks, TVector.MultiplyAdd(centred, bs, shifted)), ref Unsafe.Add(ref dInputRun, i));
            }

            for (; i < spatial; i++)
            {
                Unsafe.Add(ref dInputRun, i) = k * ((mean - Unsafe.Add(ref inputRun, i)) * b + (Unsafe.Add(ref dRun, i) - a));
            }
        }
    }
}
