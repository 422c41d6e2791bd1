namespace StaticNets.Generator.Binding.Layers;

/// <summary>
/// A layer's hyper-parameters once range-checked, before its input shape is known, with the place
/// each came from so a shape error can underline the number responsible.
/// </summary>
/// <param name="Size">Convolution filters or FC units; 0 otherwise.</param>
/// <param name="KernelSize">Convolution kernel or pooling window; 0 otherwise.</param>
/// <param name="Stride">Convolution or pooling stride; 0 otherwise.</param>
/// <param name="Padding">Convolution zero padding per side (resolved from <c>same</c>); 0 otherwise.</param>
/// <param name="SourceText">Canonical text for the summary, e.g. <c>CONV(32,3,pad:1)</c>.</param>
/// <param name="SizeAt">Where <see cref="Size"/> was written.</param>
/// <param name="KernelAt">Where <see cref="KernelSize"/> was written.</param>
/// <param name="StrideAt">Where <see cref="Stride"/> was written, or the kernel/name when it was defaulted.</param>
/// <param name="NameAt">The layer name in the architecture.</param>
internal sealed record LayerSettings(
    int Size,
    int KernelSize,
    int Stride,
    int Padding,
    string SourceText,
    SourceSpan SizeAt,
    SourceSpan KernelAt,
    SourceSpan StrideAt,
    SourceSpan NameAt)
{
    /// <summary>
    /// CONV only: where a fix writes a new padding: the padding written in the layer, or (when it is absent or comes from
    /// Defaults) the empty span before the layer's ')' where <c>pad:</c> is inserted. Null when neither exists.
    /// </summary>
    public SourceSpan? PaddingEditAt { get; init; }

    /// <summary>MAXOUT's pieces per unit; 0 otherwise.</summary>
    public int Pieces { get; init; }

    /// <summary>LEAKYRELU's negative slope or ELU's alpha; 0 otherwise.</summary>
    public float Alpha { get; init; }

    /// <summary>BATCHNORM's running-statistics momentum; 0 otherwise.</summary>
    public float Momentum { get; init; }

    /// <summary>BATCHNORM's epsilon; 0 otherwise.</summary>
    public float Epsilon { get; init; }

    /// <summary>DROPOUT's probability of zeroing an activation; 0 otherwise.</summary>
    public float DropProbability { get; init; }

    /// <summary>SVM's margin; 0 otherwise.</summary>
    public float Margin { get; init; }

    /// <summary>Settings of a layer without size, window or stride (activations, dropout, batch norm, losses), all placed at its name.</summary>
    public static LayerSettings Plain(string sourceText, SourceSpan nameAt) =>
        new(0, 0, 0, 0, sourceText, nameAt, nameAt, nameAt, nameAt);
}

/// <summary>What a layer's shape rule computes from its input shape (counts in <see cref="long"/>, checked against limits later).</summary>
/// <param name="BufferCount">Floats of non-trainable state (batch norm's running mean and variance).</param>
internal readonly record struct LayerShape(Model.Shape Output, long WeightCount, long BiasCount, long FanIn, long BufferCount = 0);
