using System.Collections.Immutable;
using System.Text;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding.Layers;

/// <summary>
/// <c>BATCHNORM</c>/<c>BN(momentum=0.1, eps=1e-5)</c>: normalises per channel of a CxHxW input (PyTorch's
/// BatchNorm2d), per feature of a flat one (BatchNorm1d), then scales by gamma and shifts by beta (notes
/// §6.4). Parameters: gamma [C] (the weight, starting at 1), beta [C] (the bias); buffers: running mean
/// [C] then running variance [C], kept apart from the parameters as PyTorch's state_dict does.
/// </summary>
internal sealed class BatchNormRule : LayerRule
{
    public static readonly BatchNormRule Instance = new();

    /// <summary>PyTorch's defaults, so weights and statistics move between the two unchanged.</summary>
    public const float DefaultMomentum = 0.1f;

    public const float DefaultEpsilon = 1e-5f;

    private static readonly ImmutableArray<LayerParameter> s_parameters = ImmutableArray.Create(
        new LayerParameter("momentum", Required: false, Type: ArgumentType.Real),
        new LayerParameter("eps", Required: false, Type: ArgumentType.Real));

    private static readonly ImmutableArray<string> s_names = ImmutableArray.Create("BATCHNORM", "BN");

    public override string Name => "BATCHNORM";

    public override ImmutableArray<string> Names => s_names;

    public override LayerKind Kind => LayerKind.BatchNorm;

    public override ImmutableArray<LayerParameter> Parameters => s_parameters;

    /// <summary>Modules <c>bn1</c>, <c>bn2</c>, whichever name was written.</summary>
    public override string ModulePrefix => "bn";

    /// <summary>
    /// At inference gamma*(x - mean)/sqrt(var + eps) + beta with the running statistics: a per-channel affine
    /// map that folds into the layer before it, so it does not separate two linear layers (SN1001).
    /// </summary>
    public override LayerLinearity Linearity => LayerLinearity.AffineAtInference;

    /// <summary>Normalising keeps the nonlinearity after it the one the weights before it feed (CONV+BN+RELU is He).</summary>
    public override bool PassesInitChoiceOn => true;

    public override WeightInit? OwnInit => WeightInit.Constant;

    /// <summary>Gamma starts at 1, so the layer starts as a plain normalisation.</summary>
    public override float InitConstant => 1f;

    public override LayerSettings? Configure(LayerArguments arguments, DiagnosticBag diagnostics)
    {
        // Momentum 0 would never update the running statistics; above 1 they would overshoot.
        bool valid = TryReadReal(arguments, "momentum", DefaultMomentum, RealRange.AboveZeroUpToOne, diagnostics, out float momentum);
        valid &= TryReadReal(arguments, "eps", DefaultEpsilon, RealRange.Positive, diagnostics, out float epsilon);
        if (!valid)
        {
            return null;
        }

        var text = new StringBuilder(arguments.WrittenName);
        bool showMomentum = momentum != DefaultMomentum;
        bool showEpsilon = epsilon != DefaultEpsilon;
        if (showMomentum || showEpsilon)
        {
            text.Append('(');
            if (showMomentum)
            {
                text.Append(FormatReal(momentum));
            }
            if (showEpsilon)
            {
                text.Append(showMomentum ? "," : string.Empty).Append("eps:").Append(FormatReal(epsilon));
            }
            text.Append(')');
        }
        return LayerSettings.Plain(text.ToString(), arguments.NameAt) with { Momentum = momentum, Epsilon = epsilon };
    }

    // A flat input is C x 1 x 1, so its channels are its features.
    public override LayerShape? Apply(LayerSettings settings, Shape input, LayerContext context, DiagnosticBag diagnostics) =>
        new LayerShape(input, input.Channels, input.Channels, 0, BufferCount: 2L * input.Channels);
}
