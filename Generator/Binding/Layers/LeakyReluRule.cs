using System.Collections.Immutable;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding.Layers;

/// <summary><c>LEAKYRELU(alpha=0.01)</c>: x for x &gt; 0, alpha*x otherwise, with a fixed slope in [0, 1) (notes §6.1.4).</summary>
internal sealed class LeakyReluRule : ElementwiseRule
{
    public static readonly LeakyReluRule Instance = new();

    /// <summary>The notes' (and PyTorch's) default slope.</summary>
    public const float DefaultAlpha = 0.01f;

    private static readonly ImmutableArray<LayerParameter> s_parameters = ImmutableArray.Create(
        new LayerParameter("alpha", Required: false, Type: ArgumentType.Real));

    public override string Name => "LEAKYRELU";

    public override LayerKind Kind => LayerKind.LeakyRelu;

    public override ImmutableArray<LayerParameter> Parameters => s_parameters;

    public override string ModulePrefix => "leakyrelu";

    public override WeightInit InitBefore => WeightInit.He;

    public override LayerSettings? Configure(LayerArguments arguments, DiagnosticBag diagnostics)
    {
        // A slope of 1 or more is no longer "leaky": the layer would be linear or invert the ReLU.
        if (!TryReadReal(arguments, "alpha", DefaultAlpha, RealRange.FromZeroBelowOne, diagnostics, out float alpha))
        {
            return null;
        }
        return LayerSettings.Plain(WithValue(arguments, alpha), arguments.NameAt) with { Alpha = alpha };
    }
}
