using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using StaticNets.Generator.Tests.Infrastructure;

namespace StaticNets.Generator.Tests.Diagnostics;

/// <summary>
/// Each id's page in <c>docs/diagnostics/</c> states the generator's own words: every <c>csharp</c> example
/// followed by a <c>text</c> block of diagnostics produces exactly those diagnostics, and every other
/// <c>csharp</c> example (the corrected ones) produces none and compiles. With
/// <c>STATICNETS_UPDATE_DOCS=1</c> the diagnostic blocks are rewritten instead of compared (review the diff).
/// </summary>
public class DiagnosticPageTests
{
    private const string UpdateVariable = "STATICNETS_UPDATE_DOCS";

    /// <summary>A line of a diagnostic block: <c>error SN0003: message</c>.</summary>
    private static readonly Regex s_diagnosticLine = new(@"^(error|warning|info) SN\d{4}: ", RegexOptions.CultureInvariant);


    public static TheoryData<string> Ids()
    {
        var data = new TheoryData<string>();
        foreach (var descriptor in DiagnosticCatalogueTests.Descriptors())
        {
            data.Add(descriptor.Id);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Ids))]
    public void PageExamplesProduceTheDiagnosticsItShowsAndTheCorrectionsCompileCleanly(string id)
    {
        var descriptor = DiagnosticCatalogueTests.Descriptors().Single(d => d.Id == id);
        string path = Path.Combine(RepositoryFiles.Root, DiagnosticDescriptors.HelpLink(id));
        var lines = File.ReadAllLines(path).ToList();
        Assert.Equal("# " + id + ": " + descriptor.Title, lines[0]);
        Assert.Contains(lines, line => line.Contains("**Severity:** " + Severity(descriptor.DefaultSeverity), StringComparison.Ordinal));

        var fences = MarkdownFences.Read(lines, DiagnosticDescriptors.HelpLink(id));
        var expectations = new List<(Fence Example, Fence Diagnostics)>();
        var clean = new List<Fence>();
        for (int i = 0; i < fences.Count; i++)
        {
            if (fences[i].Language != "csharp")
            {
                continue;
            }
            if (i + 1 < fences.Count && IsDiagnosticBlock(fences[i + 1]))
            {
                expectations.Add((fences[i], fences[i + 1]));
            }
            else
            {
                clean.Add(fences[i]);
            }
        }
        Assert.True(expectations.Count > 0, id + " has no example with its diagnostics");
        Assert.True(clean.Count > 0, id + " has no corrected example");

        bool update = Environment.GetEnvironmentVariable(UpdateVariable) == "1";
        var shown = new List<string>();
        // Rewrite from the last block up, so earlier line numbers stay valid.
        foreach (var (example, diagnostics) in Enumerable.Reverse(expectations))
        {
            var actual = GeneratorHarness.Run(example.Text).Diagnostics.Select(Describe).ToList();
            shown.AddRange(actual);
            if (update)
            {
                lines.RemoveRange(diagnostics.FirstLine, diagnostics.EndLine - diagnostics.FirstLine);
                lines.InsertRange(diagnostics.FirstLine, actual);
                continue;
            }
            Assert.Equal(diagnostics.Text.Split('\n').Where(l => l.Length > 0), actual);
        }
        Assert.Contains(shown, line => line.Contains(" " + id + ": ", StringComparison.Ordinal));

        foreach (var example in clean)
        {
            var (outcome, compileErrors) = RunAndCompile(example.Text);
            Assert.True(outcome.Diagnostics.IsEmpty, id + " corrected example reports: " + string.Join(" | ", outcome.Diagnostics.Select(Describe)));
            Assert.True(compileErrors.Count == 0, id + " corrected example does not compile: " + string.Join(" | ", compileErrors));
        }
        if (update)
        {
            File.WriteAllText(path, string.Join("\n", lines) + "\n");
        }
    }

    [Fact]
    public void TheIndexLinksEveryPage()
    {
        string index = File.ReadAllText(Path.Combine(RepositoryFiles.Root, DiagnosticDescriptors.HelpLinkBase, "README.md"));
        foreach (var descriptor in DiagnosticCatalogueTests.Descriptors())
        {
            Assert.Contains("[" + descriptor.Id + "](" + descriptor.Id + ".md)", index, StringComparison.Ordinal);
            Assert.Contains(descriptor.Title.ToString(), index, StringComparison.Ordinal);
        }
    }

    private static bool IsDiagnosticBlock(Fence fence) =>
        fence.Language == "text" && fence.Text.Split('\n').Where(l => l.Length > 0).All(l => s_diagnosticLine.IsMatch(l));

    private static string Describe(Diagnostic diagnostic) => Severity(diagnostic.Severity) + " " + diagnostic.Id + ": " + diagnostic.GetMessage();

    private static string Severity(DiagnosticSeverity severity) => severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "info",
    };

    /// <summary>Runs the generator and compiles the result, returning the compiler's errors (generated code included).</summary>
    private static (GeneratorOutcome Outcome, List<Diagnostic> CompileErrors) RunAndCompile(string source)
    {
        var compilation = GeneratorHarness.Compile(source);
        var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics);
        var run = driver.GetRunResult();
        var result = run.Results.Single();
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        return (new GeneratorOutcome(result.Diagnostics, result.GeneratedSources, driverDiagnostics, run, source), errors);
    }

}
