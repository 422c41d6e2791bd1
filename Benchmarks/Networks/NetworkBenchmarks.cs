using System;
using System.Diagnostics;
using System.Threading;
using BenchmarkDotNet.Attributes;
using StaticNets.Training;

namespace StaticNets.Benchmarks.Networks;

/// <summary>
/// The generated passes of the reference networks: inference at batch 1 and 64, and one training step at batch 64
/// (<c>ForwardBackward</c> then <see cref="SgdMomentum.Step"/>), as a training loop runs it. The network, its arena
/// and the batch are built once in the setup, so every call must allocate nothing.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ComputeConfig))]
public class NetworkBenchmarks
{
    private const int Batch = 64;
    private const int WarmUpCalls = 100;
    private static readonly TimeSpan WarmUpLimit = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan WarmUpPause = TimeSpan.FromMilliseconds(500);

    private IClassifier _network = null!;
    private SgdMomentum _optimizer = null!;
    private float[] _input = null!;
    private float[] _output = null!;
    private int[] _labels = null!;

    [Params(BenchmarkedNetwork.Mlp2, BenchmarkedNetwork.Lenet5, BenchmarkedNetwork.Cifar)]
    public BenchmarkedNetwork Network { get; set; }

    /// <summary>KernelThreads.Count for the run: 1 for the single-core figures, 2 for this machine's two cores.</summary>
    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        StaticNets.Kernels.KernelThreads.Count = Threads;
        _network = Network switch
        {
            BenchmarkedNetwork.Mlp2 => new Mlp2Network(Batch),
            BenchmarkedNetwork.Lenet5 => new Lenet5Network(Batch),
            BenchmarkedNetwork.Cifar => new CifarNetwork(Batch),
            _ => throw new ArgumentOutOfRangeException(nameof(Network), Network, "Expected one of the reference networks."),
        };
        _network.InitializeParameters(seed: 1);
        // A small learning rate keeps the weights (and so the time per step) steady over thousands of steps.
        _optimizer = new SgdMomentum(_network, learningRate: 1e-4f, momentum: 0.9f);

        var random = new Random(1);
        _input = new float[Batch * _network.InputLength];
        for (int i = 0; i < _input.Length; i++)
        {
            _input[i] = (float)random.NextDouble() - 0.5f;
        }
        _labels = new int[Batch];
        for (int i = 0; i < _labels.Length; i++)
        {
            _labels[i] = random.Next(_network.OutputLength);
        }
        _output = new float[Batch * _network.OutputLength];
        WarmUp();
    }

    /// <summary>
    /// Runs each pass up to 100 times, then pauses, so that the JIT can replace its first, unoptimised code
    /// (tiered compilation promotes a method after 30 calls, on a background thread) before BenchmarkDotNet's pilot
    /// chooses the calls per iteration. Without this, lenet5's training step measured 56 ms in the pilot, which then
    /// chose 4 calls per iteration, and the first half of the measured iterations were 3.5 times slower than the rest.
    /// </summary>
    private void WarmUp()
    {
        var clock = Stopwatch.StartNew();
        for (int call = 0; call < WarmUpCalls && clock.Elapsed < WarmUpLimit; call++)
        {
            ForwardBatch1();
            ForwardBatch64();
            TrainingStepBatch64();
        }
        Thread.Sleep(WarmUpPause);
        ForwardBatch1();
        ForwardBatch64();
        TrainingStepBatch64();
    }

    [Benchmark]
    public void ForwardBatch1() => _network.Forward(_input.AsSpan(0, _network.InputLength), _output.AsSpan(0, _network.OutputLength), 1);

    [Benchmark]
    public void ForwardBatch64() => _network.Forward(_input, _output, Batch);

    [Benchmark]
    public float TrainingStepBatch64()
    {
        float loss = _network.ForwardBackward(_input, _labels, Batch);
        _optimizer.Step();
        return loss;
    }
}
