using System.Collections.Immutable;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding.Layers;

/// <summary>
/// <c>SOFTMAX</c>: softmax + cross-entropy loss, last and only once. Its width (the number of classes)
/// is checked by <see cref="LossChecker"/>, which sees the layer before it and <c>Classes</c>.
/// </summary>
internal sealed class SoftmaxLossRule : LayerRule
{
    public static readonly SoftmaxLossRule Instance = new();

    public override string Name => "SOFTMAX";

    public override LayerKind Kind => LayerKind.SoftmaxLoss;

    public override ImmutableArray<LayerParameter> Parameters => ImmutableArray<LayerParameter>.Empty;

    /// <summary>The loss is a single module named <c>softmax</c>, without a number.</summary>
    public override string ModulePrefix => "softmax";

    public override bool IsLoss => true;

    public override LayerSettings? Configure(LayerArguments arguments, DiagnosticBag diagnostics) =>
        new(0, 0, 0, 0, arguments.WrittenName, arguments.NameAt, arguments.NameAt, arguments.NameAt, arguments.NameAt);

    public override LayerShape? Apply(LayerSettings settings, Shape input, string label, DiagnosticBag diagnostics) =>
        new LayerShape(input, 0, 0, 0);
}
