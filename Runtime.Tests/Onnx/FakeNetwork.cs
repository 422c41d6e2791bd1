using System;
using System.Collections.Generic;

namespace StaticNets.Runtime.Tests.Onnx;

/// <summary>
/// A network described only by its layer table, for layer sequences the generator would never emit. It has enough
/// zeroed parameters for its offsets and cannot run.
/// </summary>
internal sealed class FakeNetwork : INetwork
{
    private readonly LayerInfo[] _layers;
    private readonly float[] _parameters = new float[256];

    public FakeNetwork(params LayerInfo[] layers)
    {
        _layers = layers;
    }

    public int InputLength => _layers[0].Input.Length;

    public int OutputLength => _layers[^1].Output.Length;

    public int ParameterCount => _parameters.Length;

    public int MaxBatch => 1;

    public Span<float> Parameters => _parameters;

    public IReadOnlyList<ParameterTensor> ParameterTensors => Array.Empty<ParameterTensor>();

    public Span<float> Buffers => Span<float>.Empty;

    public IReadOnlyList<ParameterTensor> BufferTensors => Array.Empty<ParameterTensor>();

    public IReadOnlyList<LayerInfo> Layers => _layers;

    public Span<float> Gradients => Span<float>.Empty;

    public float L2Regularization { get; set; }

    public float L1Regularization { get; set; }

    public ulong RandomState { get; set; }

    public float DataLoss => 0;

    public void InitializeParameters(int seed) => Array.Clear(_parameters);

    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch) =>
        throw new InvalidOperationException("A fake network only describes layers; it cannot compute.");
}
