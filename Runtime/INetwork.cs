using System;
using System.Collections.Generic;

namespace StaticNets;

/// <summary>
/// What every generated network offers, so the Runtime's helpers (optimizers, trainer, gradient check,
/// weights I/O) work on any of them. All buffers live in one arena allocated by the constructor.
/// A network ending in a classification loss (SOFTMAX, SVM) is an <see cref="IClassifier"/>; one ending in the
/// squared-error loss (L2) is an <see cref="IRegressor"/>.
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

    /// <summary>
    /// State that is saved with the weights but not trained by gradients: batch norm's running mean and variance,
    /// in PyTorch <c>state_dict</c> order (<c>bn1.running_mean</c>, <c>bn1.running_var</c>, ...). Empty without batch norm.
    /// </summary>
    Span<float> Buffers { get; }

    /// <summary>The named tensors that make up <see cref="Buffers"/>, in order.</summary>
    IReadOnlyList<ParameterTensor> BufferTensors { get; }

    /// <summary>The layers, in order, as data (the generated passes do not read this: their shapes are literals).</summary>
    IReadOnlyList<LayerInfo> Layers { get; }

    /// <summary>Gradient of the last training pass's loss with respect to <see cref="Parameters"/>, same layout.</summary>
    Span<float> Gradients { get; }

    /// <summary>
    /// L2 regularisation strength: the training loss gains this * sum(w^2) over the weights (not biases, not batch
    /// norm's scale), and their gradients 2 * this * w (notes §3.2). Zero turns it off.
    /// </summary>
    float L2Regularization { get; set; }

    /// <summary>
    /// L1 regularisation strength: the training loss gains this * sum(|w|) over the same weights as L2, and their
    /// gradients this * sign(w). Both non-zero is the notes' elastic net. Zero turns it off.
    /// </summary>
    float L1Regularization { get; set; }

    /// <summary>
    /// State of the generator dropout draws its masks from. <see cref="InitializeParameters"/> seeds it; read it to
    /// resume a run exactly, set it to replay a training pass with the same masks (gradient checks do).
    /// </summary>
    ulong RandomState { get; set; }

    /// <summary>The last training pass's mean loss without the regularisation term (the returned loss includes it).</summary>
    float DataLoss { get; }

    /// <summary>
    /// Draws the weights (He before ReLU-family layers, Xavier before tanh, the sigmoid variant before sigmoid,
    /// small weights for the scores), zeroes the biases, resets batch norm's statistics and reseeds dropout:
    /// the same seed always gives the same network and the same training run.
    /// </summary>
    void InitializeParameters(int seed);

    /// <summary>
    /// Inference (batch norm uses its running statistics, dropout is off): writes <see cref="OutputLength"/> floats
    /// per example: class probabilities after SOFTMAX, scores after SVM, predictions after L2.
    /// </summary>
    void Forward(ReadOnlySpan<float> input, Span<float> output, int batch);
}

/// <summary>A network ending in a classification loss (SOFTMAX or SVM), trained on integer labels.</summary>
public interface IClassifier : INetwork
{
    /// <summary>Inference: writes the arg-max class of each example.</summary>
    void Predict(ReadOnlySpan<float> input, Span<int> predictions, int batch);

    /// <summary>
    /// Training pass: returns the mean loss over the batch, including the regularisation term, and overwrites
    /// <see cref="INetwork.Gradients"/> with the gradient of that mean.
    /// </summary>
    float ForwardBackward(ReadOnlySpan<float> input, ReadOnlySpan<int> labels, int batch);
}

/// <summary>A network ending in the squared-error loss (L2), trained on real-valued targets.</summary>
public interface IRegressor : INetwork
{
    /// <summary>
    /// Training pass: returns the mean over the batch of sum((prediction - target)^2) plus the regularisation term,
    /// and overwrites <see cref="INetwork.Gradients"/> with the gradient of that mean.
    /// </summary>
    float ForwardBackward(ReadOnlySpan<float> input, ReadOnlySpan<float> targets, int batch);
}
