using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace StaticNets.CodeFixes.Tests.Infrastructure;

/// <summary>A document and the diagnostics the fake analyzer reported on it, ordered by position.</summary>
internal sealed record AnalyzedDocument(Document Document, ImmutableArray<Diagnostic> Diagnostics);

/// <summary>
/// Runs code fixes the way an editor does, without the Roslyn testing packages: a document in an
/// <see cref="AdhocWorkspace"/>, diagnostics from an analyzer, the actions a provider registers for
/// them, and the text after applying one action (or a fix-all).
/// </summary>
internal static class CodeFixHarness
{
    // One workspace serves every test: each test forks its own immutable solution from it.
    private static readonly AdhocWorkspace s_workspace = new();

    /// <summary>Where the test document claims to be: external-file locations name it.</summary>
    public const string FilePath = "/src/Networks.cs";

    private static readonly MetadataReference[] s_references = { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) };

    /// <summary>Adds <paramref name="source"/> as a document and reports <paramref name="planned"/> on it.</summary>
    public static async Task<AnalyzedDocument> AnalyzeAsync(string source, params PlannedDiagnostic[] planned)
    {
        var document = s_workspace.CurrentSolution
            .AddProject("Networks", "Networks", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .WithParseOptions(new CSharpParseOptions(LanguageVersion.Latest))
            .AddMetadataReferences(s_references)
            .AddDocument("Networks.cs", SourceText.From(source), filePath: FilePath);
        var compilation = await document.Project.GetCompilationAsync();
        Assert.NotNull(compilation);
        var analyzer = new FakeNetworkAnalyzer(planned.ToImmutableArray());
        var diagnostics = await compilation!
            .WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(analyzer))
            .GetAnalyzerDiagnosticsAsync();
        Assert.Equal(planned.Length, diagnostics.Length);
        return new AnalyzedDocument(document, diagnostics.OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray());
    }

    /// <summary>
    /// Adds <paramref name="source"/> as a document and runs the real StaticNets generator on it, keeping the
    /// diagnostics with <paramref name="id"/>: the end-to-end check that the generator's properties and locations
    /// are what the fixes expect.
    /// </summary>
    public static async Task<AnalyzedDocument> GenerateAsync(string source, string id)
    {
        var references = ((string)System.AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(System.IO.Path.PathSeparator)
            .Append(typeof(StaticNets.NetworkAttribute).Assembly.Location)
            .Select(path => MetadataReference.CreateFromFile(path));
        var document = s_workspace.CurrentSolution
            .AddProject("Networks", "Networks", LanguageNames.CSharp)
            .WithCompilationOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary))
            .WithParseOptions(new CSharpParseOptions(LanguageVersion.Latest))
            .AddMetadataReferences(references)
            .AddDocument("Networks.cs", SourceText.From(source), filePath: FilePath);
        var compilation = await document.Project.GetCompilationAsync();
        Assert.NotNull(compilation);
        var driver = CSharpGeneratorDriver.Create(new StaticNets.Generator.NetworkGenerator())
            .RunGenerators(compilation!);
        var diagnostics = driver.GetRunResult().Diagnostics.Where(d => d.Id == id).OrderBy(d => d.Location.SourceSpan.Start).ToImmutableArray();
        return new AnalyzedDocument(document, diagnostics);
    }

    /// <summary>The actions <paramref name="provider"/> registers for all the diagnostics (which must share one span, as an editor groups them).</summary>
    public static async Task<ImmutableArray<CodeAction>> ActionsAsync(CodeFixProvider provider, AnalyzedDocument analyzed)
    {
        var diagnostics = analyzed.Diagnostics;
        var span = Assert.Single(diagnostics.Select(d => d.Location.SourceSpan).Distinct());
        var actions = new List<CodeAction>();
        var context = new CodeFixContext(analyzed.Document, span, diagnostics, (action, _) => actions.Add(action), CancellationToken.None);
        await provider.RegisterCodeFixesAsync(context);
        return actions.ToImmutableArray();
    }

    /// <summary>The document's text after <paramref name="action"/>.</summary>
    public static async Task<string> ApplyAsync(CodeAction action, Document document)
    {
        var operations = await action.GetOperationsAsync(CancellationToken.None);
        var apply = Assert.Single(operations.OfType<ApplyChangesOperation>());
        var changed = apply.ChangedSolution.GetDocument(document.Id);
        Assert.NotNull(changed);
        return (await changed!.GetTextAsync()).ToString();
    }

    /// <summary>The text after applying the one action titled <paramref name="title"/>.</summary>
    public static async Task<string> ApplyAsync(CodeFixProvider provider, AnalyzedDocument analyzed, string title)
    {
        var actions = await ActionsAsync(provider, analyzed);
        var action = Assert.Single(actions, a => a.Title == title);
        return await ApplyAsync(action, analyzed.Document);
    }

    /// <summary>The text after the provider's fix-all over the whole document.</summary>
    public static async Task<string> FixAllAsync(CodeFixProvider provider, AnalyzedDocument analyzed, string equivalenceKey)
    {
        var fixAll = provider.GetFixAllProvider();
        Assert.NotNull(fixAll);
        var context = new FixAllContext(
            analyzed.Document,
            provider,
            FixAllScope.Document,
            equivalenceKey,
            provider.FixableDiagnosticIds,
            new KnownDiagnostics(analyzed.Diagnostics),
            CancellationToken.None);
        var action = await fixAll!.GetFixAsync(context);
        Assert.NotNull(action);
        return await ApplyAsync(action!, analyzed.Document);
    }

    private sealed class KnownDiagnostics : FixAllContext.DiagnosticProvider
    {
        private readonly ImmutableArray<Diagnostic> _diagnostics;

        public KnownDiagnostics(ImmutableArray<Diagnostic> diagnostics) => _diagnostics = diagnostics;

        public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);

        public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult(Enumerable.Empty<Diagnostic>());

        public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken) =>
            Task.FromResult<IEnumerable<Diagnostic>>(_diagnostics);
    }
}
