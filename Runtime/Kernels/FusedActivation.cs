namespace StaticNets.Kernels;

/// <summary>
/// An activation a layer kernel applies to its results as it stores them, instead of a separate pass over the
/// output: generated networks pass it when a RELU directly follows a CONV or FC layer.
/// </summary>
public enum FusedActivation
{
    /// <summary>The layer's own output, unchanged.</summary>
    None,

    /// <summary><c>max(x, 0)</c> on every output, as <see cref="Relu.Forward"/> would compute it.</summary>
    Relu,
}
