using System.Collections.Immutable;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding.Layers;

/// <summary><c>SVM(margin=1)</c>: multiclass hinge loss, sum over wrong classes of max(0, s_j - s_y + margin) (notes §3.1).</summary>
internal sealed class SvmLossRule : LossRule
{
    public static readonly SvmLossRule Instance = new();

    /// <summary>The notes' margin (§3.1).</summary>
    public const float DefaultMargin = 1f;

    private static readonly ImmutableArray<LayerParameter> s_parameters = ImmutableArray.Create(
        new LayerParameter("margin", Required: false, Type: ArgumentType.Real));

    public override string Name => "SVM";

    public override LayerKind Kind => LayerKind.SvmLoss;

    public override ImmutableArray<LayerParameter> Parameters => s_parameters;

    /// <summary>The loss is a single module named <c>svm</c>.</summary>
    public override string ModulePrefix => "svm";

    public override LayerSettings? Configure(LayerArguments arguments, DiagnosticBag diagnostics)
    {
        // A margin of 0 or less would be satisfied by equal scores: nothing to learn.
        if (!TryReadReal(arguments, "margin", DefaultMargin, RealRange.Positive, diagnostics, out float margin))
        {
            return null;
        }
        return LayerSettings.Plain(arguments.WrittenName + "(" + FormatReal(margin) + ")", arguments.NameAt) with { Margin = margin };
    }
}
