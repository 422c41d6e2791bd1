using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNets.Generator.Tests.Infrastructure;

namespace StaticNets.Generator.Tests.Docs;

/// <summary>
/// The repository's <c>README.md</c> shows code a reader pastes into a console project: every <c>csharp</c> block
/// must compile with the real generator and the Runtime assembly with no error and no warning, the numbers written
/// beside the code must be what the generator computes, and the commands it tells the reader to run must point at
/// projects that exist.
/// </summary>
/// <remarks>
/// The blocks are files of one console project (the first block is a program with top-level statements; the others
/// declare networks it could use). What the test adds, and why:
/// <list type="bullet">
/// <item>A block with no <c>using</c> directive of its own (a lone <c>[Network]</c> class) gets <c>using StaticNets;</c>,
/// the one line a reader needs for <c>NetworkAttribute</c>. Blocks that have usings get nothing.</item>
/// <item>Each configuration runs twice: with the global usings <c>Microsoft.NET.Sdk</c> adds when
/// <c>ImplicitUsings</c> is enabled (what <c>dotnet new console</c> creates) and without them (this repository's
/// Directory.Build.props disables them), so the blocks compile in either kind of project.</item>
/// <item>Nullable is enabled (the <c>dotnet new console</c> default) and the warning level is the highest, so every
/// warning wave counts.</item>
/// </list>
/// </remarks>
public class ReadmeExampleTests
{
    /// <summary>The README has at least this many <c>csharp</c> blocks: the training program and the CS231n pattern.</summary>
    private const int MinimumCSharpBlocks = 2;

    /// <summary>What <c>Microsoft.NET.Sdk</c> writes into the generated GlobalUsings file of a console project with <c>ImplicitUsings</c> enabled.</summary>
    private static readonly string[] s_sdkImplicitUsings =
    {
        "System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Net.Http", "System.Threading", "System.Threading.Tasks",
    };

    /// <summary>The members the README says every generated class has, as it names them in backticks.</summary>
    private static readonly string[] s_documentedMembers =
    {
        "InputLength", "OutputLength", "ParameterCount", "Summary", "ArenaBytes", "Parameters", "Gradients", "ParameterTensors",
        "Buffers", "InitializeParameters", "Forward", "Predict", "ForwardBackward",
    };


    private sealed record Build(CSharpCompilation Output, List<Diagnostic> Problems, IReadOnlyList<Fence> Blocks);

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void EveryCSharpBlockCompilesWithTheGeneratorWithoutErrorsOrWarnings(bool implicitUsings)
    {
        var build = BuildReadme(implicitUsings);
        Assert.True(build.Blocks.Count >= MinimumCSharpBlocks,
            $"README.md has {build.Blocks.Count} csharp blocks, expected at least {MinimumCSharpBlocks}");
        Assert.True(build.Problems.Count == 0,
            $"README.md csharp blocks (implicit usings {implicitUsings}):\n" + string.Join("\n", build.Problems));
    }

    [Fact]
    public void ParameterCountsWrittenBesideTheCodeAreTheGeneratedOnes()
    {
        var build = BuildReadme(implicitUsings: false);
        var claim = new Regex(@"class\s+(\w+)\b.*//\s*([\d,]+)\s+parameters\b", RegexOptions.CultureInvariant);
        int checkedClaims = 0;
        foreach (var line in build.Blocks.SelectMany(block => block.Text.Split('\n')))
        {
            var match = claim.Match(line);
            if (!match.Success)
            {
                continue;
            }
            int stated = int.Parse(match.Groups[2].Value.Replace(",", ""), System.Globalization.CultureInfo.InvariantCulture);
            var field = Assert.IsAssignableFrom<IFieldSymbol>(Assert.Single(GeneratedClass(build, match.Groups[1].Value).GetMembers("ParameterCount")));
            Assert.True(field.HasConstantValue, match.Groups[1].Value + ".ParameterCount is not a constant");
            Assert.Equal(stated, (int)field.ConstantValue!);
            checkedClaims++;
        }
        // The CS231n block states its count; without this the loop could check nothing.
        Assert.True(checkedClaims > 0, "no '// N parameters' comment found beside a class in README.md");
    }

    [Fact]
    public void GeneratedClassesHaveTheMembersAndInterfaceTheReadmeLists()
    {
        string readme = ReadReadme();
        var build = BuildReadme(implicitUsings: false);
        Assert.True(build.Problems.Count == 0, string.Join("\n", build.Problems));
        var networks = NetworkClassNames(build).ToList();
        Assert.True(networks.Count > 0, "README.md declares no [Network] class");
        foreach (string member in s_documentedMembers)
        {
            // The list is the README's: each member must still be named there, as `Name` or `Name(...)`.
            Assert.True(readme.Contains("`" + member + "`", StringComparison.Ordinal) || readme.Contains("`" + member + "(", StringComparison.Ordinal),
                "README.md no longer names `" + member + "`");
            foreach (string network in networks)
            {
                Assert.True(GeneratedClass(build, network).GetMembers(member).Any(), network + " has no member " + member);
            }
        }
        Assert.Contains("`StaticNets.IClassifier`", readme, StringComparison.Ordinal);
        var classifier = build.Output.GetTypeByMetadataName("StaticNets.IClassifier");
        Assert.NotNull(classifier);
        foreach (string network in networks)
        {
            // Every README network ends in SOFTMAX, which the README says makes it a classifier.
            Assert.Contains(classifier, GeneratedClass(build, network).AllInterfaces, SymbolEqualityComparer.Default);
        }
    }

    [Fact]
    public void LeNet5ParameterTensorsStartWithTheNameAndShapeTheReadmeQuotes()
    {
        string readme = ReadReadme();
        var quoted = Regex.Match(readme, @"`ParameterTensors` naming them: `([^`]+)`", RegexOptions.CultureInvariant);
        Assert.True(quoted.Success, "README.md no longer quotes a ParameterTensors name");

        // Only LeNet5 has a first convolution of 6 filters of 5x5 on one channel; load the compiled README and ask it.
        var build = BuildReadme(implicitUsings: false);
        using var image = new MemoryStream();
        var emitted = build.Output.Emit(image);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));
        var assembly = Assembly.Load(image.ToArray());
        var tensors = (IReadOnlyList<ParameterTensor>)assembly.GetType("LeNet5", throwOnError: true)!
            .GetProperty("ParameterTensors", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;
        Assert.Equal(quoted.Groups[1].Value, tensors[0].Name + " [" + string.Join(", ", tensors[0].Shape) + "]");
    }

    [Fact]
    public void DataFilesTheProgramLoadsShipInTheRepository()
    {
        var paths = ReadmeBlocks()
            .SelectMany(block => Regex.Matches(block.Text, "\"(Examples/[^\"]+)\"", RegexOptions.CultureInvariant))
            .Select(match => match.Groups[1].Value)
            .ToList();
        Assert.NotEmpty(paths);
        foreach (string path in paths)
        {
            Assert.True(File.Exists(Path.Combine(RepositoryFiles.Root, path)), "README.md loads " + path + ", which is not in the repository");
        }
    }

    [Fact]
    public void TheStrideMistakeShowsTheGeneratorsMessage()
    {
        string readme = ReadReadme();
        var example = Regex.Match(readme, @"`(?<layer>CONV\([^`]+\))` on a (?<height>\d+)x(?<width>\d+)\s+input gives `(?<id>SN\d{4}): (?<message>[^`]+)`", RegexOptions.CultureInvariant);
        Assert.True(example.Success, "README.md no longer shows the stride mistake");
        string layer = example.Groups["layer"].Value;
        string id = example.Groups["id"].Value;
        // The README elides the middle of the message with "..."; the rest must be the generator's words.
        string message = Regex.Replace(example.Groups["message"].Value, @"\s+", " ");
        var parts = message.Split("...");
        Assert.Equal(2, parts.Length);

        // The prose says "on a 224x224 input"; the message names the whole Input shape, channels first.
        var input = Regex.Match(message, @"Input (\d+x(\d+)x(\d+))", RegexOptions.CultureInvariant);
        Assert.True(input.Success, "the quoted message names no input shape");
        Assert.Equal(example.Groups["height"].Value, input.Groups[2].Value);
        Assert.Equal(example.Groups["width"].Value, input.Groups[3].Value);

        var outcome = GeneratorHarness.Run(GeneratorHarness.Network($"\"{layer}+RELU+FC(10)+SOFTMAX\", Input = \"{input.Groups[1].Value}\""));
        string actual = outcome.Single(id).GetMessage();
        Assert.StartsWith(parts[0], actual, StringComparison.Ordinal);
        Assert.EndsWith(parts[1], actual, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dotnet run -c Release --project Examples/Mnist", "Examples/Mnist")]
    [InlineData("dotnet test -c Release", null)]
    public void TheCommandsToRunAppearVerbatimAndTheirProjectExists(string command, string? projectFolder)
    {
        var commandBlocks = MarkdownFences.Read(File.ReadAllLines(ReadmePath()), "README.md").Where(f => f.Language.Length == 0).Select(f => f.Text.Trim()).ToList();
        Assert.Contains(command, commandBlocks);
        if (projectFolder is not null)
        {
            string folder = Path.Combine(RepositoryFiles.Root, projectFolder);
            Assert.True(Directory.Exists(folder), projectFolder + " does not exist");
            Assert.Single(Directory.GetFiles(folder, "*.csproj"));
        }
        else
        {
            // Without a path, dotnet picks the one project or solution file of the folder it runs in (MSB1011 when there are several).
            var candidates = new[] { "*.sln", "*.slnx", "*.csproj" }.SelectMany(pattern => Directory.GetFiles(RepositoryFiles.Root, pattern));
            Assert.Single(candidates);
        }
    }

    [Fact]
    public void EveryExampleInTheTableIsAProject()
    {
        string readme = ReadReadme();
        Assert.Contains("`dotnet run -c Release --project Examples/NAME`", readme, StringComparison.Ordinal);
        int table = readme.IndexOf("| example | what it shows |", StringComparison.Ordinal);
        Assert.True(table >= 0, "README.md has no table of examples");
        var names = readme.Substring(table).Split('\n')
            .TakeWhile(line => line.StartsWith('|'))
            .Select(line => Regex.Match(line, @"^\| `(\w+)` \|", RegexOptions.CultureInvariant))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value)
            .ToList();
        Assert.NotEmpty(names);
        foreach (string name in names)
        {
            Assert.True(File.Exists(Path.Combine(RepositoryFiles.Root, "Examples", name, name + ".csproj")), "Examples/" + name + " is not a project");
        }
    }

    private static string ReadmePath() => Path.Combine(RepositoryFiles.Root, "README.md");

    private static string ReadReadme() => File.ReadAllText(ReadmePath()).Replace("\r\n", "\n");

    private static List<Fence> ReadmeBlocks() => MarkdownFences.Read(File.ReadAllLines(ReadmePath()), "README.md").Where(f => f.Language == "csharp").ToList();

    /// <summary>Compiles every <c>csharp</c> block as one console project with the generator (see the class remarks for what is added).</summary>
    private static Build BuildReadme(bool implicitUsings)
    {
        var blocks = ReadmeBlocks();
        var parseOptions = GeneratorHarness.ParseOptions;
        var trees = new List<SyntaxTree>();
        foreach (var block in blocks)
        {
            bool hasUsings = CSharpSyntaxTree.ParseText(block.Text, parseOptions).GetCompilationUnitRoot().Usings.Count > 0;
            // #line maps diagnostics to README.md lines, after the added using (which is on no README line).
            string text = (hasUsings ? "" : "using StaticNets;\n") + $"#line {block.FirstLine + 1} \"README.md\"\n" + block.Text;
            trees.Add(CSharpSyntaxTree.ParseText(text, parseOptions, $"README.block{block.FirstLine + 1}.cs", Encoding.UTF8));
        }
        if (implicitUsings)
        {
            string globalUsings = string.Concat(s_sdkImplicitUsings.Select(name => "global using global::" + name + ";\n"));
            trees.Add(CSharpSyntaxTree.ParseText(globalUsings, parseOptions, "GlobalUsings.g.cs", Encoding.UTF8));
        }
        var compilation = GeneratorHarness.Compile()
            .AddSyntaxTrees(trees)
            .WithOptions(new CSharpCompilationOptions(OutputKind.ConsoleApplication, nullableContextOptions: NullableContextOptions.Enable, warningLevel: 9999));
        var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var driverDiagnostics);
        var generatorDiagnostics = driver.GetRunResult().Results.Single().Diagnostics;
        var problems = generatorDiagnostics.Concat(driverDiagnostics).Concat(output.GetDiagnostics())
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .ToList();
        return new Build((CSharpCompilation)output, problems, blocks);
    }

    /// <summary>The classes of the README blocks that carry <c>[Network]</c>.</summary>
    private static IEnumerable<string> NetworkClassNames(Build build) =>
        build.Output.SyntaxTrees
            .Where(tree => tree.FilePath.StartsWith("README.block", StringComparison.Ordinal))
            .SelectMany(tree => tree.GetCompilationUnitRoot().DescendantNodes().OfType<ClassDeclarationSyntax>())
            .Where(declaration => declaration.AttributeLists.SelectMany(list => list.Attributes).Any(attribute => attribute.Name.ToString() == "Network"))
            .Select(declaration => declaration.Identifier.Text);

    private static INamedTypeSymbol GeneratedClass(Build build, string name)
    {
        var type = build.Output.GetTypeByMetadataName(name);
        Assert.True(type is not null, "README.md declares no class " + name);
        return type!;
    }

}
