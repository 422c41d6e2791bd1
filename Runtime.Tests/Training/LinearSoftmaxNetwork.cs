using System;
using System.Collections.Generic;

namespace StaticNets.Runtime.Tests.Training;

/// <summary>
/// A hand-written linear softmax classifier, scores = W x + b, with scalar loops and the same conventions as
/// generated networks: parameters W [classes, inputs] then b [classes]; mean cross-entropy plus lambda * sum(W^2).
/// <see cref="BiasGradientScale"/> lets a test plant a bug the gradient check must find.
/// </summary>
internal sealed class LinearSoftmaxNetwork(int inputs, int classes, int maxBatch) : IClassifier
{
    private readonly float[] _parameters = new float[classes * inputs + classes];
    private readonly float[] _gradients = new float[classes * inputs + classes];
    private readonly double[] _probabilities = new double[classes];

    public int InputLength => inputs;

    public int OutputLength => classes;

    public int ParameterCount => _parameters.Length;

    public int MaxBatch => maxBatch;

    public Span<float> Parameters => _parameters;

    public Span<float> Gradients => _gradients;

    public IReadOnlyList<LayerInfo> Layers { get; } =
    [
        new LayerInfo("fc", LayerOperation.FullyConnected, new TensorShape(inputs, 1, 1), new TensorShape(classes, 1, 1), 0, 0, 0, 0, classes * inputs),
        new LayerInfo("softmax", LayerOperation.SoftmaxLoss, new TensorShape(classes, 1, 1), new TensorShape(classes, 1, 1), 0, 0, 0, -1, -1),
    ];

    public IReadOnlyList<ParameterTensor> ParameterTensors { get; } =
        [new ParameterTensor("fc.weight", 0, classes, inputs), new ParameterTensor("fc.bias", classes * inputs, classes)];

    public float L2Regularization { get; set; }

    public float L1Regularization { get; set; }

    public ulong RandomState { get; set; }

    public float DataLoss { get; private set; }

    public Span<float> Buffers => Span<float>.Empty;

    public IReadOnlyList<ParameterTensor> BufferTensors { get; } = [];

    /// <summary>1 for the correct gradient; anything else corrupts the bias gradient on purpose.</summary>
    public float BiasGradientScale { get; set; } = 1f;

    public int ForwardBackwardCalls { get; private set; }

    private Span<float> Weights => _parameters.AsSpan(0, classes * inputs);

    private Span<float> Biases => _parameters.AsSpan(classes * inputs);

    public void InitializeParameters(int seed)
    {
        Initializers.Xavier(Weights, inputs, new Random(seed));
        Biases.Clear();
    }

    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        for (int n = 0; n < batch; n++)
        {
            Softmax(input.Slice(n * inputs, inputs));
            for (int c = 0; c < classes; c++)
            {
                output[n * classes + c] = (float)_probabilities[c];
            }
        }
    }

    public void Predict(ReadOnlySpan<float> input, Span<int> predictions, int batch)
    {
        for (int n = 0; n < batch; n++)
        {
            Softmax(input.Slice(n * inputs, inputs));
            int best = 0;
            for (int c = 1; c < classes; c++)
            {
                best = _probabilities[c] > _probabilities[best] ? c : best;
            }

            predictions[n] = best;
        }
    }

    public float ForwardBackward(ReadOnlySpan<float> input, ReadOnlySpan<int> labels, int batch)
    {
        ForwardBackwardCalls++;
        Array.Clear(_gradients);
        double loss = 0;
        for (int n = 0; n < batch; n++)
        {
            ReadOnlySpan<float> x = input.Slice(n * inputs, inputs);
            Softmax(x);
            loss -= Math.Log(_probabilities[labels[n]]);
            for (int c = 0; c < classes; c++)
            {
                // d(mean loss)/d(score_c) = (p_c - [c == y]) / batch
                double dScore = (_probabilities[c] - (c == labels[n] ? 1 : 0)) / batch;
                for (int i = 0; i < inputs; i++)
                {
                    _gradients[c * inputs + i] += (float)(dScore * x[i]);
                }

                _gradients[classes * inputs + c] += (float)(dScore * BiasGradientScale);
            }
        }

        DataLoss = (float)(loss / batch);
        float penalty = Regularization.AddL2(Weights, _gradients.AsSpan(0, classes * inputs), L2Regularization)
            + Regularization.AddL1(Weights, _gradients.AsSpan(0, classes * inputs), L1Regularization);
        return DataLoss + penalty;
    }

    private void Softmax(ReadOnlySpan<float> x)
    {
        double max = double.NegativeInfinity;
        for (int c = 0; c < classes; c++)
        {
            double score = _parameters[classes * inputs + c];
            for (int i = 0; i < inputs; i++)
            {
                score += (double)_parameters[c * inputs + i] * x[i];
            }

            _probabilities[c] = score;
            max = Math.Max(max, score);
        }

        double sum = 0;
        for (int c = 0; c < classes; c++)
        {
            _probabilities[c] = Math.Exp(_probabilities[c] - max);
            sum += _probabilities[c];
        }

        for (int c = 0; c < classes; c++)
        {
            _probabilities[c] /= sum;
        }
    }
}
