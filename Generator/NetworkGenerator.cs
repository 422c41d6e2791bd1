using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNets.Generator.Declaration;
using StaticNets.Generator.Emit;
using StaticNets.Generator.Model;

namespace StaticNets.Generator;

/// <summary>
/// Wiring only: attribute → declaration (plain data) → bound result (spec + diagnostics) → source.
/// Each step returns values that compare by value and reference nothing from the compilation, so an
/// edit that does not change a network's declaration leaves every later step cached.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class NetworkGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var declarations = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                NetworkDeclarationReader.AttributeMetadataName,
                static (node, _) => node is ClassDeclarationSyntax or RecordDeclarationSyntax,
                static (attributeContext, cancellationToken) => NetworkDeclarationReader.Read(attributeContext, cancellationToken))
            .WithTrackingName(TrackingNames.Declarations);

        var results = declarations
            .Select(static (declaration, _) => declaration is null ? null : NetworkResultBuilder.Build(declaration))
            .WithTrackingName(TrackingNames.Results);

        context.RegisterSourceOutput(results, static (output, result) => Report(output, result));
    }

    private static void Report(SourceProductionContext output, NetworkResult? result)
    {
        if (result is null)
        {
            return;
        }
        foreach (var diagnostic in result.Diagnostics)
        {
            output.ReportDiagnostic(diagnostic.ToDiagnostic());
        }
        if (result.Spec is { } spec)
        {
            output.AddSource(spec.HintName + ".g.cs", NetworkEmitter.Emit(spec));
        }
    }
}
