using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNets.Generator;

namespace StaticNets.Tool.Tests;

public sealed class CheckCommandTests
{
    private const string LeNet5 = "CONV(6,5,pad:2)+RELU+POOL(2)+CONV(16,5)+RELU+POOL(2)+FC(120)+RELU+FC(84)+RELU+FC(10)+SOFTMAX";

    [Fact]
    public void LeNet5PrintsTheGeneratorsLayerTable()
    {
        var run = ToolRunner.Run("check", LeNet5, "--input", "1x28x28");

        Assert.Equal(Cli.Success, run.ExitCode);
        Assert.Equal("", run.Error);
        // The very table the generator puts in the class's XML doc and Summary constant.
        Assert.Equal(StaticNets.Tool.Tests.LeNet5.Summary.Split('\n'), run.OutputLines.Where(l => l.Length > 0));

        string[][] rows = run.OutputLines.Skip(1).Where(l => l.Length > 0)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToArray();
        Assert.Equal(
            ["6x28x28", "6x28x28", "6x14x14", "16x10x10", "16x10x10", "16x5x5", "120", "120", "84", "84", "10", "10"],
            rows.Where(r => r[0] != "total").Select(r => r[2]));
        Assert.Equal(["total", "input", "1x28x28", "61,706", "416,520"], rows.Single(r => r[0] == "total"));
    }

    [Fact]
    public void StrideThatDoesNotFitReportsTheGeneratorsDiagnosticWithACaretUnderTheStride()
    {
        const string architecture = "CONV(6,5,stride:2)+RELU+FC(10)+SOFTMAX";
        var expected = GeneratorDiagnostic(architecture, "1x28x28");

        var run = ToolRunner.Run("check", architecture, "--input", "1x28x28");

        Assert.Equal(Cli.Failure, run.ExitCode);
        Assert.Equal("SN0003", expected.Id);
        Assert.Equal("2", architecture.Substring(expected.Start, expected.Length)); // the generator underlines the stride
        Assert.Equal(
            [$"architecture({expected.Start + 1}): error SN0003: {expected.Message}", "    " + architecture, "    " + new string(' ', expected.Start) + "^", "1 error."],
            run.OutputLines.Where(l => l.Length > 0));
    }

    [Fact]
    public void UnknownLayerSuggestsTheNearestName()
    {
        const string architecture = "CONV(6,5)+RELUU+FC(10)+SOFTMAX";
        var expected = GeneratorDiagnostic(architecture, "1x28x28");

        var run = ToolRunner.Run("check", architecture, "--input", "1x28x28");

        Assert.Equal(Cli.Failure, run.ExitCode);
        Assert.Equal("SN0002", expected.Id);
        Assert.Contains("did you mean RELU?", expected.Message, StringComparison.Ordinal);
        Assert.Equal("RELUU", architecture.Substring(expected.Start, expected.Length));
        Assert.Equal(
            [$"architecture({expected.Start + 1}-{expected.Start + expected.Length}): error SN0002: {expected.Message}",
             "    " + architecture, "    " + new string(' ', expected.Start) + "^^^^^"],
            run.OutputLines.Take(3));
    }

    [Fact]
    public void LetClassesAndDefaultsReachTheBinder()
    {
        var run = ToolRunner.Run("check", "CONV(C,3)+RELU+FC(K)+SOFTMAX", "--input", "3x8x8", "--let", "C=4, K=5", "--classes", "5", "--defaults", "CONV(pad:1)");

        Assert.Equal(Cli.Success, run.ExitCode);
        var conv = run.OutputLines.Single(l => l.StartsWith("conv1", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("4x8x8", conv[2]); // pad:1 from Defaults keeps 8x8
        Assert.Equal("112", conv[3]);   // 4 * 3 * 3 * 3 + 4
    }

    [Fact]
    public void AnErrorInLetPointsIntoTheLetText()
    {
        var run = ToolRunner.Run("check", "FC(K)+SOFTMAX", "--input", "8", "--let", "K=");

        Assert.Equal(Cli.Failure, run.ExitCode);
        Assert.StartsWith("--let(", run.OutputLines[0], StringComparison.Ordinal);
        Assert.Equal("    K=", run.OutputLines[1]);
    }

    [Fact]
    public void MissingInputIsAUsageError()
    {
        var run = ToolRunner.Run("check", LeNet5);

        Assert.Equal(Cli.UsageError, run.ExitCode);
        Assert.Contains("--input", run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void UnknownCommandIsAUsageError()
    {
        Assert.Equal(Cli.UsageError, ToolRunner.Run("train", "x").ExitCode);
    }

    /// <summary>The real generator's single diagnostic for a class carrying these values, its span relative to the architecture string.</summary>
    private sealed record GeneratorReport(string Id, string Message, int Start, int Length);

    private static GeneratorReport GeneratorDiagnostic(string architecture, string input)
    {
        string source = "using StaticNets;\n[Network(\"" + architecture + "\", Input = \"" + input + "\")]\npublic partial class Net { }\n";
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(NetworkAttribute).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("Networks", [CSharpSyntaxTree.ParseText(source)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        var driver = CSharpGeneratorDriver.Create(new NetworkGenerator()).RunGenerators(compilation);
        var diagnostic = Assert.Single(driver.GetRunResult().Results.Single().Diagnostics);
        // The literal has no escapes, so a span in the source is the same span in the string shifted by its start.
        int literalStart = source.IndexOf(architecture, StringComparison.Ordinal);
        var span = diagnostic.Location.SourceSpan;
        return new GeneratorReport(diagnostic.Id, diagnostic.GetMessage(CultureInfo.InvariantCulture), span.Start - literalStart, span.Length);
    }
}
