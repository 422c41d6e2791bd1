using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using StaticNets.Benchmarks.Generation;

namespace StaticNets.Benchmarks.Configuration;

/// <summary>
/// Short enough for a 2-core machine to finish the generation suite in a few minutes: one process launch,
/// 3 warm-up and 10 measured iterations (BenchmarkDotNet's ShortRun uses 3 of each; 10 give a usable error).
/// </summary>
public sealed class GenerationConfig : ManualConfig
{
    public GenerationConfig()
    {
        AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(10)
            .WithId("Short"));
        AddColumn(PerNetworkColumn.Time(NetworkCorpus.NetworkCount), PerNetworkColumn.Allocation(NetworkCorpus.NetworkCount));
    }
}
