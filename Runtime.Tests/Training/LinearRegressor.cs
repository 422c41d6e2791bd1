using System;
using System.Collections.Generic;

namespace StaticNets.Runtime.Tests.Training;

/// <summary>
/// A hand-written linear regressor, y = W x + b, with scalar loops and the generated networks' L2-loss convention:
/// parameters W [outputs, inputs] then b [outputs]; loss = mean over the batch of sum((y - t)^2) + lambda * sum(W^2).
/// The generator cannot emit an L2 network on this branch yet, so the regressor loop is tested on this.
/// </summary>
internal sealed class LinearRegressor(int inputs, int outputs, int maxBatch) : IRegressor
{
    private readonly float[] _parameters = new float[outputs * inputs + outputs];
    private readonly float[] _gradients = new float[outputs * inputs + outputs];

    public int InputLength => inputs;

    public int OutputLength => outputs;

    public int ParameterCount => _parameters.Length;

    public int MaxBatch => maxBatch;

    public Span<float> Parameters => _parameters;

    public Span<float> Gradients => _gradients;

    public IReadOnlyList<ParameterTensor> ParameterTensors { get; } =
        [new ParameterTensor("fc.weight", 0, outputs, inputs), new ParameterTensor("fc.bias", outputs * inputs, outputs)];

    public Span<float> Buffers => Span<float>.Empty;

    public IReadOnlyList<ParameterTensor> BufferTensors { get; } = [];

    public IReadOnlyList<LayerInfo> Layers { get; } =
    [
        new LayerInfo("fc", LayerOperation.FullyConnected, new TensorShape(inputs, 1, 1), new TensorShape(outputs, 1, 1), 0, 0, 0, 0, outputs * inputs),
        new LayerInfo("l2", LayerOperation.SquaredErrorLoss, new TensorShape(outputs, 1, 1), new TensorShape(outputs, 1, 1), 0, 0, 0, -1, -1),
    ];

    public float L2Regularization { get; set; }

    public float L1Regularization { get; set; }

    public ulong RandomState { get; set; }

    public float DataLoss { get; private set; }

    private Span<float> Weights => _parameters.AsSpan(0, outputs * inputs);

    public void InitializeParameters(int seed)
    {
        Initializers.Xavier(Weights, inputs, new Random(seed));
        _parameters.AsSpan(outputs * inputs).Clear();
    }

    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        NetworkGuard.Length(input.Length, batch, inputs, nameof(input));
        NetworkGuard.Length(output.Length, batch, outputs, nameof(output));
        for (int n = 0; n < batch; n++)
        {
            for (int o = 0; o < outputs; o++)
            {
                output[n * outputs + o] = (float)Predict(input.Slice(n * inputs, inputs), o);
            }
        }
    }

    public float ForwardBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> targets, int batch)
    {
        NetworkGuard.Length(input.Length, batch, inputs, nameof(input));
        NetworkGuard.Length(targets.Length, batch, outputs, nameof(targets));
        Array.Clear(_gradients);
        double loss = 0;
        for (int n = 0; n < batch; n++)
        {
            ReadOnlySpan<float> x = input.Slice(n * inputs, inputs);
            for (int o = 0; o < outputs; o++)
            {
                double error = Predict(x, o) - targets[n * outputs + o];
                loss += error * error;
                // d(mean loss)/dy = 2 (y - t) / batch
                double dy = 2 * error / batch;
                for (int i = 0; i < inputs; i++)
                {
                    _gradients[o * inputs + i] += (float)(dy * x[i]);
                }

                _gradients[outputs * inputs + o] += (float)dy;
            }
        }

        DataLoss = (float)(loss / batch);
        float penalty = Regularization.AddL2(Weights, _gradients.AsSpan(0, outputs * inputs), L2Regularization)
            + Regularization.AddL1(Weights, _gradients.AsSpan(0, outputs * inputs), L1Regularization);
        return DataLoss + penalty;
    }

    private double Predict(ReadOnlySpan<float> x, int output)
    {
        double y = _parameters[outputs * inputs + output];
        for (int i = 0; i < inputs; i++)
        {
            y += (double)_parameters[output * inputs + i] * x[i];
        }

        return y;
    }
}
