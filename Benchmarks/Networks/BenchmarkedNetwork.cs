namespace StaticNets.Benchmarks.Networks;

/// <summary>The reference networks of DESIGN.md, as the benchmarks' parameter.</summary>
public enum BenchmarkedNetwork
{
    Mlp2,
    Lenet5,
    Cifar,
}
