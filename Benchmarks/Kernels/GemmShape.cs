using StaticNets.Kernels;

namespace StaticNets.Benchmarks.Kernels;

/// <summary>One matrix product a reference network computes: its form and sizes, and where it comes from.</summary>
public sealed record GemmShape(string Name, string Form, int M, int N, int K)
{
    /// <summary>The products of cifar's convolutions (per example) and of the FC layers at batch 64.</summary>
    public static readonly GemmShape[] ReferenceNetworks =
    [
        new("cifar conv1 fwd", "AB", 32, 1024, 27),
        new("cifar conv2 fwd", "AB", 32, 1024, 288),
        new("cifar conv4 fwd", "AB", 64, 256, 576),
        new("cifar conv6 fwd", "AB", 128, 64, 1152),
        new("cifar conv2 dW", "ABt", 32, 288, 1024),
        new("cifar conv6 dW", "ABt", 128, 1152, 64),
        new("cifar conv2 dX", "AtB", 288, 1024, 32),
        new("cifar conv6 dX", "AtB", 1152, 64, 128),
        new("winograd conv4 point", "AB", 64, 256, 64),
        new("mlp2 fc1 fwd b64", "ABt", 64, 100, 3072),
        new("mlp2 fc1 dW b64", "AtB", 100, 3072, 64),
        new("cifar fc1 dW b64", "AtB", 256, 2048, 64),
        new("lenet5 fc1 dX b64", "AB", 64, 400, 120),
    ];

    internal GemmForm GemmForm => System.Enum.Parse<GemmForm>(Form);

    public override string ToString() => $"{Name} {Form} {M}x{N}x{K}";
}
