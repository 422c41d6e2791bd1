using System.Collections.Immutable;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding.Layers;

/// <summary><c>ELU(alpha=1)</c>: x for x &gt; 0, alpha*(e^x - 1) otherwise, alpha finite and positive.</summary>
internal sealed class EluRule : ElementwiseRule
{
    public static readonly EluRule Instance = new();

    public const float DefaultAlpha = 1f;

    private static readonly ImmutableArray<LayerParameter> s_parameters = ImmutableArray.Create(
        new LayerParameter("alpha", Required: false, Type: ArgumentType.Real));

    public override string Name => "ELU";

    public override LayerKind Kind => LayerKind.Elu;

    public override ImmutableArray<LayerParameter> Parameters => s_parameters;

    public override string ModulePrefix => "elu";

    public override WeightInit InitBefore => WeightInit.He;

    public override LayerSettings? Configure(LayerArguments arguments, DiagnosticBag diagnostics)
    {
        if (!TryReadReal(arguments, "alpha", DefaultAlpha, RealRange.Positive, diagnostics, out float alpha))
        {
            return null;
        }
        return LayerSettings.Plain(WithValue(arguments, alpha), arguments.NameAt) with { Alpha = alpha };
    }
}
