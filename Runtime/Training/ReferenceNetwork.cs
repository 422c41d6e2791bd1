using System;
using System.Collections.Generic;
using StaticNets.Kernels;

namespace StaticNets.Training;

/// <summary>
/// The slow twin of a generated network: the same layers, read from <see cref="INetwork.Layers"/>, run through the
/// plain reference kernels in float64. It exists so gradient checks can take centred differences without float32
/// rounding swamping small gradients (notes §3.3), and so the fast generated passes can be compared with code
/// anyone can check by reading. Not for training: it interprets the layer list and allocates.
/// </summary>
public sealed class ReferenceNetwork
{
    private readonly INetwork _network;
    private readonly IReadOnlyList<LayerInfo> _layers;

    /// <summary>Builds the twin of <paramref name="network"/>: its architecture, and its buffers when asked for inference.</summary>
    /// <param name="network">Any generated network.</param>
    public ReferenceNetwork(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        _network = network;
        _layers = network.Layers;
    }

    /// <summary>Number of parameters the twin expects per call.</summary>
    public int ParameterCount => _network.ParameterCount;

    /// <summary>
    /// Inference outputs in float64, as <see cref="INetwork.Forward"/> defines them (probabilities after SOFTMAX,
    /// scores after SVM, predictions after L2), with batch norm using the network's current running statistics.
    /// </summary>
    /// <param name="parameters">All parameters in the network's layout, as float64.</param>
    /// <param name="input">(batch, input length), NCHW.</param>
    /// <param name="batch">Number of examples.</param>
    public double[] Outputs(ReadOnlySpan<double> parameters, ReadOnlySpan<float> input, int batch)
    {
        double[] scores = Scores(parameters, input, batch, training: false, randomState: 0);
        var loss = _layers[^1];
        if (loss.Operation != LayerOperation.SoftmaxLoss)
        {
            return scores;
        }
        var probabilities = new double[scores.Length];
        SoftmaxCrossEntropyReference.Forward<double>(probabilities, scores, batch, loss.Output.Length);
        return probabilities;
    }

    /// <summary>
    /// The training-mode loss <see cref="IClassifier.ForwardBackward"/> returns, in float64: batch norm on batch
    /// statistics, dropout masks drawn from <paramref name="randomState"/> exactly as the network draws them, the
    /// mean SOFTMAX or SVM loss plus the L2 and L1 penalties.
    /// </summary>
    /// <param name="parameters">All parameters in the network's layout, as float64.</param>
    /// <param name="input">(batch, input length), NCHW.</param>
    /// <param name="labels">(batch) class indices.</param>
    /// <param name="batch">Number of examples.</param>
    /// <param name="l2Regularization">L2 strength.</param>
    /// <param name="l1Regularization">L1 strength.</param>
    /// <param name="randomState">The network's <see cref="INetwork.RandomState"/> before the pass being reproduced.</param>
    public double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<float> input, ReadOnlySpan<int> labels, int batch,
        double l2Regularization, double l1Regularization, ulong randomState)
    {
        if (labels.Length != batch)
        {
            throw new ArgumentException($"labels must hold batch = {batch} elements, got {labels.Length}.", nameof(labels));
        }
        double[] scores = Scores(parameters, input, batch, training: true, randomState);
        var loss = _layers[^1];
        int classes = loss.Output.Length;
        double data;
        switch (loss.Operation)
        {
            case LayerOperation.SoftmaxLoss:
                var probabilities = new double[scores.Length];
                SoftmaxCrossEntropyReference.Forward<double>(probabilities, scores, batch, classes);
                data = SoftmaxCrossEntropyReference.Loss<double>(probabilities, labels, batch, classes);
                break;
            case LayerOperation.SvmLoss:
                data = MulticlassSvmReference.Loss<double>(scores, labels, batch, classes, loss.Margin);
                break;
            default:
                throw new InvalidOperationException($"{loss.Name} ({loss.Operation}) takes real-valued targets, not labels.");
        }
        return data + Penalty(parameters, l2Regularization, l1Regularization);
    }

    /// <summary>The training-mode loss <see cref="IRegressor.ForwardBackward"/> returns, in float64 (see the labels overload).</summary>
    /// <param name="parameters">All parameters in the network's layout, as float64.</param>
    /// <param name="input">(batch, input length), NCHW.</param>
    /// <param name="targets">(batch, output length) real-valued targets.</param>
    /// <param name="batch">Number of examples.</param>
    /// <param name="l2Regularization">L2 strength.</param>
    /// <param name="l1Regularization">L1 strength.</param>
    /// <param name="randomState">The network's <see cref="INetwork.RandomState"/> before the pass being reproduced.</param>
    public double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<float> input, ReadOnlySpan<float> targets, int batch,
        double l2Regularization, double l1Regularization, ulong randomState)
    {
        var loss = _layers[^1];
        if (loss.Operation != LayerOperation.SquaredErrorLoss)
        {
            throw new InvalidOperationException($"{loss.Name} ({loss.Operation}) takes class labels, not real-valued targets.");
        }
        int width = loss.Output.Length;
        if (targets.Length != (long)batch * width)
        {
            throw new ArgumentException($"targets must hold batch * {width} = {(long)batch * width} values, got {targets.Length}.", nameof(targets));
        }
        double[] predictions = Scores(parameters, input, batch, training: true, randomState);
        var targetValues = new double[targets.Length];
        for (int i = 0; i < targets.Length; i++)
        {
            targetValues[i] = targets[i];
        }
        return SquaredErrorReference.Loss<double>(predictions, targetValues, batch, width) + Penalty(parameters, l2Regularization, l1Regularization);
    }

    // The same weights the generated code penalises: CONV, FC and MAXOUT weights, not biases, BN scales or PReLU slopes.
    private double Penalty(ReadOnlySpan<double> parameters, double l2, double l1)
    {
        double penalty = 0;
        foreach (var layer in _layers)
        {
            int count = layer.Operation switch
            {
                LayerOperation.Convolution => layer.Output.Channels * layer.Input.Channels * layer.KernelSize * layer.KernelSize,
                LayerOperation.FullyConnected => layer.Output.Length * layer.Input.Length,
                LayerOperation.Maxout => layer.Output.Length * layer.Pieces * layer.Input.Length,
                _ => 0,
            };
            foreach (double w in parameters.Slice(Math.Max(layer.WeightOffset, 0), count))
            {
                penalty += l2 * w * w + l1 * Math.Abs(w);
            }
        }
        return penalty;
    }

    private double[] Scores(ReadOnlySpan<double> parameters, ReadOnlySpan<float> input, int batch, bool training, ulong randomState)
    {
        if (parameters.Length != ParameterCount)
        {
            throw new ArgumentException($"parameters must hold {ParameterCount} values, got {parameters.Length}.", nameof(parameters));
        }
        if (batch < 1 || input.Length != (long)batch * _network.InputLength)
        {
            throw new ArgumentException($"input must hold batch * {_network.InputLength} floats for a batch of at least 1, got {input.Length} for batch {batch}.", nameof(input));
        }

        var activation = new double[input.Length];
        for (int i = 0; i < input.Length; i++)
        {
            activation[i] = input[i];
        }

        foreach (var layer in _layers)
        {
            if (layer.Operation is LayerOperation.SoftmaxLoss or LayerOperation.SvmLoss or LayerOperation.SquaredErrorLoss)
            {
                break;
            }
            activation = Layer(layer, parameters, activation, batch, training, ref randomState);
        }
        return activation;
    }

    private double[] Layer(LayerInfo layer, ReadOnlySpan<double> parameters, double[] x, int batch, bool training, ref ulong randomState)
    {
        var output = new double[batch * layer.Output.Length];
        var (inC, inH, inW) = (layer.Input.Channels, layer.Input.Height, layer.Input.Width);
        int spatial = inH * inW;
        switch (layer.Operation)
        {
            case LayerOperation.Convolution:
                int convWeights = layer.Output.Channels * inC * layer.KernelSize * layer.KernelSize;
                Conv2dReference.Forward<double>(output, x, parameters.Slice(layer.WeightOffset, convWeights), parameters.Slice(layer.BiasOffset, layer.Output.Channels),
                    batch, inC, inH, inW, layer.Output.Channels, layer.KernelSize, layer.Stride, layer.Padding);
                break;
            case LayerOperation.FullyConnected:
                FullyConnectedReference.Forward<double>(output, x, parameters.Slice(layer.WeightOffset, layer.Output.Length * layer.Input.Length),
                    parameters.Slice(layer.BiasOffset, layer.Output.Length), batch, layer.Input.Length, layer.Output.Length);
                break;
            case LayerOperation.Maxout:
                int pre = layer.Output.Length * layer.Pieces;
                var preActivations = new double[batch * pre];
                FullyConnectedReference.Forward<double>(preActivations, x, parameters.Slice(layer.WeightOffset, pre * layer.Input.Length),
                    parameters.Slice(layer.BiasOffset, pre), batch, layer.Input.Length, pre);
                MaxoutReference.Forward<double>(output, preActivations, batch, layer.Output.Length, layer.Pieces);
                break;
            case LayerOperation.MaxPool:
                MaxPool2dReference.Forward<double>(output, x, batch, inC, inH, inW, layer.KernelSize, layer.Stride);
                break;
            case LayerOperation.AvgPool:
                AvgPool2dReference.Forward<double>(output, x, batch, inC, inH, inW, layer.KernelSize, layer.Stride);
                break;
            case LayerOperation.Relu:
                ReluReference.Forward<double>(output, x);
                break;
            case LayerOperation.LeakyRelu:
                LeakyReluReference.Forward<double>(output, x, layer.Alpha);
                break;
            case LayerOperation.Elu:
                EluReference.Forward<double>(output, x, layer.Alpha);
                break;
            case LayerOperation.Sigmoid:
                SigmoidReference.Forward<double>(output, x);
                break;
            case LayerOperation.Tanh:
                TanhReference.Forward<double>(output, x);
                break;
            case LayerOperation.Softplus:
                SoftplusReference.Forward<double>(output, x);
                break;
            case LayerOperation.Prelu:
                PreluReference.Forward<double>(output, x, parameters.Slice(layer.WeightOffset, inC), batch, inC, spatial);
                break;
            case LayerOperation.BatchNorm:
                var gamma = parameters.Slice(layer.WeightOffset, inC);
                var beta = parameters.Slice(layer.BiasOffset, inC);
                if (training)
                {
                    // Running statistics are not part of the training-mode function: update throwaway copies.
                    var runningMean = new double[inC];
                    var runningVariance = new double[inC];
                    BatchNormReference.ForwardTraining<double>(output, x, gamma, beta, runningMean, runningVariance, new double[inC], new double[inC],
                        batch, inC, spatial, layer.Momentum, layer.Epsilon);
                }
                else
                {
                    var buffers = _network.Buffers;
                    var mean = new double[inC];
                    var variance = new double[inC];
                    for (int c = 0; c < inC; c++)
                    {
                        mean[c] = buffers[layer.BufferOffset + c];
                        variance[c] = buffers[layer.BufferOffset + inC + c];
                    }
                    BatchNormReference.ForwardInference<double>(output, x, gamma, beta, mean, variance, batch, inC, spatial, layer.Epsilon);
                }
                break;
            case LayerOperation.Dropout:
                if (!training)
                {
                    x.CopyTo(output, 0);
                    break;
                }
                // Draw the mask with the network's own kernel and state, so it is the mask the network used.
                var ones = new float[x.Length];
                Array.Fill(ones, 1f);
                var mask = new float[x.Length];
                Dropout.ForwardTraining(new float[x.Length], mask, ones, layer.DropProbability, ref randomState);
                for (int i = 0; i < x.Length; i++)
                {
                    output[i] = x[i] * mask[i];
                }
                break;
            default:
                throw new NotSupportedException($"The reference twin has no {layer.Operation} layer ({layer.Name}).");
        }
        return output;
    }
}
