using System;

namespace StaticNets;

/// <summary>What a layer computes.</summary>
public enum LayerOperation
{
    /// <summary>2-D convolution with bias (notes §5.1).</summary>
    Convolution,

    /// <summary>Max pooling, no padding (notes §5.2).</summary>
    MaxPool,

    /// <summary>Average pooling, no padding (notes §5.2).</summary>
    AvgPool,

    /// <summary>Fully connected layer with bias.</summary>
    FullyConnected,

    /// <summary>Fully connected to units x pieces, then the max over each unit's pieces.</summary>
    Maxout,

    /// <summary>max(0, x).</summary>
    Relu,

    /// <summary>max(alpha * x, x) with a fixed alpha.</summary>
    LeakyRelu,

    /// <summary>Leaky ReLU whose slope is trained, one per channel.</summary>
    Prelu,

    /// <summary>x for x &gt; 0, alpha * (e^x - 1) otherwise.</summary>
    Elu,

    /// <summary>1 / (1 + e^-x).</summary>
    Sigmoid,

    /// <summary>tanh(x).</summary>
    Tanh,

    /// <summary>ln(1 + e^x).</summary>
    Softplus,

    /// <summary>Batch normalisation per channel (conv) or per feature (flat), notes §6.4.</summary>
    BatchNorm,

    /// <summary>Inverted dropout: zeroes with probability p and scales by 1/(1-p) in training; identity at inference.</summary>
    Dropout,

    /// <summary>Softmax followed by cross-entropy against the labels (a loss; always last).</summary>
    SoftmaxLoss,

    /// <summary>Multiclass hinge loss against the labels (a loss; always last).</summary>
    SvmLoss,

    /// <summary>Squared error against real-valued targets (a loss; always last).</summary>
    SquaredErrorLoss,
}

/// <summary>An activation shape per example: channels x height x width; a feature vector is N x 1 x 1.</summary>
/// <param name="Channels">Channels (or features).</param>
/// <param name="Height">Rows.</param>
/// <param name="Width">Columns.</param>
public readonly record struct TensorShape(int Channels, int Height, int Width)
{
    /// <summary>Floats per example.</summary>
    public int Length => Channels * Height * Width;

    /// <inheritdoc/>
    public override string ToString() => Height == 1 && Width == 1 ? $"{Channels}" : $"{Channels}x{Height}x{Width}";
}

/// <summary>
/// One layer of a generated network as data, for tools that need the architecture at run time (the float64
/// reference twin used by gradient checks, summaries, exporters). The generated passes never read it: their
/// shapes are literals in the code.
/// </summary>
public sealed class LayerInfo
{
    /// <summary>Describes one layer.</summary>
    /// <param name="name">PyTorch-style module name (<c>conv1</c>, <c>fc2</c>, <c>relu3</c>).</param>
    /// <param name="operation">What it computes.</param>
    /// <param name="input">Shape reaching it, per example.</param>
    /// <param name="output">Shape leaving it, per example.</param>
    /// <param name="kernelSize">Convolution kernel or pooling window; 0 for other layers.</param>
    /// <param name="stride">Convolution or pooling stride; 0 for other layers.</param>
    /// <param name="padding">Convolution zero padding per side.</param>
    /// <param name="weightOffset">Offset of its weights in <see cref="INetwork.Parameters"/>, or -1.</param>
    /// <param name="biasOffset">Offset of its bias in <see cref="INetwork.Parameters"/>, or -1.</param>
    public LayerInfo(string name, LayerOperation operation, TensorShape input, TensorShape output, int kernelSize, int stride, int padding, int weightOffset, int biasOffset)
    {
        ArgumentNullException.ThrowIfNull(name);
        Name = name;
        Operation = operation;
        Input = input;
        Output = output;
        KernelSize = kernelSize;
        Stride = stride;
        Padding = padding;
        WeightOffset = weightOffset;
        BiasOffset = biasOffset;
    }

    /// <summary>PyTorch-style module name.</summary>
    public string Name { get; }

    /// <summary>What it computes.</summary>
    public LayerOperation Operation { get; }

    /// <summary>Shape reaching it, per example.</summary>
    public TensorShape Input { get; }

    /// <summary>Shape leaving it, per example.</summary>
    public TensorShape Output { get; }

    /// <summary>Convolution kernel or pooling window (square); 0 otherwise.</summary>
    public int KernelSize { get; }

    /// <summary>Convolution or pooling stride; 0 otherwise.</summary>
    public int Stride { get; }

    /// <summary>Convolution zero padding per side.</summary>
    public int Padding { get; }

    /// <summary>Offset of the weights in <see cref="INetwork.Parameters"/>, or -1 when the layer has none.</summary>
    public int WeightOffset { get; }

    /// <summary>Offset of the bias in <see cref="INetwork.Parameters"/>, or -1 when the layer has none.</summary>
    public int BiasOffset { get; }

    /// <summary>LEAKYRELU's slope or ELU's alpha.</summary>
    public float Alpha { get; init; }

    /// <summary>MAXOUT's pieces per unit.</summary>
    public int Pieces { get; init; }

    /// <summary>BATCHNORM's running-statistics momentum (PyTorch's convention).</summary>
    public float Momentum { get; init; }

    /// <summary>BATCHNORM's epsilon.</summary>
    public float Epsilon { get; init; }

    /// <summary>DROPOUT's probability of zeroing an activation.</summary>
    public float DropProbability { get; init; }

    /// <summary>SVM's margin.</summary>
    public float Margin { get; init; }

    /// <summary>Offset of BATCHNORM's running mean in <see cref="INetwork.Buffers"/> (running variance follows), or -1.</summary>
    public int BufferOffset { get; init; } = -1;

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Operation}) {Input} -> {Output}";
}
