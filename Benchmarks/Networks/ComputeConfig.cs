using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using Perfolizer.Horology;
using BenchmarkDotNet.Jobs;

namespace StaticNets.Benchmarks.Networks;

/// <summary>
/// The generation config's short job, reused for the network and kernel benchmarks so that both suites together finish
/// in about four minutes on a 2-core machine: one process launch, 3 warm-up and 15 measured iterations. Iterations are
/// 250 ms rather than 500 ms: each call here takes microseconds to milliseconds, so 250 ms still averages many calls,
/// and the two suites have 35 cases. The benchmark classes turn the memory diagnoser on themselves.
/// </summary>
public sealed class ComputeConfig : ManualConfig
{
    public ComputeConfig()
    {
        AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(3)
            .WithIterationCount(15)
            .WithIterationTime(TimeInterval.FromMilliseconds(250))
            .WithId("Short"));
        AddColumn(StatisticColumn.Median);
    }
}
