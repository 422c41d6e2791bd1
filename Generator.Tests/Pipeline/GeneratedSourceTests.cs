using System.Linq;
using Microsoft.CodeAnalysis;
using StaticNets.Generator.Model;
using StaticNets.Generator.Tests.Infrastructure;

namespace StaticNets.Generator.Tests.Pipeline;

/// <summary>What reaches the emitter: the spec's naming fields, one source per class, none on error.</summary>
public class GeneratedSourceTests
{
    private static NetworkSpec SpecOf(string source)
    {
        var run = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(GeneratorHarness.Compile(source)).GetRunResult();
        var result = Assert.IsType<NetworkResult>(run.Results.Single().TrackedSteps[TrackingNames.Results].Single().Outputs.Single().Value);
        return Assert.IsType<NetworkSpec>(result.Spec);
    }

    [Fact]
    public void NestedClassKeepsItsNamespaceAndContainingTypes()
    {
        var spec = SpecOf("""
            using StaticNets;

            namespace Sample.Nets
            {
                public partial struct Holder
                {
                    internal partial record Outer
                    {
                        [Network("FC(10)+SOFTMAX", Input = "784")]
                        public partial class Mlp { }
                    }
                }
            }
            """);
        Assert.Equal("Sample.Nets", spec.Namespace);
        Assert.Equal(new[] { new ContainingType("struct", "Holder"), new ContainingType("record", "Outer") }, spec.ContainingTypes);
        Assert.Equal("Mlp", spec.ClassName);
        Assert.Equal("Sample.Nets.Holder-Outer-Mlp", spec.HintName);
        Assert.Equal("FC(10)+SOFTMAX", spec.Architecture);
        Assert.Equal((new Shape(784, 1, 1), 10, 7850), (spec.Input, spec.Classes, spec.ParameterCount));
    }

    [Fact]
    public void GlobalNamespaceAndNonAsciiNamesGiveValidHintNames()
    {
        var source = """
            using StaticNets;

            [Network("FC(10)+SOFTMAX", Input = "4")]
            public partial class Réseau { }

            namespace @class
            {
                [Network("FC(10)+SOFTMAX", Input = "4")]
                public partial class @event { }
            }
            """;
        var outcome = GeneratorHarness.Run(source);
        Assert.Empty(outcome.DriverDiagnostics);
        Assert.Equal(new[] { "R{00E9}seau.g.cs", "class.event.g.cs" }, outcome.Sources.Select(s => s.HintName).OrderBy(n => n, System.StringComparer.Ordinal));

        var run = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(GeneratorHarness.Compile(source)).GetRunResult();
        var specs = run.Results.Single().TrackedSteps[TrackingNames.Results].SelectMany(s => s.Outputs).Select(o => ((NetworkResult)o.Value).Spec!).ToList();
        var keyword = Assert.Single(specs, s => s.HintName == "class.event");
        Assert.Equal(("@class", "@event"), (keyword.Namespace, keyword.ClassName));
        Assert.Equal("", Assert.Single(specs, s => s.ClassName == "Réseau").Namespace);
    }

    [Fact]
    public void AttributeOnTwoPartialDeclarationsNeverAddsTheSameSourceTwice()
    {
        // The compiler reports CS0579 (the attribute is AllowMultiple = false); the generator must not crash on a duplicate hint name.
        var outcome = GeneratorHarness.Run("""
            using StaticNets;

            namespace Sample;

            [Network("FC(10)+SOFTMAX", Input = "4")]
            public partial class Net { }

            [Network("FC(10)+SOFTMAX", Input = "4")]
            public partial class Net { }
            """);
        Assert.True(outcome.Sources.Length <= 1);
        Assert.DoesNotContain(outcome.DriverDiagnostics, d => d.Id is "CS8784" or "CS8785");

        const string part = "using StaticNets;\nnamespace Sample;\n[Network(\"FC(10)+SOFTMAX\", Input = \"4\")]\npublic partial class Net { }\n";
        var twoFiles = GeneratorHarness.Run(part, part);
        Assert.True(twoFiles.Sources.Length <= 1);
        Assert.DoesNotContain(twoFiles.DriverDiagnostics, d => d.Id is "CS8784" or "CS8785");
    }

    [Fact]
    public void AnyErrorSuppressesTheSourceButInfoDoesNot()
    {
        Assert.Empty(GeneratorHarness.Run(Markup.Network("\"FC(10)+SOFTMAX\", Input = \"4\"", "public class Net { }")).Sources);
        Assert.Empty(GeneratorHarness.Run(Markup.Network("\"FC(10)+RELUU+SOFTMAX\", Input = \"4\"")).Sources);
        var info = GeneratorHarness.Run(Markup.Network("\"RELU+SOFTMAX\", Input = \"4\", Classes = 3"));
        Assert.Equal("SN0010", Assert.Single(info.Diagnostics).Id);
        Assert.Equal("Sample.Net.g.cs", Assert.Single(info.Sources).HintName);
    }

    [Fact]
    public void AttributeThatDoesNotBindIsLeftToTheCompiler()
    {
        var outcome = GeneratorHarness.Run("""
            using StaticNets;

            namespace Sample;

            [Network(42, Input = "4")]
            public partial class Net { }
            """);
        Assert.Empty(outcome.Diagnostics);
        Assert.Empty(outcome.Sources);
        Assert.DoesNotContain(outcome.DriverDiagnostics, d => d.Id is "CS8784" or "CS8785");
    }
}
