using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace StaticNets.Generator.Tests.Infrastructure;

/// <summary>What one generator run produced.</summary>
/// <param name="Diagnostics">What the generator reported (not the compiler's own diagnostics).</param>
/// <param name="DriverDiagnostics">What the driver reported about the generator itself (CS8784/CS8785 on a crash).</param>
internal sealed record GeneratorOutcome(
    ImmutableArray<Diagnostic> Diagnostics,
    ImmutableArray<GeneratedSourceResult> Sources,
    ImmutableArray<Diagnostic> DriverDiagnostics,
    GeneratorDriverRunResult RunResult,
    string Source)
{
    /// <summary>The single diagnostic with <paramref name="id"/>; fails when there is none or several.</summary>
    public Diagnostic Single(string id)
    {
        var matches = Diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matches.Count == 1,
            $"expected one {id}, got {matches.Count}: " + string.Join(" | ", Diagnostics.Select(d => d.Id + " " + d.GetMessage())));
        return matches[0];
    }

    /// <summary>The source characters a diagnostic underlines.</summary>
    public string Underlined(Diagnostic diagnostic)
    {
        var span = diagnostic.Location.SourceSpan;
        return Source.Substring(span.Start, span.Length);
    }
}

/// <summary>Runs <see cref="NetworkGenerator"/> on source text with <c>CSharpGeneratorDriver</c>.</summary>
internal static class GeneratorHarness
{
    public const string FilePath = "Networks.cs";

    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
    {
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return platform
            .Append(typeof(StaticNets.NetworkAttribute).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    });

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    public static CSharpCompilation Compile(params string[] sources) => CSharpCompilation.Create(
        "Networks",
        sources.Select((source, i) => CSharpSyntaxTree.ParseText(source, ParseOptions, i == 0 ? FilePath : $"Other{i}.cs")),
        s_references.Value,
        new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

    public static GeneratorDriver CreateDriver(bool trackSteps = false) => CSharpGeneratorDriver.Create(
        new[] { new NetworkGenerator().AsSourceGenerator() },
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    /// <summary>Runs the generator on <paramref name="source"/> (file <see cref="FilePath"/>) and any other files.</summary>
    public static GeneratorOutcome Run(string source, params string[] otherSources)
    {
        var compilation = Compile(new[] { source }.Concat(otherSources).ToArray());
        var driver = CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out _, out var driverDiagnostics);
        var run = driver.GetRunResult();
        var result = run.Results.Single();
        return new GeneratorOutcome(result.Diagnostics, result.GeneratedSources, driverDiagnostics, run, source);
    }

    /// <summary>A file declaring one network class with the given attribute arguments.</summary>
    public static string Network(string attributeArguments, string className = "Net") =>
        "using StaticNets;\n\nnamespace Sample;\n\n[Network(" + attributeArguments + ")]\npublic partial class " + className + " { }\n";
}
