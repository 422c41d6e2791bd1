using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNets.Generator.Tests.Infrastructure;

namespace StaticNets.Generator.Tests.Emit;

/// <summary>
/// The exact source generated for the reference networks, compared with <c>Golden/</c> (see the README of this
/// project for refreshing them), and proof that it compiles cleanly in projects set up unlike ours.
/// </summary>
public class GoldenSourceTests
{
    public static TheoryData<string, string> ReferenceDeclarations => new()
    {
        { "mlp2", $"\"{ReferenceNetworks.Mlp2}\", Input = \"3x32x32\"" },
        { "lenet5", $"\"{ReferenceNetworks.Lenet5}\", Input = \"1x28x28\"" },
        { "cifar", $"\"{ReferenceNetworks.CifarPattern}\", Input = \"3x32x32\", Classes = 10, Let = \"{ReferenceNetworks.CifarLet}\", Defaults = \"{ReferenceNetworks.CifarDefaults}\"" },
        // Every other layer once, with an SVM loss, and a regressor: the shapes of the emitted code for each kind.
        { "every-layer-svm", "\"CONV(4,3,pad:1)+BN+LEAKYRELU(0.1)+AVGPOOL(2)+MAXOUT(8,3)+DROPOUT(0.3)+PRELU+FC(6)+ELU+SIGMOID+TANH+SOFTPLUS+FC(3)+SVM(2)\", Input = \"2x6x6\"" },
        { "regressor-l2", "\"FC(16)+BN+TANH+DROPOUT(0.2)+FC(2)+L2\", Input = \"5\"" },
    };

    [Theory]
    [MemberData(nameof(ReferenceDeclarations))]
    public void GeneratedSourceMatchesGoldenFile(string name, string attributeArguments)
    {
        var outcome = GeneratorHarness.Run(GeneratorHarness.Network(attributeArguments, "Net"));
        Assert.DoesNotContain(outcome.Diagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        var source = Assert.Single(outcome.Sources);
        GoldenFile.AssertMatches(name + ".g.cs.txt", source.SourceText.ToString());
    }

    [Theory]
    [MemberData(nameof(ReferenceDeclarations))]
    public void GeneratedSourceCompilesWithoutWarningsUnderOlderLanguageAndNullableOff(string name, string attributeArguments)
    {
        foreach (var (language, nullable) in new[] { (LanguageVersion.CSharp10, NullableContextOptions.Disable), (LanguageVersion.Latest, NullableContextOptions.Enable) })
        {
            var parseOptions = new CSharpParseOptions(language);
            var compilation = GeneratorHarness.Compile(GeneratorHarness.Network(attributeArguments, "Net"))
                .WithOptions(new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: nullable, generalDiagnosticOption: ReportDiagnostic.Error));
            compilation = compilation.ReplaceSyntaxTree(compilation.SyntaxTrees.Single(),
                CSharpSyntaxTree.ParseText(compilation.SyntaxTrees.Single().GetText(), parseOptions, GeneratorHarness.FilePath));
            GeneratorDriver driver = CSharpGeneratorDriver.Create(new[] { new NetworkGenerator().AsSourceGenerator() }, parseOptions: parseOptions);
            driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
            Assert.DoesNotContain(generatorDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
            var problems = output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
            Assert.True(problems.Count == 0, $"{name} under C# {language}, nullable {nullable}: " + string.Join("\n", problems));
        }
    }
}
