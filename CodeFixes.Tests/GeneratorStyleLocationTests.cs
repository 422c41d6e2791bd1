using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using StaticNets.CodeFixes.Tests.Infrastructure;

namespace StaticNets.CodeFixes.Tests;

/// <summary>
/// The generator reports its diagnostics with external-file locations (a path and a span, no syntax
/// tree) because it keeps them as cacheable data; every fix must work from those as well as from
/// locations in the document's tree.
/// </summary>
public sealed class GeneratorStyleLocationTests
{
    [Fact]
    public async Task ConvolutionFitFixesWorkFromExternalFileLocations()
    {
        var source = MarkedSource.Parse("""
            [Network("CONV(16,4,stride:[|3|]{||})+RELU+FC(10)+SOFTMAX", Input = "1x32x32")]
            public partial class Net { }
            """);
        var planned = PlannedDiagnostic.At(DiagnosticIds.ConvolutionStrideMismatch, source.Spans[0], (DiagnosticPropertyNames.Fixes, "stride=2:15;pad=1:11"))
            .WithAdditional(source.Additional[0])
            .WithExternalFileLocations();
        var analyzed = await CodeFixHarness.AnalyzeAsync(source.Text, planned);
        var provider = new ConvolutionFitCodeFixProvider();

        Assert.Equal(LocationKind.ExternalFile, analyzed.Diagnostics[0].Location.Kind);
        Assert.Equal(
            source.Text.Replace("stride:3", "stride:2"),
            await CodeFixHarness.ApplyAsync(provider, analyzed, "Use stride 2 (output 15)"));
        Assert.Equal(
            source.Text.Replace("stride:3", "stride:3,pad:1"),
            await CodeFixHarness.ApplyAsync(provider, analyzed, "Use padding 1 (output 11)"));
    }

    [Fact]
    public async Task UnknownNameFixAndFixAllWorkFromExternalFileLocations()
    {
        var source = MarkedSource.Parse("""
            [Network("CONV(6,5,[|strid|]:1)+[|RELUX|]+FC(10)+SOFTMAX", Input = "1x28x28")]
            public partial class Net { }
            """);
        var stride = PlannedDiagnostic.At(DiagnosticIds.UnknownName, source.Spans[0], (DiagnosticPropertyNames.Suggestion, "stride")).WithExternalFileLocations();
        var relu = PlannedDiagnostic.At(DiagnosticIds.UnknownName, source.Spans[1], (DiagnosticPropertyNames.Suggestion, "RELU")).WithExternalFileLocations();
        var provider = new UnknownNameCodeFixProvider();

        var single = await CodeFixHarness.AnalyzeAsync(source.Text, relu);
        Assert.Equal(source.Text.Replace("RELUX", "RELU"), await CodeFixHarness.ApplyAsync(provider, single, "Change 'RELUX' to 'RELU'"));

        var both = await CodeFixHarness.AnalyzeAsync(source.Text, stride, relu);
        Assert.Equal(
            source.Text.Replace("strid:", "stride:").Replace("RELUX", "RELU"),
            await CodeFixHarness.FixAllAsync(provider, both, UnknownNameCodeFixProvider.EquivalenceKey));
    }

    [Fact]
    public async Task PartialClassFixAndFixAllWorkFromExternalFileLocations()
    {
        var source = MarkedSource.Parse("""
            public class Outer
            {
                [Network("FC(10)+SOFTMAX", Input = "4")]
                public class [|First|] { }

                [Network("FC(3)+SOFTMAX", Input = "2")]
                public class [|Second|] { }
            }
            """);
        var planned = source.Spans
            .Select(span => PlannedDiagnostic.At(DiagnosticIds.ClassNotPartial, span).WithExternalFileLocations())
            .ToArray();
        var provider = new PartialClassCodeFixProvider();

        var single = await CodeFixHarness.AnalyzeAsync(source.Text, planned[0]);
        Assert.Equal(
            source.Text.Replace("public class Outer", "public partial class Outer").Replace("class First", "partial class First"),
            await CodeFixHarness.ApplyAsync(provider, single, "Make 'Outer' and 'First' partial"));

        var both = await CodeFixHarness.AnalyzeAsync(source.Text, planned);
        Assert.Equal(
            source.Text.Replace("public class", "public partial class"),
            await CodeFixHarness.FixAllAsync(provider, both, PartialClassCodeFixProvider.EquivalenceKey));
    }
}
