using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using StaticNets.Benchmarks.Networks;
using StaticNets.Kernels;

namespace StaticNets.Benchmarks.Kernels;

/// <summary>
/// <see cref="Conv2d.Forward"/> and <see cref="Conv2d.Backward"/> alone, at batch 64, for each convolution of the
/// cifar reference network. Backward computes the input gradient too, as the generated code does for every layer
/// but the first.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ComputeConfig))]
public class Conv2dKernelBenchmarks
{
    private const int Batch = 64;

    private float[] _input = null!;
    private float[] _weight = null!;
    private float[] _bias = null!;
    private float[] _output = null!;
    private float[] _dOutput = null!;
    private float[] _dInput = null!;
    private float[] _dWeight = null!;
    private float[] _dBias = null!;
    private float[] _workspace = null!;

    public static IEnumerable<ConvLayerShape> Layers => ConvLayerShape.Cifar;

    [ParamsSource(nameof(Layers))]
    public ConvLayerShape Layer { get; set; } = ConvLayerShape.Cifar[0];

    [GlobalSetup]
    public void Setup()
    {
        // One core: these rows are the single-thread kernel figures.
        KernelThreads.Count = 1;
        ConvLayerShape l = Layer;
        int inputLength = Batch * l.InChannels * l.Size * l.Size;
        int outputLength = Batch * l.OutChannels * l.Size * l.Size;
        int weightLength = l.OutChannels * l.InChannels * ConvLayerShape.KernelSize * ConvLayerShape.KernelSize;
        _input = KernelData.Random(inputLength, seed: 1);
        _weight = KernelData.Random(weightLength, seed: 2);
        _bias = KernelData.Random(l.OutChannels, seed: 3);
        _dOutput = KernelData.Random(outputLength, seed: 4);
        _output = new float[outputLength];
        _dInput = new float[inputLength];
        _dWeight = new float[weightLength];
        _dBias = new float[l.OutChannels];
        _workspace = new float[Conv2d.WorkspaceLength(l.InChannels, l.Size, l.Size, l.OutChannels, ConvLayerShape.KernelSize, ConvLayerShape.Stride, ConvLayerShape.Padding)];
    }

    [Benchmark]
    public void ConvForward() =>
        Conv2d.Forward(_output, _input, _weight, _bias, _workspace,
            Batch, Layer.InChannels, Layer.Size, Layer.Size, Layer.OutChannels, ConvLayerShape.KernelSize, ConvLayerShape.Stride, ConvLayerShape.Padding);

    [Benchmark]
    public void ConvBackward() =>
        Conv2d.Backward(_dInput, _dWeight, _dBias, _dOutput, _input, _weight, _workspace,
            Batch, Layer.InChannels, Layer.Size, Layer.Size, Layer.OutChannels, ConvLayerShape.KernelSize, ConvLayerShape.Stride, ConvLayerShape.Padding);
}
