using System;
using System.Collections.Generic;

namespace StaticNets.Runtime.Tests.Training;

/// <summary>
/// A hand-written linear multiclass SVM, scores = W x + b, with scalar loops (the generator cannot emit SVM on this
/// branch yet): parameters W [classes, inputs] then b [classes]; loss = mean over the batch of
/// sum over j != y of max(0, s_j - s_y + margin), plus the L2 and L1 penalties on W.
/// </summary>
internal sealed class LinearSvmNetwork(int inputs, int classes, int maxBatch, float margin) : IClassifier
{
    private readonly float[] _parameters = new float[classes * inputs + classes];
    private readonly float[] _gradients = new float[classes * inputs + classes];
    private readonly double[] _scores = new double[classes];

    public int InputLength => inputs;

    public int OutputLength => classes;

    public int ParameterCount => _parameters.Length;

    public int MaxBatch => maxBatch;

    public Span<float> Parameters => _parameters;

    public Span<float> Gradients => _gradients;

    public IReadOnlyList<ParameterTensor> ParameterTensors { get; } =
        [new ParameterTensor("fc.weight", 0, classes, inputs), new ParameterTensor("fc.bias", classes * inputs, classes)];

    public Span<float> Buffers => Span<float>.Empty;

    public IReadOnlyList<ParameterTensor> BufferTensors { get; } = [];

    public IReadOnlyList<LayerInfo> Layers { get; } =
    [
        new LayerInfo("fc", LayerOperation.FullyConnected, new TensorShape(inputs, 1, 1), new TensorShape(classes, 1, 1), 0, 0, 0, 0, classes * inputs),
        new LayerInfo("svm", LayerOperation.SvmLoss, new TensorShape(classes, 1, 1), new TensorShape(classes, 1, 1), 0, 0, 0, -1, -1) { Margin = margin },
    ];

    public float L2Regularization { get; set; }

    public float L1Regularization { get; set; }

    public ulong RandomState { get; set; }

    public float DataLoss { get; private set; }

    private Span<float> Weights => _parameters.AsSpan(0, classes * inputs);

    /// <summary>Small weights (std 1e-3) as the notes advise for the scoring layer, so all scores start near 0.</summary>
    public void InitializeParameters(int seed)
    {
        var random = new Random(seed);
        for (int i = 0; i < classes * inputs; i++)
        {
            _parameters[i] = (float)(1e-3 * (random.NextDouble() * 2 - 1));
        }

        _parameters.AsSpan(classes * inputs).Clear();
    }

    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch)
    {
        for (int n = 0; n < batch; n++)
        {
            Score(input.Slice(n * inputs, inputs));
            for (int c = 0; c < classes; c++)
            {
                output[n * classes + c] = (float)_scores[c];
            }
        }
    }

    public void Predict(ReadOnlySpan<float> input, Span<int> predictions, int batch)
    {
        for (int n = 0; n < batch; n++)
        {
            Score(input.Slice(n * inputs, inputs));
            int best = 0;
            for (int c = 1; c < classes; c++)
            {
                best = _scores[c] > _scores[best] ? c : best;
            }

            predictions[n] = best;
        }
    }

    public float ForwardBackward(ReadOnlySpan<float> input, ReadOnlySpan<int> labels, int batch)
    {
        Array.Clear(_gradients);
        double loss = 0;
        for (int n = 0; n < batch; n++)
        {
            ReadOnlySpan<float> x = input.Slice(n * inputs, inputs);
            Score(x);
            int y = labels[n];
            for (int j = 0; j < classes; j++)
            {
                double hinge = _scores[j] - _scores[y] + margin;
                if (j == y || hinge <= 0)
                {
                    continue;
                }

                loss += hinge;
                // d/ds_j = +1, d/ds_y = -1, each divided by the batch for the mean.
                for (int i = 0; i < inputs; i++)
                {
                    _gradients[j * inputs + i] += x[i] / batch;
                    _gradients[y * inputs + i] -= x[i] / batch;
                }

                _gradients[classes * inputs + j] += 1f / batch;
                _gradients[classes * inputs + y] -= 1f / batch;
            }
        }

        DataLoss = (float)(loss / batch);
        return DataLoss
            + Regularization.AddL2(Weights, _gradients.AsSpan(0, classes * inputs), L2Regularization)
            + Regularization.AddL1(Weights, _gradients.AsSpan(0, classes * inputs), L1Regularization);
    }

    private void Score(ReadOnlySpan<float> x)
    {
        for (int c = 0; c < classes; c++)
        {
            double score = _parameters[classes * inputs + c];
            for (int i = 0; i < inputs; i++)
            {
                score += (double)_parameters[c * inputs + i] * x[i];
            }

            _scores[c] = score;
        }
    }
}
