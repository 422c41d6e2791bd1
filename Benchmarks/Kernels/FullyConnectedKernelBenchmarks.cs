using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using StaticNets.Benchmarks.Networks;
using StaticNets.Kernels;

namespace StaticNets.Benchmarks.Kernels;

/// <summary><see cref="FullyConnected.Forward"/> alone, at batch 1 and 64, for each FC layer of the reference networks.</summary>
[MemoryDiagnoser]
[Config(typeof(ComputeConfig))]
public class FullyConnectedKernelBenchmarks
{
    private float[] _input = null!;
    private float[] _weight = null!;
    private float[] _bias = null!;
    private float[] _output = null!;

    public static IEnumerable<FullyConnectedShape> Layers => FullyConnectedShape.ReferenceNetworks;

    [ParamsSource(nameof(Layers))]
    public FullyConnectedShape Layer { get; set; } = FullyConnectedShape.ReferenceNetworks[0];

    [Params(1, 64)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        // One core: these rows are the single-thread kernel figures.
        KernelThreads.Count = 1;
        _input = KernelData.Random(Batch * Layer.InFeatures, seed: 1);
        _weight = KernelData.Random(Layer.OutFeatures * Layer.InFeatures, seed: 2);
        _bias = KernelData.Random(Layer.OutFeatures, seed: 3);
        _output = new float[Batch * Layer.OutFeatures];
    }

    [Benchmark]
    public void FcForward() =>
        FullyConnected.Forward(_output, _input, _weight, _bias, Batch, Layer.InFeatures, Layer.OutFeatures);
}
