using System.Collections.Immutable;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding.Layers;

/// <summary><c>RELU</c>: max(0, x) elementwise; no arguments, shape unchanged.</summary>
internal sealed class ReluRule : LayerRule
{
    public static readonly ReluRule Instance = new();

    public override string Name => "RELU";

    public override LayerKind Kind => LayerKind.Relu;

    public override ImmutableArray<LayerParameter> Parameters => ImmutableArray<LayerParameter>.Empty;

    public override string ModulePrefix => "relu";

    public override LayerSettings? Configure(LayerArguments arguments, DiagnosticBag diagnostics) =>
        new(0, 0, 0, 0, arguments.WrittenName, arguments.NameAt, arguments.NameAt, arguments.NameAt, arguments.NameAt);

    public override LayerShape? Apply(LayerSettings settings, Shape input, string label, DiagnosticBag diagnostics) =>
        new LayerShape(input, 0, 0, 0);
}
