namespace StaticNets.Generator.Binding.Layers;

/// <summary>
/// What a layer does to the values passing through it, as far as SN1001 cares: two linear layers with only
/// affine ones between them compose into one linear map (notes §4.2.1).
/// </summary>
internal enum LayerLinearity
{
    /// <summary>Bends its input (activations, max pooling, maxout) or ends the network (losses): a linear run stops here.</summary>
    Nonlinear,

    /// <summary>A weight layer computing W·x + b (CONV, FC).</summary>
    Linear,

    /// <summary>
    /// Affine at inference and without weights of a new map: DROPOUT (the identity), AVGPOOL (fixed means),
    /// BATCHNORM (a per-channel scale and shift from the running statistics). Linear layers on both sides of
    /// it still collapse, since it folds into the weights and bias before it.
    /// </summary>
    AffineAtInference,
}
