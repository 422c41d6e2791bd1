using System.Collections.Immutable;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding.Layers;

/// <summary><c>SOFTMAX</c>: softmax + cross-entropy loss (notes §3.1); no arguments.</summary>
internal sealed class SoftmaxLossRule : LossRule
{
    public static readonly SoftmaxLossRule Instance = new();

    public override string Name => "SOFTMAX";

    public override LayerKind Kind => LayerKind.SoftmaxLoss;

    public override ImmutableArray<LayerParameter> Parameters => ImmutableArray<LayerParameter>.Empty;

    /// <summary>The loss is a single module named <c>softmax</c>, without a number.</summary>
    public override string ModulePrefix => "softmax";
}
