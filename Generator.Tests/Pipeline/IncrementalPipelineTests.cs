using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNets.Generator.Model;
using StaticNets.Generator.Tests.Infrastructure;

namespace StaticNets.Generator.Tests.Pipeline;

public class IncrementalPipelineTests
{
    private static readonly string[] s_trackedSteps = { TrackingNames.Declarations, TrackingNames.Results };

    private const string Lenet = """
        using StaticNets;

        namespace Sample;

        [Network("CONV(6,5,pad:2)+RELU+POOL(2)+CONV(16,5)+RELU+POOL(2)+FC(120)+RELU+FC(84)+RELU+FC(10)+SOFTMAX", Input = "1x28x28")]
        public partial class LeNet5 { }
        """;

    private const string Cifar = """
        using StaticNets;

        namespace Sample;

        [Network("((CONV+RELU)*N+POOL)*M+(FC+RELU)*K+SOFTMAX",
                 Input = "3x32x32", Classes = 10, Let = "N=2, M=3, K=1",
                 Defaults = "CONV([32,64,128], 3, pad: same); POOL(2); FC(256)")]
        public partial class CifarNet { }
        """;

    private static GeneratorDriverRunResult RunTwice(Compilation first, Func<Compilation, Compilation> edit)
    {
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(first);
        return driver.RunGenerators(edit(first)).GetRunResult();
    }

    private static IEnumerable<(string Step, object Value, IncrementalStepRunReason Reason)> TrackedOutputs(GeneratorDriverRunResult run) =>
        run.Results.Single().TrackedSteps
            .Where(pair => s_trackedSteps.Contains(pair.Key))
            .SelectMany(pair => pair.Value.SelectMany(step => step.Outputs.Select(output => (pair.Key, output.Value, output.Reason))));

    [Fact]
    public void EveryStepIsTracked()
    {
        var run = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(GeneratorHarness.Compile(Lenet)).GetRunResult();
        var steps = run.Results.Single().TrackedSteps;
        Assert.All(s_trackedSteps, name => Assert.True(steps.ContainsKey(name), name + " is not tracked"));
        var result = Assert.IsType<NetworkResult>(Assert.Single(steps[TrackingNames.Results]).Outputs.Single().Value);
        Assert.NotNull(result.Spec);
    }

    [Fact]
    public void AddingAnUnrelatedFileLeavesEveryTrackedStepCached()
    {
        var run = RunTwice(GeneratorHarness.Compile(Lenet, Cifar),
            c => c.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace Sample; internal static class Unrelated { }", GeneratorHarness.ParseOptions, "Unrelated.cs")));
        var outputs = TrackedOutputs(run).ToList();
        Assert.Equal(4, outputs.Count);
        Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Step + " was " + o.Reason));
        Assert.All(run.Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs),
            o => Assert.Equal(IncrementalStepRunReason.Cached, o.Reason));
    }

    [Fact]
    public void EditingAnotherFileLeavesEveryTrackedStepCachedOrUnchanged()
    {
        var compilation = GeneratorHarness.Compile(Lenet, "namespace Sample; internal static class Other { }");
        var run = RunTwice(compilation, c =>
        {
            var other = c.SyntaxTrees.Single(t => t.FilePath == "Other1.cs");
            return c.ReplaceSyntaxTree(other, other.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(
                "namespace Sample; internal static class Other { public static int Edited => 1; }")));
        });
        Assert.All(TrackedOutputs(run), o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Step + " was " + o.Reason));
    }

    private const string LenetWithMembers = """
        using StaticNets;

        namespace Sample;

        internal static class Above
        {
            public static int Before() => 1;
        }

        [Network("CONV(6,5,pad:2)+RELU+POOL(2)+CONV(16,5)+RELU+POOL(2)+FC(120)+RELU+FC(84)+RELU+FC(10)+SOFTMAX", Input = "1x28x28")]
        public partial class LeNet5
        {
            public static int Helper() => 1;
        }
        """;

    private static Compilation EditNetworkFile(Compilation compilation, string from, string to)
    {
        var tree = compilation.SyntaxTrees.Single(t => t.FilePath == GeneratorHarness.FilePath);
        string text = tree.GetText().ToString();
        Assert.Contains(from, text, StringComparison.Ordinal);
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(text.Replace(from, to, StringComparison.Ordinal))));
    }

    private static IEnumerable<IncrementalStepRunReason> SourceOutputReasons(GeneratorDriverRunResult run) =>
        run.Results.Single().TrackedOutputSteps.SelectMany(s => s.Value).SelectMany(s => s.Outputs).Select(o => o.Reason);

    [Fact]
    public void EditingAMethodBodyInTheNetworkClassLeavesEveryStepAndTheEmitCached()
    {
        var run = RunTwice(GeneratorHarness.Compile(LenetWithMembers), c => EditNetworkFile(c, "Helper() => 1;", "Helper() => 2 + 40;"));
        var outputs = TrackedOutputs(run).ToList();
        Assert.Equal(2, outputs.Count);
        // The edited file is read again, but the declaration it yields is equal, so nothing after it runs.
        Assert.All(outputs, o => Assert.True(o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, o.Step + " was " + o.Reason));
        Assert.Equal(new[] { IncrementalStepRunReason.Cached }, SourceOutputReasons(run));
    }

    [Fact]
    public void EditingAMethodAboveTheAttributeMovesOnlyLocationsAndLeavesTheEmitCached()
    {
        var run = RunTwice(GeneratorHarness.Compile(LenetWithMembers), c => EditNetworkFile(c, "Before() => 1;", "Before()\n    {\n        return 1;\n    }"));
        var outputs = TrackedOutputs(run).ToList();
        // The declaration records where the attribute's strings are, which moved; the network bound from it did not
        // change and, having no diagnostic to place, compares equal, so the source is not generated again.
        Assert.Equal(IncrementalStepRunReason.Modified, Assert.Single(outputs, o => o.Step == TrackingNames.Declarations).Reason);
        Assert.Equal(IncrementalStepRunReason.Unchanged, Assert.Single(outputs, o => o.Step == TrackingNames.Results).Reason);
        Assert.Equal(new[] { IncrementalStepRunReason.Cached }, SourceOutputReasons(run));
    }

    [Fact]
    public void EditingOneArchitectureRebindsOnlyThatNetwork()
    {
        var run = RunTwice(GeneratorHarness.Compile(Lenet, Cifar), c =>
        {
            var lenet = c.SyntaxTrees.Single(t => t.FilePath == GeneratorHarness.FilePath);
            return c.ReplaceSyntaxTree(lenet, lenet.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(Lenet.Replace("FC(84)", "FC(86)"))));
        });
        var results = TrackedOutputs(run).Where(o => o.Step == TrackingNames.Results).ToList();
        Assert.Equal(1, results.Count(o => o.Reason == IncrementalStepRunReason.Modified));
        Assert.Equal(1, results.Count(o => o.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged));
    }

    [Fact]
    public void PipelineValuesHoldNoSymbolSyntaxCompilationOrLocation()
    {
        var compilation = GeneratorHarness.Compile(Lenet, Cifar, Markup.Network("\"CONV(6,5)+RELUU+SOFTMAX\", Input = \"1x28x28\"", "public class Broken { }"));
        var run = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation).GetRunResult();
        var outputs = TrackedOutputs(run).ToList();
        Assert.Equal(6, outputs.Count);
        foreach (var output in outputs)
        {
            AssertPlainData(output.Value, output.Step);
        }
    }

    private static readonly Type[] s_forbidden = { typeof(ISymbol), typeof(SyntaxNode), typeof(Compilation), typeof(Location), typeof(SemanticModel), typeof(SyntaxTree) };

    /// <summary>Walks every field reachable from <paramref name="root"/> and fails on a Roslyn object that would pin a compilation.</summary>
    private static void AssertPlainData(object? root, string step)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(object? Value, string Path)>();
        pending.Push((root, step));
        int visited = 0;
        while (pending.Count > 0)
        {
            var (value, path) = pending.Pop();
            if (value is null || value is string || value is DiagnosticDescriptor || value.GetType().IsPrimitive || value.GetType().IsEnum)
            {
                continue;
            }
            var type = value.GetType();
            Assert.False(s_forbidden.Any(f => f.IsAssignableFrom(type)), $"{path} holds a {type.Name}");
            if (!type.IsValueType && !seen.Add(value))
            {
                continue;
            }
            visited++;
            if (value is IEnumerable sequence)
            {
                int index = 0;
                foreach (var item in sequence)
                {
                    pending.Push((item, $"{path}[{index++}]"));
                }
            }
            for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            {
                foreach (var field in t.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    pending.Push((field.GetValue(value), path + "." + field.Name));
                }
            }
        }
        Assert.True(visited > 1, step + " had nothing to walk");
    }
}
