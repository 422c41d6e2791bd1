using System.Collections.Immutable;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding.Layers;

/// <summary><c>POOL</c>/<c>MAXPOOL(size=2, stride=size)</c>: the maximum of each window (notes §5.2).</summary>
internal sealed class MaxPoolRule : PoolingRule
{
    public static readonly MaxPoolRule Instance = new();

    private static readonly ImmutableArray<string> s_names = ImmutableArray.Create("POOL", "MAXPOOL");

    public override string Name => "POOL";

    public override ImmutableArray<string> Names => s_names;

    public override LayerKind Kind => LayerKind.MaxPool;

    public override string ModulePrefix => "pool";
}
