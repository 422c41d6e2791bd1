using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding.Layers;

/// <summary>
/// <c>PRELU</c>: leaky ReLU whose slope is trained, one per channel of a CxHxW input, one per feature of
/// a flat one (PyTorch's <c>PReLU(num_parameters=C)</c>: tensor <c>prelu1.weight</c> [C], no bias).
/// </summary>
internal sealed class PreluRule : ElementwiseRule
{
    public static readonly PreluRule Instance = new();

    public override string Name => "PRELU";

    public override LayerKind Kind => LayerKind.Prelu;

    public override string ModulePrefix => "prelu";

    public override WeightInit InitBefore => WeightInit.He;

    public override WeightInit? OwnInit => WeightInit.Constant;

    /// <summary>PyTorch's initial slope.</summary>
    public override float InitConstant => 0.25f;

    // A flat input is C x 1 x 1, so its channels are its features.
    public override LayerShape? Apply(LayerSettings settings, Shape input, LayerContext context, DiagnosticBag diagnostics) =>
        new LayerShape(input, input.Channels, 0, 0);
}
