namespace StaticNets.Benchmarks.Kernels;

/// <summary>One fully connected layer of the reference networks.</summary>
public sealed record FullyConnectedShape(string Name, int InFeatures, int OutFeatures)
{
    /// <summary>Every FC layer of mlp2, lenet5 and cifar, at the sizes they use.</summary>
    public static FullyConnectedShape[] ReferenceNetworks { get; } =
    {
        new("mlp2 fc1 3072->100", 3072, 100),
        new("mlp2 fc2 100->10", 100, 10),
        new("lenet5 fc1 400->120", 400, 120),
        new("lenet5 fc2 120->84", 120, 84),
        new("lenet5 fc3 84->10", 84, 10),
        new("cifar fc1 2048->256", 2048, 256),
        new("cifar fc2 256->10", 256, 10),
    };

    // BenchmarkDotNet prints a parameter with ToString.
    public override string ToString() => Name;
}
