namespace StaticNets.Benchmarks.Kernels;

/// <summary>One convolution of the cifar reference network: 3x3 filters, stride 1, "same" padding (1).</summary>
public sealed record ConvLayerShape(string Name, int InChannels, int OutChannels, int Size)
{
    public const int KernelSize = 3;
    public const int Stride = 1;
    public const int Padding = 1;

    /// <summary>The six convolutions of cifar, in order: two at each of 32x32, 16x16 and 8x8.</summary>
    public static ConvLayerShape[] Cifar { get; } =
    {
        new("conv1 3->32 @32x32", 3, 32, 32),
        new("conv2 32->32 @32x32", 32, 32, 32),
        new("conv3 32->64 @16x16", 32, 64, 16),
        new("conv4 64->64 @16x16", 64, 64, 16),
        new("conv5 64->128 @8x8", 64, 128, 8),
        new("conv6 128->128 @8x8", 128, 128, 8),
    };

    /// <summary>Multiply-adds of the forward pass for one example.</summary>
    public long MultiplyAddsPerExample => (long)OutChannels * Size * Size * InChannels * KernelSize * KernelSize;

    // BenchmarkDotNet prints a parameter with ToString.
    public override string ToString() => Name;
}
