using System;
using System.Collections.Generic;

namespace StaticNets.Runtime.Tests.Training;

/// <summary>
/// An <see cref="INetwork"/> that is nothing but a parameter and a gradient array, so optimizer tests can set
/// gradients by hand and check the update arithmetic alone.
/// </summary>
internal sealed class ArrayNetwork(int parameterCount) : INetwork
{
    public float[] ParameterArray { get; } = new float[parameterCount];

    public float[] GradientArray { get; } = new float[parameterCount];

    public int InputLength => 1;

    public int OutputLength => 1;

    public int ParameterCount => ParameterArray.Length;

    public int MaxBatch => 1;

    public Span<float> Parameters => ParameterArray;

    public Span<float> Gradients => GradientArray;

    // Not a network of layers: only the optimizer arithmetic is tested on it.
    public IReadOnlyList<LayerInfo> Layers { get; } = [];

    public IReadOnlyList<ParameterTensor> ParameterTensors { get; } = [new ParameterTensor("weight", 0, parameterCount)];

    public Span<float> Buffers => Span<float>.Empty;

    public IReadOnlyList<ParameterTensor> BufferTensors { get; } = [];

    public float L2Regularization { get; set; }

    public float L1Regularization { get; set; }

    public ulong RandomState { get; set; }

    // The gradients are whatever the test wrote; there is no model or loss behind them.
    public float DataLoss => 0f;

    public void InitializeParameters(int seed) => Initializers.He(ParameterArray, ParameterArray.Length, new Random(seed));

    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch) => output.Slice(0, batch).Clear();
}
