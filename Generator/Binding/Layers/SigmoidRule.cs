using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding.Layers;

/// <summary><c>SIGMOID</c>: 1 / (1 + e^-x); no arguments, shape unchanged. The layer before it gets the notes' sigmoid initialisation (§6.3).</summary>
internal sealed class SigmoidRule : ElementwiseRule
{
    public static readonly SigmoidRule Instance = new();

    public override string Name => "SIGMOID";

    public override LayerKind Kind => LayerKind.Sigmoid;

    public override string ModulePrefix => "sigmoid";

    public override WeightInit InitBefore => WeightInit.Sigmoid;
}
