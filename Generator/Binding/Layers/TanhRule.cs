using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding.Layers;

/// <summary><c>TANH</c>: tanh(x); no arguments, shape unchanged. The layer before it gets Xavier initialisation (§6.3).</summary>
internal sealed class TanhRule : ElementwiseRule
{
    public static readonly TanhRule Instance = new();

    public override string Name => "TANH";

    public override LayerKind Kind => LayerKind.Tanh;

    public override string ModulePrefix => "tanh";

    public override WeightInit InitBefore => WeightInit.Xavier;
}
