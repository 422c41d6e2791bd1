using System.Collections.Immutable;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding.Layers;

/// <summary>
/// What layers applied value by value share: the output has the input's shape, there are no arguments
/// unless the layer says otherwise, and the summary shows the bare name.
/// </summary>
internal abstract class ElementwiseRule : LayerRule
{
    public override ImmutableArray<LayerParameter> Parameters => ImmutableArray<LayerParameter>.Empty;

    public override LayerSettings? Configure(LayerArguments arguments, DiagnosticBag diagnostics) =>
        LayerSettings.Plain(arguments.WrittenName, arguments.NameAt);

    public override LayerShape? Apply(LayerSettings settings, Shape input, LayerContext context, DiagnosticBag diagnostics) =>
        new LayerShape(input, 0, 0, 0);

    /// <summary>The summary text of a layer with one real hyper-parameter, always shown (as <c>POOL(2)</c> shows its window): <c>ELU(1)</c>.</summary>
    protected static string WithValue(LayerArguments arguments, float value) =>
        arguments.WrittenName + "(" + FormatReal(value) + ")";
}
