using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace StaticNets.Benchmarks.Compare;

/// <summary>
/// Times one call at a time after a warm-up and returns the median, which a few slow calls (another job on the
/// shared machine, a GC of the other library) do not move. Bounded by time so that cifar at batch 64 stays short.
/// </summary>
internal static class MedianTimer
{
    private const int WarmUpCalls = 50;
    private const int MinSamples = 7;
    private const int MaxSamples = 2000;
    private static readonly TimeSpan WarmUpLimit = TimeSpan.FromSeconds(0.4);
    private static readonly TimeSpan SampleLimit = TimeSpan.FromSeconds(1.2);

    public static double MedianMicroseconds(Action call)
    {
        // Tiered compilation promotes a method after 30 calls; the warm-up gets past that (and ONNX Runtime's
        // first-run allocations) before anything is timed.
        var warmUp = Stopwatch.StartNew();
        for (int i = 0; i < WarmUpCalls && warmUp.Elapsed < WarmUpLimit; i++)
        {
            call();
        }

        var samples = new List<double>(MaxSamples);
        var total = Stopwatch.StartNew();
        while (samples.Count < MaxSamples && (samples.Count < MinSamples || total.Elapsed < SampleLimit))
        {
            long start = Stopwatch.GetTimestamp();
            call();
            samples.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
        }
        samples.Sort();
        int middle = samples.Count / 2;
        return samples.Count % 2 == 1 ? samples[middle] : (samples[middle - 1] + samples[middle]) / 2;
    }
}
