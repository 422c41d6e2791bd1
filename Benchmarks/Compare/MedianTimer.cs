using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace StaticNets.Benchmarks.Compare;

/// <summary>
/// Times one call at a time after a warm-up and returns the median, which a few slow calls (another job on the
/// shared machine, a GC of the other library) do not move. Bounded by time so that cifar at batch 64 stays short.
/// </summary>
internal static class MedianTimer
{
    private const int WarmUpCalls = 100;
    private const int MinSamples = 7;
    private const int MaxSamples = 2000;
    private static readonly TimeSpan WarmUpTime = TimeSpan.FromSeconds(0.5);
    private static readonly TimeSpan WarmUpLimit = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan SampleLimit = TimeSpan.FromSeconds(1.2);

    public static double MedianMicroseconds(Action call)
    {
        // Tiered compilation queues a method for optimisation after 30 calls and compiles it on a background thread
        // once new tier-0 activity has paused for 100 ms. A warm-up of 50 calls in a fraction of a millisecond (the
        // first version of this timer) left lenet5 at batch 1 timed mostly in unoptimised code: 29 µs here against
        // 11.5 µs under BenchmarkDotNet. So: at least 100 calls and 0.5 s, then a pause for the background JIT, then
        // a few calls more.
        var warmUp = Stopwatch.StartNew();
        for (int i = 0; (i < WarmUpCalls || warmUp.Elapsed < WarmUpTime) && warmUp.Elapsed < WarmUpLimit; i++)
        {
            call();
        }

        Thread.Sleep(300);
        for (int i = 0; i < 3; i++)
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
