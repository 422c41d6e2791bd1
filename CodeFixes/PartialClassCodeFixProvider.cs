using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace StaticNets.CodeFixes;

/// <summary>
/// SN0006 (the class cannot receive the generated part): adds <c>partial</c> to the network class and
/// to every type declaration around it that lacks it. The diagnostic sits on the class's identifier,
/// which is all the fix needs. It is offered only while some declaration lacks <c>partial</c>: the
/// other SN0006 problems (static, generic, a record) are not something a keyword can fix.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(PartialClassCodeFixProvider)), Shared]
public sealed class PartialClassCodeFixProvider : CodeFixProvider
{
    internal const string EquivalenceKey = "StaticNets.SN0006.MakePartial";

    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ClassNotPartial);

    /// <summary>Collects every declaration first, so an outer type shared by two networks gets <c>partial</c> once.</summary>
    public override FixAllProvider GetFixAllProvider() => FixAllProvider.Create(FixAllInDocumentAsync);

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var document = context.Document;
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return;
        }
        // Several SN0006 (not partial, static, ...) may sit on the same identifier; one fix serves them all.
        foreach (var diagnostic in context.Diagnostics)
        {
            var declarations = DeclarationsLackingPartial(root, diagnostic);
            if (declarations.Count == 0)
            {
                continue;
            }
            context.RegisterCodeFix(
                CodeAction.Create(
                    Title(declarations),
                    cancellationToken => Task.FromResult(document.WithSyntaxRoot(AddPartial(root, declarations))),
                    EquivalenceKey),
                context.Diagnostics.Where(d => d.Id == DiagnosticIds.ClassNotPartial).ToImmutableArray());
            return;
        }
    }

    private static async Task<Document?> FixAllInDocumentAsync(FixAllContext context, Document document, ImmutableArray<Diagnostic> diagnostics)
    {
        var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
        {
            return document;
        }
        var declarations = diagnostics.SelectMany(d => DeclarationsLackingPartial(root, d)).Distinct().ToList();
        return declarations.Count == 0 ? document : document.WithSyntaxRoot(AddPartial(root, declarations));
    }

    /// <summary>The network class and its enclosing types that lack <c>partial</c>, outermost first.</summary>
    private static List<TypeDeclarationSyntax> DeclarationsLackingPartial(SyntaxNode root, Diagnostic diagnostic)
    {
        var lacking = new List<TypeDeclarationSyntax>();
        if (diagnostic.Id != DiagnosticIds.ClassNotPartial
            || !DiagnosticLocations.TryGetSpan(diagnostic.Location, out var span)
            || span.End > root.FullSpan.End)
        {
            return lacking;
        }
        var identifier = root.FindToken(span.Start);
        if (identifier.Span != span
            || identifier.Parent is not TypeDeclarationSyntax network
            || network.Identifier != identifier)
        {
            return lacking;
        }
        for (SyntaxNode? node = network; node is not null; node = node.Parent)
        {
            if (node is TypeDeclarationSyntax type && !type.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                lacking.Insert(0, type);
            }
        }
        return lacking;
    }

    private static string Title(List<TypeDeclarationSyntax> declarations)
    {
        var names = declarations.Select(d => "'" + d.Identifier.ValueText + "'").ToList();
        string list = names.Count == 1
            ? names[0]
            : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[names.Count - 1];
        return "Make " + list + " partial";
    }

    private static SyntaxNode AddPartial(SyntaxNode root, IReadOnlyCollection<TypeDeclarationSyntax> declarations) =>
        // ReplaceNodes hands nested declarations over already rewritten, so an outer and an inner type both change.
        root.ReplaceNodes(declarations, (original, rewritten) => WithPartial((TypeDeclarationSyntax)rewritten));

    /// <summary>
    /// C# wants <c>partial</c> right before <c>class</c> (or <c>struct</c>, <c>record</c>, <c>interface</c>),
    /// so it goes last among the modifiers; with no modifiers it takes over the keyword's indentation.
    /// </summary>
    private static TypeDeclarationSyntax WithPartial(TypeDeclarationSyntax declaration)
    {
        if (declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            return declaration;
        }
        if (declaration.Modifiers.Count == 0)
        {
            var keyword = declaration.Keyword;
            var partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return declaration
                .WithKeyword(keyword.WithLeadingTrivia(SyntaxFactory.TriviaList()))
                .WithModifiers(SyntaxFactory.TokenList(partial));
        }
        var added = SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
        return declaration.WithModifiers(declaration.Modifiers.Add(added));
    }
}
