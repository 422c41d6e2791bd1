using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding.Layers;

/// <summary>
/// <c>AVGPOOL(size=2, stride=size)</c>: the mean of each window (notes §5.2). Numbered apart from max
/// pooling (<c>avgpool1</c>), as PyTorch names the two module types apart.
/// </summary>
internal sealed class AvgPoolRule : PoolingRule
{
    public static readonly AvgPoolRule Instance = new();

    public override string Name => "AVGPOOL";

    public override LayerKind Kind => LayerKind.AvgPool;

    public override string ModulePrefix => "avgpool";

    /// <summary>Each output is a fixed mean of inputs: linear, so it does not separate two linear layers (SN1001).</summary>
    public override LayerLinearity Linearity => LayerLinearity.AffineAtInference;
}
