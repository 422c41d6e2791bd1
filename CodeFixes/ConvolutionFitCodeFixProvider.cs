using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Text;

namespace StaticNets.CodeFixes;

/// <summary>
/// SN0003 (a convolution's stride does not divide <c>H + 2P - F</c>): one fix per stride or padding
/// that makes the layer fit, as the generator lists them in the <c>Fixes</c> property. A stride
/// replaces the characters the diagnostic underlines (the stride value); a padding replaces the
/// characters of the diagnostic's first additional location (the written padding) or, when that
/// location is empty, adds <c>pad:N</c> to the layer's argument list there.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConvolutionFitCodeFixProvider)), Shared]
public sealed class ConvolutionFitCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ConvolutionStrideMismatch);

    /// <summary>
    /// None: each option is a design decision for one layer (it changes every size after it), and the
    /// options differ from layer to layer, so "use stride 1 everywhere" is not a fix anyone wants.
    /// </summary>
    public override FixAllProvider? GetFixAllProvider() => null;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.Document;
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }
        var text = await document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
        // Height and width may each be reported on the same stride with some options in common: offer each once.
        var offered = new HashSet<string>();
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Id != DiagnosticIds.ConvolutionStrideMismatch || !DiagnosticLocations.TryGetSpan(diagnostic.Location, out _))
            {
                continue;
            }
            diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.Fixes, out string? fixes);
            foreach (var option in ConvolutionFitOption.Parse(fixes))
            {
                if (!offered.Contains(option.EquivalenceKey) && TryCreateChange(option, diagnostic, root, text) is { } change)
                {
                    offered.Add(option.EquivalenceKey);
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            option.Title,
                            cancellationToken => DocumentTextEdits.ApplyAsync(document, new[] { change }, cancellationToken),
                            option.EquivalenceKey),
                        diagnostic);
                }
            }
        }
    }

    private static TextChange? TryCreateChange(ConvolutionFitOption option, Diagnostic diagnostic, SyntaxNode root, SourceText text)
    {
        if (option.Argument == ConvolutionArgument.Stride)
        {
            return Replace(diagnostic.Location.SourceSpan, option.ValueText, root, text);
        }
        var target = diagnostic.AdditionalLocations.FirstOrDefault();
        if (target is null || !DiagnosticLocations.TryGetSpanInSameFile(target, diagnostic.Location, out var span))
        {
            return null;
        }
        if (!span.IsEmpty)
        {
            return Replace(span, option.ValueText, root, text);
        }
        return StringLiteralContent.TryFind(root, span, out var content)
            ? PaddingArgumentInsertion.Create(text, content, span.Start, option.ValueText)
            : null;
    }

    /// <summary>Writes <paramref name="value"/> over a value the diagnostic located, unless it is already that.</summary>
    private static TextChange? Replace(TextSpan span, string value, SyntaxNode root, SourceText text) =>
        !span.IsEmpty && StringLiteralContent.Contains(root, span) && text.ToString(span) != value
            ? new TextChange(span, value)
            : null;
}
