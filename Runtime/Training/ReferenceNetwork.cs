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
    private readonly IReadOnlyList<LayerInfo> _layers;
    private readonly IReadOnlyList<ParameterTensor> _tensors;
    private readonly int _inputLength;
    private readonly int _classes;

    /// <summary>Builds the twin of <paramref name="network"/> (its architecture only; parameters are passed per call).</summary>
    /// <param name="network">Any generated network.</param>
    public ReferenceNetwork(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        _layers = network.Layers;
        _tensors = network.ParameterTensors;
        _inputLength = network.InputLength;
        _classes = network.OutputLength;
        ParameterCount = network.ParameterCount;
    }

    /// <summary>Number of parameters the twin expects per call.</summary>
    public int ParameterCount { get; }

    /// <summary>Class probabilities, (batch, classes), computed in float64.</summary>
    /// <param name="parameters">All parameters in the network's layout, as float64.</param>
    /// <param name="input">(batch, input length), NCHW.</param>
    /// <param name="batch">Number of examples.</param>
    public double[] Probabilities(ReadOnlySpan<double> parameters, ReadOnlySpan<float> input, int batch)
    {
        double[] scores = Scores(parameters, input, batch);
        var probabilities = new double[scores.Length];
        SoftmaxCrossEntropyReference.Forward<double>(probabilities, scores, batch, _classes);
        return probabilities;
    }

    /// <summary>
    /// Mean cross-entropy over the batch plus the L2 and L1 penalties over the weight
    /// tensors, in float64: the same quantity <see cref="IClassifier.ForwardBackward"/> returns.
    /// </summary>
    /// <param name="parameters">All parameters in the network's layout, as float64.</param>
    /// <param name="input">(batch, input length), NCHW.</param>
    /// <param name="labels">(batch) class indices.</param>
    /// <param name="batch">Number of examples.</param>
    /// <param name="l2Regularization">L2 strength lambda.</param>
    /// <param name="l1Regularization">L1 strength.</param>
    public double Loss(ReadOnlySpan<double> parameters, ReadOnlySpan<float> input, ReadOnlySpan<int> labels, int batch, double l2Regularization, double l1Regularization = 0)
    {
        if (labels.Length != batch)
        {
            throw new ArgumentException($"labels must hold batch = {batch} elements, got {labels.Length}.", nameof(labels));
        }
        double[] probabilities = Probabilities(parameters, input, batch);
        double loss = SoftmaxCrossEntropyReference.Loss<double>(probabilities, labels, batch, _classes);
        foreach (var tensor in _tensors)
        {
            if (tensor.IsWeight)
            {
                foreach (double w in parameters.Slice(tensor.Offset, tensor.Length))
                {
                    loss += l2Regularization * w * w + l1Regularization * Math.Abs(w);
                }
            }
        }
        return loss;
    }

    private double[] Scores(ReadOnlySpan<double> parameters, ReadOnlySpan<float> input, int batch)
    {
        if (parameters.Length != ParameterCount)
        {
            throw new ArgumentException($"parameters must hold {ParameterCount} values, got {parameters.Length}.", nameof(parameters));
        }
        if (batch < 1 || input.Length != (long)batch * _inputLength)
        {
            throw new ArgumentException($"input must hold batch * {_inputLength} floats for a batch of at least 1, got {input.Length} for batch {batch}.", nameof(input));
        }

        var activation = new double[input.Length];
        for (int i = 0; i < input.Length; i++)
        {
            activation[i] = input[i];
        }

        foreach (var layer in _layers)
        {
            if (layer.Operation == LayerOperation.SoftmaxLoss)
            {
                break;
            }
            var output = new double[batch * layer.Output.Length];
            var (inC, inH, inW) = (layer.Input.Channels, layer.Input.Height, layer.Input.Width);
            switch (layer.Operation)
            {
                case LayerOperation.Convolution:
                    int convWeights = layer.Output.Channels * inC * layer.KernelSize * layer.KernelSize;
                    Conv2dReference.Forward<double>(output, activation, parameters.Slice(layer.WeightOffset, convWeights), parameters.Slice(layer.BiasOffset, layer.Output.Channels),
                        batch, inC, inH, inW, layer.Output.Channels, layer.KernelSize, layer.Stride, layer.Padding);
                    break;
                case LayerOperation.FullyConnected:
                    int fcWeights = layer.Output.Length * layer.Input.Length;
                    FullyConnectedReference.Forward<double>(output, activation, parameters.Slice(layer.WeightOffset, fcWeights), parameters.Slice(layer.BiasOffset, layer.Output.Length),
                        batch, layer.Input.Length, layer.Output.Length);
                    break;
                case LayerOperation.MaxPool:
                    MaxPool2dReference.Forward<double>(output, activation, batch, inC, inH, inW, layer.KernelSize, layer.Stride);
                    break;
                case LayerOperation.Relu:
                    ReluReference.Forward<double>(output, activation);
                    break;
                default:
                    throw new NotSupportedException($"The reference twin has no {layer.Operation} layer ({layer.Name}).");
            }
            activation = output;
        }
        return activation;
    }
}
