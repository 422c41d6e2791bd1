using System.Collections.Immutable;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding.Layers;

/// <summary>
/// <c>DROPOUT(p=0.5)</c>: in training, zeroes each activation with probability p in [0, 1) and scales the
/// rest by 1/(1-p) (inverted dropout); in inference, the identity. Shape unchanged.
/// </summary>
internal sealed class DropoutRule : ElementwiseRule
{
    public static readonly DropoutRule Instance = new();

    public const float DefaultProbability = 0.5f;

    private static readonly ImmutableArray<LayerParameter> s_parameters = ImmutableArray.Create(
        new LayerParameter("p", Required: false, Type: ArgumentType.Real));

    public override string Name => "DROPOUT";

    public override LayerKind Kind => LayerKind.Dropout;

    public override ImmutableArray<LayerParameter> Parameters => s_parameters;

    public override string ModulePrefix => "dropout";

    /// <summary>The identity at inference (and a fixed diagonal scaling within one training step): no nonlinearity (SN1001).</summary>
    public override LayerLinearity Linearity => LayerLinearity.AffineAtInference;

    /// <summary>Dropout scales what reaches the next layer but does not change which nonlinearity the weights feed.</summary>
    public override bool PassesInitChoiceOn => true;

    public override LayerSettings? Configure(LayerArguments arguments, DiagnosticBag diagnostics)
    {
        // p = 1 would drop everything and divide by zero when rescaling.
        if (!TryReadReal(arguments, "p", DefaultProbability, RealRange.FromZeroBelowOne, diagnostics, out float p))
        {
            return null;
        }
        return LayerSettings.Plain(WithValue(arguments, p), arguments.NameAt) with { DropProbability = p };
    }
}
