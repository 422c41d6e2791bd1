using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using StaticNets.Generator.Binding;
using StaticNets.Generator.Tests.Infrastructure;

namespace StaticNets.Generator.Tests.Fuzz;

/// <summary>
/// Random declarations through the real driver, written as regular, verbatim or raw literals: the
/// generator never fails (no CS8784/CS8785), every diagnostic lands inside its own declaration, and each
/// class gets a source exactly when it got no error.
/// </summary>
public class DriverFuzzTests
{
    private const int Declarations = 400;
    private const int PerCompilation = 50;

    private static string Literal(string value, int style)
    {
        if (style == 1 && !value.Contains('"'))
        {
            return "@\"" + value + "\"";
        }
        if (style == 2 && value.Length > 0 && !value.Contains('"') && !value.Contains('\n') && !value.Contains('\r'))
        {
            return "\"\"\"" + value + "\"\"\"";
        }
        return SymbolDisplay.FormatLiteral(value, quote: true);
    }

    private static string Declaration(string className, NetworkArguments arguments, int style)
    {
        var named = new List<string>();
        if (arguments.Input is { } input)
        {
            named.Add("Input = " + Literal(input, style));
        }
        if (arguments.Classes is { } classes)
        {
            named.Add("Classes = " + classes.ToString(CultureInfo.InvariantCulture));
        }
        if (arguments.Let is { } let)
        {
            named.Add("Let = " + Literal(let, style));
        }
        if (arguments.Defaults is { } defaults)
        {
            named.Add("Defaults = " + Literal(defaults, style));
        }
        var builder = new StringBuilder("using StaticNets;\n\nnamespace Fuzz;\n\n[Network(")
            .Append(Literal(arguments.Architecture ?? string.Empty, style));
        foreach (var argument in named)
        {
            builder.Append(", ").Append(argument);
        }
        return builder.Append(")]\npublic partial class ").Append(className).Append(" { }\n").ToString();
    }

    [Fact]
    public void RandomDeclarationsNeverFailTheGenerator()
    {
        var all = FuzzCorpus.RandomDeclarations(seed: 77, count: Declarations).ToList();
        int generated = 0;
        for (int batch = 0; batch < Declarations / PerCompilation; batch++)
        {
            var files = Enumerable.Range(0, PerCompilation).Select(i =>
            {
                int index = (batch * PerCompilation) + i;
                string name = "Net" + index.ToString(CultureInfo.InvariantCulture);
                return (Name: name, Source: Declaration(name, all[index], index % 3));
            }).ToList();

            var trees = files.Select(f => CSharpSyntaxTree.ParseText(f.Source, GeneratorHarness.ParseOptions, f.Name + ".cs"));
            var compilation = GeneratorHarness.Compile().AddSyntaxTrees(trees);
            var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out _, out var driverDiagnostics);
            var result = driver.GetRunResult().Results.Single();

            Assert.Null(result.Exception);
            Assert.DoesNotContain(driverDiagnostics, d => d.Id is "CS8784" or "CS8785" or "AD0001");
            foreach (var (name, source) in files)
            {
                var own = result.Diagnostics.Where(d => d.Location.GetLineSpan().Path == name + ".cs").ToList();
                int attributeStart = source.IndexOf("[Network(", System.StringComparison.Ordinal);
                int attributeEnd = source.IndexOf(")]\npublic partial class", System.StringComparison.Ordinal);
                Assert.All(own, d => Assert.InRange(d.Location.SourceSpan.Start, attributeStart, attributeEnd));
                Assert.All(own, d => Assert.InRange(d.Location.SourceSpan.End, attributeStart, attributeEnd));

                bool hasError = own.Any(d => d.Severity == DiagnosticSeverity.Error);
                bool hasSource = result.GeneratedSources.Any(s => s.HintName == "Fuzz." + name + ".g.cs");
                Assert.True(hasError != hasSource, name + ": " + source + string.Join(" | ", own.Select(d => d.ToString())));
                generated += hasSource ? 1 : 0;
            }
            Assert.Equal(result.Diagnostics.Length, result.Diagnostics.Count(d => files.Any(f => d.Location.GetLineSpan().Path == f.Name + ".cs")));
        }
        Assert.InRange(generated, 20, Declarations - 20);
    }
}
