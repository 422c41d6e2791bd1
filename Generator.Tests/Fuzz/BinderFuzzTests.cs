using System;
using System.Collections.Generic;
using System.Linq;
using StaticNets.Generator.Binding;
using StaticNets.Generator.Model;
using StaticNets.Generator.Tests.Infrastructure;

namespace StaticNets.Generator.Tests.Fuzz;

/// <summary>
/// Parse + bind is total: for any text in any argument it returns, never throws, and yields a network
/// exactly when it reports no error. A network it does yield is internally consistent, and inputs that
/// are certainly invalid (unbalanced parentheses, foreign characters, no loss) always carry an error.
/// </summary>
public class BinderFuzzTests
{
    private static readonly string[] s_lossNames = { "SOFTMAX", "SVM", "L2" };

    private static readonly LayerKind[] s_lossKinds = { LayerKind.SoftmaxLoss, LayerKind.SvmLoss, LayerKind.SquaredErrorLoss };

    private static int s_checked;

    private static void Check(NetworkArguments arguments)
    {
        var result = NetworkBinder.Bind(arguments);
        s_checked++;
        bool hasErrors = result.Diagnostics.Any(d => d.IsError);
        Assert.True(hasErrors == (result.Network is null), Describe(arguments, result));

        foreach (var diagnostic in result.Diagnostics)
        {
            string? text = diagnostic.At.Argument switch
            {
                NetworkArgument.Architecture => arguments.Architecture,
                NetworkArgument.Input => arguments.Input,
                NetworkArgument.Let => arguments.Let,
                NetworkArgument.Defaults => arguments.Defaults,
                _ => string.Empty,
            };
            Assert.True(text is not null && diagnostic.At.Span.End <= text.Length, "span outside its text: " + Describe(arguments, result));
            Assert.False(string.IsNullOrWhiteSpace(diagnostic.Message));
        }

        if (CertainlyInvalid(arguments))
        {
            Assert.True(hasErrors, "no error for an invalid declaration: " + Describe(arguments, result));
        }
        if (result.Network is { } network)
        {
            AssertConsistent(network);
        }
    }

    private static bool CertainlyInvalid(NetworkArguments arguments)
    {
        string architecture = arguments.Architecture ?? string.Empty;
        return architecture.Count(c => c == '(') != architecture.Count(c => c == ')')
            || architecture.Count(c => c == '[') != architecture.Count(c => c == ']')
            || architecture.Any(c => c is '"' or '\\' or 'é' or '=' or ';')
            || !s_lossNames.Any(loss => architecture.IndexOf(loss, StringComparison.OrdinalIgnoreCase) >= 0)
            || arguments.Input is null
            || arguments.Classes is <= 0;
    }

    private static void AssertConsistent(BoundNetwork network)
    {
        var layers = network.Layers.ToList();
        Assert.NotEmpty(layers);
        Assert.Contains(layers[^1].Kind, s_lossKinds);
        Assert.Single(layers, l => s_lossKinds.Contains(l.Kind));
        Assert.Equal(LayerKind.FullyConnected, layers[^2].Kind);
        Assert.Equal(network.Input, layers[0].Input);
        Assert.Equal(new Shape(network.Classes, 1, 1), layers[^1].Output);
        int offset = 0;
        int buffers = 0;
        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            Assert.True(layer.Output.Channels > 0 && layer.Output.Height > 0 && layer.Output.Width > 0);
            if (i > 0)
            {
                Assert.Equal(layers[i - 1].Output, layer.Input);
            }
            Assert.Equal(layer.WeightCount > 0 ? offset : -1, layer.WeightOffset);
            offset += layer.WeightCount;
            Assert.Equal(layer.BiasCount > 0 ? offset : -1, layer.BiasOffset);
            offset += layer.BiasCount;
            Assert.Equal(layer.BufferCount > 0 ? buffers : -1, layer.BufferOffset);
            buffers += layer.BufferCount;
            Assert.Equal(layer.WeightCount > 0, layer.Init != WeightInit.None);
        }
        Assert.Equal(network.ParameterCount, offset);
        Assert.Equal(network.BufferCount, buffers);
        Assert.Equal(layers.Select(l => l.Name).Count(), layers.Select(l => l.Name).Distinct().Count());
    }

    private static string Describe(NetworkArguments arguments, BindResult result) =>
        $"{arguments} => " + string.Join(" | ", result.Diagnostics.Select(d => d.Descriptor.Id + " " + d.Message));

    [Fact]
    public void MutationsOfTheReferenceArchitecturesNeverThrow()
    {
        s_checked = 0;
        foreach (var architecture in FuzzCorpus.ValidArchitectures)
        {
            foreach (var mutation in FuzzCorpus.Mutations(architecture).Distinct())
            {
                Check(new NetworkArguments(mutation, "3x32x32", 10, ReferenceNetworks.CifarLet, ReferenceNetworks.CifarDefaults));
                Check(new NetworkArguments(mutation, "1x28x28", null, null, null));
            }
        }
        Assert.True(s_checked > 20_000, s_checked + " cases");
    }

    [Fact]
    public void MutationsOfInputLetAndDefaultsNeverThrow()
    {
        var cifar = ReferenceNetworks.CifarPatternArguments;
        var cases = new List<NetworkArguments>();
        cases.AddRange(FuzzCorpus.Mutations("3x32x32").Select(m => cifar with { Input = m }));
        cases.AddRange(FuzzCorpus.Mutations(ReferenceNetworks.CifarLet).Select(m => cifar with { Let = m }));
        cases.AddRange(FuzzCorpus.Mutations(ReferenceNetworks.CifarDefaults).Select(m => cifar with { Defaults = m }));
        foreach (var arguments in cases.Distinct())
        {
            Check(arguments);
        }
        Assert.True(cases.Count > 5_000, cases.Count + " cases");
    }

    [Fact]
    public void RandomDeclarationsNeverThrow()
    {
        foreach (var arguments in FuzzCorpus.RandomDeclarations(seed: 20240601, count: 6_000))
        {
            Check(arguments);
        }
    }

    [Fact]
    public void TheUnmutatedReferencesAreValid()
    {
        foreach (var arguments in new[] { ReferenceNetworks.CifarPatternArguments, ReferenceNetworks.CifarExplicitArguments, ReferenceNetworks.Lenet5Arguments, ReferenceNetworks.Mlp2Arguments })
        {
            Assert.NotNull(NetworkBinder.Bind(arguments).Network);
        }
        foreach (var architecture in new[] { FuzzCorpus.MixedLayers, FuzzCorpus.RealArguments })
        {
            Assert.NotNull(NetworkBinder.Bind(new NetworkArguments(architecture, "3x32x32", 10, ReferenceNetworks.CifarLet, ReferenceNetworks.CifarDefaults)).Network);
            Assert.NotNull(NetworkBinder.Bind(new NetworkArguments(architecture, "1x28x28", null, null, null)).Network);
        }
    }
}
