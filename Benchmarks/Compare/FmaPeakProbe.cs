using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace StaticNets.Benchmarks.Compare;

/// <summary>
/// Measures one core's fused multiply-add throughput: ten independent accumulators, so that the FMA latency
/// (4 cycles) is hidden behind enough work for two FMA ports, and nothing but FMAs in the loop.
/// </summary>
internal static class FmaPeakProbe
{
    private const int Accumulators = 10;
    private const int IterationsPerChunk = 100_000;
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(0.2);

    /// <summary>Width of the vectors the probe used, in bits.</summary>
    public static int VectorBits => Vector512.IsHardwareAccelerated ? 512 : 256;

    public static double MeasureGflops()
    {
        // A short first run lets the JIT promote the loop to optimised code before the timed run.
        RunChunks(TimeSpan.FromSeconds(0.05));
        return RunChunks(Duration);
    }

    private static double RunChunks(TimeSpan duration)
    {
        int lanes = Vector512.IsHardwareAccelerated ? Vector512<float>.Count : Vector256<float>.Count;
        long chunks = 0;
        float sink = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            sink += Vector512.IsHardwareAccelerated ? Chunk512() : Chunk256();
            chunks++;
        }
        double seconds = clock.Elapsed.TotalSeconds;
        if (float.IsNaN(sink))
        {
            throw new InvalidOperationException("The FMA probe's accumulators overflowed to NaN.");
        }
        double flops = 2.0 * chunks * IterationsPerChunk * Accumulators * lanes;
        return flops / seconds / 1e9;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Chunk512()
    {
        // Multiplier just below 1 and a small addend keep the values finite for any number of iterations.
        Vector512<float> a = Vector512.Create(0.999999f);
        Vector512<float> b = Vector512.Create(1e-7f);
        Vector512<float> s0 = Vector512.Create(1.0f), s1 = Vector512.Create(1.1f), s2 = Vector512.Create(1.2f);
        Vector512<float> s3 = Vector512.Create(1.3f), s4 = Vector512.Create(1.4f), s5 = Vector512.Create(1.5f);
        Vector512<float> s6 = Vector512.Create(1.6f), s7 = Vector512.Create(1.7f), s8 = Vector512.Create(1.8f);
        Vector512<float> s9 = Vector512.Create(1.9f);
        for (int i = 0; i < IterationsPerChunk; i++)
        {
            s0 = Vector512.FusedMultiplyAdd(s0, a, b);
            s1 = Vector512.FusedMultiplyAdd(s1, a, b);
            s2 = Vector512.FusedMultiplyAdd(s2, a, b);
            s3 = Vector512.FusedMultiplyAdd(s3, a, b);
            s4 = Vector512.FusedMultiplyAdd(s4, a, b);
            s5 = Vector512.FusedMultiplyAdd(s5, a, b);
            s6 = Vector512.FusedMultiplyAdd(s6, a, b);
            s7 = Vector512.FusedMultiplyAdd(s7, a, b);
            s8 = Vector512.FusedMultiplyAdd(s8, a, b);
            s9 = Vector512.FusedMultiplyAdd(s9, a, b);
        }
        Vector512<float> sum = s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9;
        return Vector512.Sum(sum);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static float Chunk256()
    {
        Vector256<float> a = Vector256.Create(0.999999f);
        Vector256<float> b = Vector256.Create(1e-7f);
        Vector256<float> s0 = Vector256.Create(1.0f), s1 = Vector256.Create(1.1f), s2 = Vector256.Create(1.2f);
        Vector256<float> s3 = Vector256.Create(1.3f), s4 = Vector256.Create(1.4f), s5 = Vector256.Create(1.5f);
        Vector256<float> s6 = Vector256.Create(1.6f), s7 = Vector256.Create(1.7f), s8 = Vector256.Create(1.8f);
        Vector256<float> s9 = Vector256.Create(1.9f);
        for (int i = 0; i < IterationsPerChunk; i++)
        {
            s0 = Vector256.FusedMultiplyAdd(s0, a, b);
            s1 = Vector256.FusedMultiplyAdd(s1, a, b);
            s2 = Vector256.FusedMultiplyAdd(s2, a, b);
            s3 = Vector256.FusedMultiplyAdd(s3, a, b);
            s4 = Vector256.FusedMultiplyAdd(s4, a, b);
            s5 = Vector256.FusedMultiplyAdd(s5, a, b);
            s6 = Vector256.FusedMultiplyAdd(s6, a, b);
            s7 = Vector256.FusedMultiplyAdd(s7, a, b);
            s8 = Vector256.FusedMultiplyAdd(s8, a, b);
            s9 = Vector256.FusedMultiplyAdd(s9, a, b);
        }
        Vector256<float> sum = s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 + s8 + s9;
        return Vector256.Sum(sum);
    }
}
