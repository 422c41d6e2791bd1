using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using StaticNets.Benchmarks.Generation;

namespace StaticNets.Benchmarks.Configuration;

/// <summary>
/// Short enough for a 2-core machine to finish the generation suite in about a minute and a half: one process
/// launch, 3 warm-up and 15 measured iterations of at least 500 ms each (BenchmarkDotNet's ShortRun uses 3 of
/// each; 15 give a usable error and a median that shrugs off the odd iteration disturbed by another process).
/// </summary>
public sealed class GenerationConfig : ManualConfig
{
    public GenerationConfig()
    {
        AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(15)
            .WithId("Short"));
        AddColumn(StatisticColumn.Median);
        AddColumn(PerNetworkColumn.Time(NetworkCorpus.NetworkCount), PerNetworkColumn.Allocation(NetworkCorpus.NetworkCount));
    }
}
