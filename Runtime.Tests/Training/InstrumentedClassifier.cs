using System;
using System.Collections.Generic;

namespace StaticNets.Runtime.Tests.Training;

/// <summary>
/// Wraps a classifier and gives it one buffer, the number of training passes run so far, so a test can see which
/// epoch's buffers the trainer restored; <see cref="Layers"/> can be replaced to present a different architecture.
/// </summary>
internal sealed class InstrumentedClassifier(IClassifier inner) : IClassifier
{
    private readonly float[] _buffers = new float[1];

    public IReadOnlyList<LayerInfo>? LayersOverride { get; set; }

    public int InputLength => inner.InputLength;

    public int OutputLength => inner.OutputLength;

    public int ParameterCount => inner.ParameterCount;

    public int MaxBatch => inner.MaxBatch;

    public Span<float> Parameters => inner.Parameters;

    public IReadOnlyList<ParameterTensor> ParameterTensors => inner.ParameterTensors;

    public Span<float> Buffers => _buffers;

    public IReadOnlyList<ParameterTensor> BufferTensors { get; } = [new ParameterTensor("training_passes", 0, 1)];

    public IReadOnlyList<LayerInfo> Layers => LayersOverride ?? inner.Layers;

    public Span<float> Gradients => inner.Gradients;

    public float L2Regularization { get => inner.L2Regularization; set => inner.L2Regularization = value; }

    public float L1Regularization { get => inner.L1Regularization; set => inner.L1Regularization = value; }

    public ulong RandomState { get => inner.RandomState; set => inner.RandomState = value; }

    public float DataLoss => inner.DataLoss;

    public void InitializeParameters(int seed)
    {
        inner.InitializeParameters(seed);
        _buffers[0] = 0;
    }

    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch) => inner.Forward(input, output, batch);

    public void Predict(ReadOnlySpan<float> input, Span<int> predictions, int batch) => inner.Predict(input, predictions, batch);

    public float ForwardBackward(ReadOnlySpan<float> input, ReadOnlySpan<int> labels, int batch)
    {
        _buffers[0]++;
        return inner.ForwardBackward(input, labels, batch);
    }
}
