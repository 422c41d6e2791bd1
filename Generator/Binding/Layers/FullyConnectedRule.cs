using System.Collections.Immutable;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding.Layers;

/// <summary><c>FC(units)</c>: flattens its C*H*W input and maps it to <c>units</c> outputs (weight <c>[out, in]</c>, then bias).</summary>
internal sealed class FullyConnectedRule : LayerRule
{
    public static readonly FullyConnectedRule Instance = new();

    private static readonly ImmutableArray<LayerParameter> s_parameters = ImmutableArray.Create(
        new LayerParameter("units", Required: true));

    public override string Name => "FC";

    public override LayerKind Kind => LayerKind.FullyConnected;

    public override ImmutableArray<LayerParameter> Parameters => s_parameters;

    public override string ModulePrefix => "fc";

    public override LayerLinearity Linearity => LayerLinearity.Linear;

    public override LayerSettings? Configure(LayerArguments arguments, DiagnosticBag diagnostics)
    {
        if (!HasRequired(arguments, diagnostics)
            || !TryReadAtLeast(arguments, "units", 1, 0, diagnostics, out int units, out var unitsAt))
        {
            return null;
        }
        return Create(units, unitsAt, arguments.NameAt, arguments.WrittenName);
    }

    /// <summary>Settings for an FC of <paramref name="units"/> outputs (also the scoring FC the binder implies).</summary>
    public static LayerSettings Create(int units, SourceSpan unitsAt, SourceSpan nameAt, string writtenName) =>
        new(units, 0, 0, 0, writtenName + "(" + Format(units) + ")", unitsAt, nameAt, nameAt, nameAt);

    public override LayerShape? Apply(LayerSettings settings, Shape input, LayerContext context, DiagnosticBag diagnostics)
    {
        if (!TryCreateShape(settings.Size, 1, 1, context.Label, settings.SizeAt, diagnostics, out var output))
        {
            return null;
        }
        return new LayerShape(output, NetworkLimits.SaturatingMultiply(settings.Size, input.Length), settings.Size, input.Length);
    }
}
