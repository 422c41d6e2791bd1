using System;
using System.Collections.Generic;

namespace StaticNets;

/// <summary>
/// What every generated network offers, so the Runtime's helpers (optimizers, trainer, gradient check,
/// weights I/O) work on any of them. All buffers live in one arena allocated by the constructor.
/// </summary>
public interface INetwork
{
    /// <summary>Floats per input example (C*H*W, NCHW order).</summary>
    int InputLength { get; }

    /// <summary>Floats per output example (the number of classes for a classifier).</summary>
    int OutputLength { get; }

    /// <summary>Number of trainable parameters.</summary>
    int ParameterCount { get; }

    /// <summary>The largest batch the arena was sized for.</summary>
    int MaxBatch { get; }

    /// <summary>All trainable parameters, layer by layer in PyTorch <c>state_dict</c> order and layout.</summary>
    Span<float> Parameters { get; }

    /// <summary>The named tensors that make up <see cref="Parameters"/>, in order.</summary>
    IReadOnlyList<ParameterTensor> ParameterTensors { get; }

    /// <summary>The layers, in order, as data (the generated passes do not read this: their shapes are literals).</summary>
    IReadOnlyList<LayerInfo> Layers { get; }

    /// <summary>Gradient of the last <see cref="ForwardBackward"/> loss with respect to <see cref="Parameters"/>, same layout.</summary>
    Span<float> Gradients { get; }

    /// <summary>
    /// L2 regularisation strength lambda: <see cref="ForwardBackward"/> adds lambda * sum(w^2) over the weights
    /// (not the biases) to the loss and 2 * lambda * w to their gradients (notes §3.2). Zero turns it off.
    /// </summary>
    float L2Regularization { get; set; }

    /// <summary>Draws the weights (He for ReLU-family, Xavier otherwise) and zeroes the biases; deterministic for a seed.</summary>
    void InitializeParameters(int seed);

    /// <summary>Inference: writes <see cref="OutputLength"/> floats per example (class probabilities after SOFTMAX).</summary>
    void Forward(ReadOnlySpan<float> input, Span<float> output, int batch);

    /// <summary>Inference: writes the arg-max class of each example.</summary>
    void Predict(ReadOnlySpan<float> input, Span<int> predictions, int batch);

    /// <summary>
    /// Training step without the update: returns the mean loss over the batch, including the regularisation term,
    /// and overwrites <see cref="Gradients"/> with the gradient of that mean.
    /// </summary>
    float ForwardBackward(ReadOnlySpan<float> input, ReadOnlySpan<int> labels, int batch);
}
