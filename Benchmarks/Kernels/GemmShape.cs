using StaticNets.Kernels;

namespace StaticNets.Benchmarks.Kernels;

/// <summary>One matrix product a reference network computes: its form and sizes, and where it comes from.</summary>
public sealed record GemmShape(string Name, string Form, int M, int N, int K)
{
    /// <summary>
    /// The products of cifar's convolutions (c1..c6, per example: forward, weight and input gradient), one of the
    /// sixteen point products of Winograd on conv4 (a 256-tile chunk), and FC layers at batch 64. Names are short
    /// because BenchmarkDotNet truncates long parameter values in its table.
    /// </summary>
    public static readonly GemmShape[] ReferenceNetworks =
    [
        new("c1 fwd", "AB", 32, 1024, 27),
        new("c2 fwd", "AB", 32, 1024, 288),
        new("c4 fwd", "AB", 64, 256, 576),
        new("c6 fwd", "AB", 128, 64, 1152),
        new("c2 dW", "ABt", 32, 288, 1024),
        new("c6 dW", "ABt", 128, 1152, 64),
        new("c2 dX", "AtB", 288, 1024, 32),
        new("c6 dX", "AtB", 1152, 64, 128),
        new("wino c4", "AB", 64, 256, 64),
        new("mlp fc1", "ABt", 64, 100, 3072),
        new("mlp fc1 dW", "AtB", 100, 3072, 64),
        new("cfc1 dW", "AtB", 256, 2048, 64),
        new("len fc1 dX", "AB", 64, 400, 120),
    ];

    internal GemmForm GemmForm => System.Enum.Parse<GemmForm>(Form);

    public override string ToString() => Name;
}
