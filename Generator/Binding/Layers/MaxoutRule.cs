using System.Collections.Immutable;
using System.Text;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding.Layers;

/// <summary>
/// <c>MAXOUT(units, pieces=2)</c>: an FC to units*pieces outputs (weight <c>[units*pieces, in]</c>, then
/// bias), then the maximum of each unit's pieces, which sit next to each other (unit u's pieces are
/// u*pieces .. u*pieces+pieces-1). Flattens its input like FC (notes §6.1.4).
/// </summary>
internal sealed class MaxoutRule : LayerRule
{
    public static readonly MaxoutRule Instance = new();

    public const int DefaultPieces = 2;

    private static readonly ImmutableArray<LayerParameter> s_parameters = ImmutableArray.Create(
        new LayerParameter("units", Required: true),
        new LayerParameter("pieces", Required: false));

    public override string Name => "MAXOUT";

    public override LayerKind Kind => LayerKind.Maxout;

    public override ImmutableArray<LayerParameter> Parameters => s_parameters;

    public override string ModulePrefix => "maxout";

    // Linearity stays Nonlinear: the notes list maxout among the activations (§6.1.4), and an FC right before
    // it composes into a maxout with factored weights, not into one linear map, so SN1001's statement would be false.

    /// <summary>
    /// The max over pieces is ReLU-like (ReLU is the maxout of x and 0), so its own weights are He whatever
    /// follows. A layer with weights before it feeds its linear part, not a nonlinearity, and keeps Xavier.
    /// </summary>
    public override WeightInit? OwnInit => WeightInit.He;

    public override LayerSettings? Configure(LayerArguments arguments, DiagnosticBag diagnostics)
    {
        if (!HasRequired(arguments, diagnostics))
        {
            return null;
        }
        // One piece would be a plain FC: the max of a single value.
        bool valid = TryReadAtLeast(arguments, "units", 1, 0, diagnostics, out int units, out var unitsAt);
        valid &= TryReadAtLeast(arguments, "pieces", 2, DefaultPieces, diagnostics, out int pieces, out _);
        if (!valid)
        {
            return null;
        }
        var text = new StringBuilder(arguments.WrittenName).Append('(').Append(Format(units));
        if (pieces != DefaultPieces)
        {
            text.Append(',').Append(Format(pieces));
        }
        text.Append(')');
        return new LayerSettings(units, 0, 0, 0, text.ToString(), unitsAt, arguments.NameAt, arguments.NameAt, arguments.NameAt) { Pieces = pieces };
    }

    public override LayerShape? Apply(LayerSettings settings, Shape input, LayerContext context, DiagnosticBag diagnostics)
    {
        // The units*pieces values before the max are an activation too, so they are what must fit.
        long linear = NetworkLimits.SaturatingMultiply(settings.Size, settings.Pieces);
        if (!TryCreateShape(linear, 1, 1, context.Label + " (units*pieces)", settings.SizeAt, diagnostics, out _))
        {
            return null;
        }
        return new LayerShape(new Shape(settings.Size, 1, 1), NetworkLimits.SaturatingMultiply(linear, input.Length), linear, input.Length);
    }
}
