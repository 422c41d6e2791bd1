using System.Collections.Immutable;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding.Layers;

/// <summary>
/// <c>L2</c>: squared error against real targets, mean over the batch of sum((prediction - target)^2)
/// (a regression loss, in the notes' loss form §3.1); no arguments. <c>Classes</c> is the number of outputs predicted.
/// </summary>
internal sealed class SquaredErrorLossRule : LossRule
{
    public static readonly SquaredErrorLossRule Instance = new();

    public override string Name => "L2";

    public override LayerKind Kind => LayerKind.SquaredErrorLoss;

    public override ImmutableArray<LayerParameter> Parameters => ImmutableArray<LayerParameter>.Empty;

    /// <summary>The loss is a single module named <c>l2</c>.</summary>
    public override string ModulePrefix => "l2";

    public override string Inputs => "predictions";

    public override string WidthMeaning => "the number of outputs";
}
