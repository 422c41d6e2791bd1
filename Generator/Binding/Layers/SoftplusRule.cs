using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding.Layers;

/// <summary><c>SOFTPLUS</c>: ln(1 + e^x), a smooth ReLU; no arguments, shape unchanged. Not in the ReLU family for initialisation: the layer before it keeps Xavier.</summary>
internal sealed class SoftplusRule : ElementwiseRule
{
    public static readonly SoftplusRule Instance = new();

    public override string Name => "SOFTPLUS";

    public override LayerKind Kind => LayerKind.Softplus;

    public override string ModulePrefix => "softplus";
}
