using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace StaticNets.CodeFixes.Tests.Infrastructure;

/// <summary>
/// Stands in for the generator: reports the planned SN0002/SN0003/SN0006 diagnostics with their
/// spans, additional locations and properties through the compiler's analyzer driver, so the fixes
/// are tested against real <see cref="Diagnostic"/>s and independently of the generator's arithmetic.
/// </summary>
/// <remarks>
/// It is handed to the compilation directly and never loaded as an analyzer, so it carries no
/// [DiagnosticAnalyzer] attribute (with one, the rules for shipped analyzers would apply to this test assembly).
/// </remarks>
#pragma warning disable RS1001 // See above: the attribute is for discovery, which a test double does not need.
internal sealed class FakeNetworkAnalyzer : DiagnosticAnalyzer
#pragma warning restore RS1001
{
    private static readonly ImmutableDictionary<string, DiagnosticDescriptor> s_descriptors = new[]
    {
        Descriptor(DiagnosticIds.UnknownName, "Unknown layer or argument name"),
        Descriptor(DiagnosticIds.ConvolutionStrideMismatch, "Convolution stride does not fit the input"),
        Descriptor(DiagnosticIds.ClassNotPartial, "Network class cannot receive generated code"),
    }.ToImmutableDictionary(d => d.Id);

    private readonly ImmutableArray<PlannedDiagnostic> _planned;

    public FakeNetworkAnalyzer(ImmutableArray<PlannedDiagnostic> planned) => _planned = planned;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => s_descriptors.Values.ToImmutableArray();

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterSyntaxTreeAction(tree =>
        {
            foreach (var planned in _planned)
            {
                tree.ReportDiagnostic(Diagnostic.Create(
                    s_descriptors[planned.Id],
                    Locate(tree.Tree, planned.Span, planned.AsExternalFile),
                    planned.Additional.Select(span => Locate(tree.Tree, span, planned.AsExternalFile)),
                    planned.Properties,
                    "as the generator would word it"));
            }
        });
    }

    private static Location Locate(SyntaxTree tree, TextSpan span, bool asExternalFile) =>
        asExternalFile
            ? Location.Create(tree.FilePath, span, tree.GetLineSpan(span).Span)
            : Location.Create(tree, span);

    private static DiagnosticDescriptor Descriptor(string id, string title) =>
        new(id, title, "{0}", "StaticNets", DiagnosticSeverity.Error, isEnabledByDefault: true);
}
