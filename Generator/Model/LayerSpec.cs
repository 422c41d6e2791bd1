namespace StaticNets.Generator.Model;

internal enum LayerKind
{
    Convolution,
    MaxPool,
    AvgPool,
    FullyConnected,
    /// <summary>FC to units*pieces, then the max of each unit's pieces (pieces of unit u at u*pieces .. u*pieces+pieces-1).</summary>
    Maxout,
    Relu,
    LeakyRelu,
    /// <summary>Leaky ReLU with a trainable slope per channel (per feature after an FC).</summary>
    Prelu,
    Elu,
    Sigmoid,
    Tanh,
    Softplus,
    /// <summary>Per channel for conv outputs, per feature for flat ones; gamma/beta trainable, running stats in buffers.</summary>
    BatchNorm,
    Dropout,
    SoftmaxLoss,
    /// <summary>Multiclass hinge loss (notes §3.1).</summary>
    SvmLoss,
    /// <summary>L2: mean over the batch of sum((prediction - target)^2).</summary>
    SquaredErrorLoss,
}

/// <summary>How a layer's weights are drawn by <c>InitializeParameters</c> (chosen by the layer that follows it).</summary>
internal enum WeightInit
{
    None,
    /// <summary>He: normal with std sqrt(2 / fanIn), for layers followed by a ReLU-family activation.</summary>
    He,
    /// <summary>Xavier: normal with std sqrt(1 / fanIn), for layers followed by tanh or nothing nonlinear.</summary>
    Xavier,
    /// <summary>The notes' sigmoid variant: normal with std sqrt(12.8 / fanIn), for layers followed by sigmoid.</summary>
    Sigmoid,
    /// <summary>Every weight set to <see cref="LayerSpec.InitConstant"/> (batch norm's gamma = 1, PReLU's slope = 0.25).</summary>
    Constant,
    /// <summary>Small normal (std 0.01) for the layer feeding the loss, so the untrained loss is ln(classes).</summary>
    Scoring,
}

/// <summary>
/// One layer after binding: repetitions expanded, variables and defaults substituted, shapes checked.
/// Plain values only, so the model compares by value in the incremental pipeline.
/// </summary>
/// <param name="Kind">What the layer computes.</param>
/// <param name="Name">PyTorch-style module name (<c>conv1</c>, <c>pool1</c>, <c>fc3</c>, <c>relu2</c>, <c>softmax</c>).</param>
/// <param name="Input">Shape reaching the layer, per example.</param>
/// <param name="Output">Shape leaving the layer, per example.</param>
/// <param name="Size">Convolution filters or FC units; unused (0) otherwise.</param>
/// <param name="KernelSize">Convolution kernel or pooling window (square); 0 otherwise.</param>
/// <param name="Stride">Convolution or pooling stride; 0 otherwise.</param>
/// <param name="Padding">Convolution zero padding per side; 0 otherwise.</param>
/// <param name="WeightOffset">Offset of the weight tensor in <c>Parameters</c>; -1 when the layer has none.</param>
/// <param name="WeightCount">Number of weights (conv <c>[out, in, k, k]</c>, FC <c>[out, in]</c>).</param>
/// <param name="BiasOffset">Offset of the bias in <c>Parameters</c>; -1 when the layer has none.</param>
/// <param name="BiasCount">Number of biases.</param>
/// <param name="Init">How its weights are initialised.</param>
/// <param name="FanIn">Inputs per output unit (for initialisation).</param>
/// <param name="Implied">True for the scoring FC the binder inserted before a loss (SN0010).</param>
/// <param name="SourceText">The layer's text in the architecture (for the summary), e.g. <c>CONV(6,5,pad:2)</c>.</param>
internal sealed record LayerSpec(
    LayerKind Kind,
    string Name,
    Shape Input,
    Shape Output,
    int Size,
    int KernelSize,
    int Stride,
    int Padding,
    int WeightOffset,
    int WeightCount,
    int BiasOffset,
    int BiasCount,
    WeightInit Init,
    int FanIn,
    bool Implied,
    string SourceText)
{
    public int ParameterCount => WeightCount + BiasCount;

    /// <summary>LEAKYRELU's negative slope (default 0.01) or ELU's alpha (default 1).</summary>
    public float Alpha { get; init; }

    /// <summary>MAXOUT's pieces per unit (default 2); <see cref="Size"/> holds the units.</summary>
    public int Pieces { get; init; }

    /// <summary>BATCHNORM's running-statistics momentum, PyTorch's convention: running = (1 - m) * running + m * batch (default 0.1).</summary>
    public float Momentum { get; init; }

    /// <summary>BATCHNORM's epsilon (default 1e-5).</summary>
    public float Epsilon { get; init; }

    /// <summary>DROPOUT's probability of zeroing an activation, in [0, 1).</summary>
    public float DropProbability { get; init; }

    /// <summary>SVM's margin (default 1).</summary>
    public float Margin { get; init; }

    /// <summary>The value of every weight when <see cref="Init"/> is <see cref="WeightInit.Constant"/>.</summary>
    public float InitConstant { get; init; }

    /// <summary>Offset in <c>Buffers</c> of BATCHNORM's running mean (running variance follows it); -1 otherwise.</summary>
    public int BufferOffset { get; init; } = -1;

    /// <summary>Floats in <c>Buffers</c> (2 x channels for BATCHNORM); 0 otherwise.</summary>
    public int BufferCount { get; init; }

    /// <summary>Multiply-adds per example (for the summary).</summary>
    public long MultiplyAdds => Kind switch
    {
        LayerKind.Convolution => (long)Output.Length * Input.Channels * KernelSize * KernelSize,
        LayerKind.FullyConnected => (long)Output.Length * Input.Length,
        LayerKind.Maxout => (long)Output.Length * Pieces * Input.Length,
        _ => 0,
    };
}
