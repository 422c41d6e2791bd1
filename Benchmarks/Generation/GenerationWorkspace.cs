using System;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using StaticNets.Generator;

namespace StaticNets.Benchmarks.Generation;

/// <summary>
/// What an IDE holds while the user types: the parsed files of <see cref="NetworkCorpus"/>, a compilation over
/// them whose symbols are already bound, and the two edits the benchmarks apply. Parsing and reference loading
/// happen here, once, because they are the compiler's work, not the generator's.
/// </summary>
public sealed class GenerationWorkspace
{
    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest);

    /// <summary>A compilation with no files and its references already resolved, so adding files reuses them.</summary>
    private readonly CSharpCompilation _withoutFiles;

    private readonly ImmutableArray<SyntaxTree> _trees;

    private readonly Lazy<(SyntaxTree Before, SyntaxTree After)> _keystroke;
    private readonly Lazy<(SyntaxTree Before, SyntaxTree After)> _attributeEdit;

    public GenerationWorkspace(NetworkCorpus corpus)
    {
        Corpus = corpus;
        _trees = corpus.NetworkFiles.Concat(corpus.UnrelatedFiles)
            .Select(file => CSharpSyntaxTree.ParseText(file.Text, ParseOptions, file.Path))
            .ToImmutableArray();

        _withoutFiles = CSharpCompilation.Create(
            "Sample",
            syntaxTrees: null,
            References(),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        if (_withoutFiles.GetTypeByMetadataName("StaticNets.NetworkAttribute") is null)
        {
            throw new InvalidOperationException("StaticNets.NetworkAttribute is not among the references: the Runtime assembly did not load.");
        }

        Bound = FreshCompilation();
        // The first generator run binds every [Network] class and its attribute; later runs on this
        // compilation find them bound, as an IDE finds the compilation it last analysed.
        CreateDriver().RunGenerators(Bound);

        _keystroke = new(() =>
        {
            var tree = _trees[corpus.NetworkFiles.Length + corpus.UnrelatedFiles.Length / 2];
            return (tree, Edit(tree, "return _orders.Count;", "return _orders.Count + 1;"));
        });
        _attributeEdit = new(() =>
        {
            // An mlp2 near the middle, so the edited file is neither first nor last in the compilation.
            int middle = corpus.Kinds.Length / 2;
            int index = Enumerable.Range(0, corpus.Kinds.Length)
                .OrderBy(i => Math.Abs(i - middle))
                .FirstOrDefault(i => corpus.Kinds[i] == ReferenceNetwork.Mlp2, -1);
            if (index < 0)
            {
                throw new InvalidOperationException("The attribute edit widens an mlp2 hidden layer, and this corpus has no mlp2.");
            }
            return (_trees[index], Edit(_trees[index], "FC(100)", "FC(101)"));
        });
    }

    public NetworkCorpus Corpus { get; }

    /// <summary>All files, with the symbols the generator asks for already bound.</summary>
    public CSharpCompilation Bound { get; }

    /// <summary>A new compilation of the same parsed files: nothing bound yet, references shared.</summary>
    public CSharpCompilation FreshCompilation() => _withoutFiles.AddSyntaxTrees(_trees);

    /// <summary>
    /// The compilation an IDE makes after a keystroke inside a method body of an ordinary file: the bound one
    /// with that file reparsed incrementally and replaced. Its symbols are new, so the generator's semantic
    /// step binds the [Network] classes again.
    /// </summary>
    public CSharpCompilation AfterKeystroke() => Bound.ReplaceSyntaxTree(_keystroke.Value.Before, _keystroke.Value.After);

    /// <summary>The compilation after one network's architecture string was edited: an mlp2's hidden layer widened from 100 to 101.</summary>
    public CSharpCompilation AfterAttributeEdit() => Bound.ReplaceSyntaxTree(_attributeEdit.Value.Before, _attributeEdit.Value.After);

    public static GeneratorDriver CreateDriver(bool trackSteps = false) => CSharpGeneratorDriver.Create(
        new[] { new NetworkGenerator().AsSourceGenerator() },
        parseOptions: ParseOptions,
        driverOptions: new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: trackSteps));

    private static SyntaxTree Edit(SyntaxTree tree, string find, string replacement)
    {
        var text = tree.GetText();
        int at = text.ToString().IndexOf(find, StringComparison.Ordinal);
        if (at < 0)
        {
            throw new InvalidOperationException($"'{find}' is not in {tree.FilePath}; the corpus and the edit disagree.");
        }
        return tree.WithChangedText(text.WithChanges(new TextChange(new TextSpan(at, find.Length), replacement)));
    }

    /// <summary>The framework this process runs on plus the StaticNets runtime, which declares <c>[Network]</c>.</summary>
    private static ImmutableArray<MetadataReference> References()
    {
        var platform = ((string?)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return platform
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal)
                || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Append(typeof(NetworkAttribute).Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}
