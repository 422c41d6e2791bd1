using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding.Layers;

/// <summary><c>RELU</c>: max(0, x) elementwise; no arguments, shape unchanged.</summary>
internal sealed class ReluRule : ElementwiseRule
{
    public static readonly ReluRule Instance = new();

    public override string Name => "RELU";

    public override LayerKind Kind => LayerKind.Relu;

    public override string ModulePrefix => "relu";

    public override WeightInit InitBefore => WeightInit.He;
}
