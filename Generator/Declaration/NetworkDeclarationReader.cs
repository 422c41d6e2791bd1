using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using StaticNets.Generator.Binding;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Declaration;

/// <summary>
/// The only stage that touches symbols and syntax: reads a <c>[Network]</c> class into a
/// <see cref="NetworkDeclaration"/> of plain values, checks that the class can take a generated part
/// (SN0006), and records how each string argument is written so later spans map to exact characters.
/// </summary>
internal static class NetworkDeclarationReader
{
    public const string AttributeMetadataName = "StaticNets.NetworkAttribute";

    /// <summary>Null when there is nothing to do: the attribute does not bind (the compiler reports why) or another declaration of the class carries it.</summary>
    public static NetworkDeclaration? Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        if (context.TargetSymbol is not INamedTypeSymbol type
            || context.TargetNode is not TypeDeclarationSyntax declaration
            || context.Attributes.IsDefaultOrEmpty)
        {
            return null;
        }
        // Only an attribute written on this declaration counts: for a partial class the context may list
        // the attributes of its other declarations too.
        var attribute = context.Attributes.FirstOrDefault(a => a.ApplicationSyntaxReference is { } reference
            && reference.SyntaxTree == declaration.SyntaxTree && declaration.Span.Contains(reference.Span));
        if (attribute is null
            || !IsFirstNetworkAttribute(type, attribute)
            || attribute.ConstructorArguments.Length != 1
            || attribute.ConstructorArguments[0].Kind == TypedConstantKind.Error
            || attribute.NamedArguments.Any(pair => pair.Value.Kind == TypedConstantKind.Error)
            || attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax attributeSyntax)
        {
            return null;
        }

        var tree = declaration.SyntaxTree;
        var arguments = new NetworkArguments(
            Architecture: attribute.ConstructorArguments[0].Value as string,
            Input: NamedValue(attribute, "Input") as string,
            Classes: NamedValue(attribute, "Classes") as int?,
            Let: NamedValue(attribute, "Let") as string,
            Defaults: NamedValue(attribute, "Defaults") as string);

        var syntaxArguments = attributeSyntax.ArgumentList?.Arguments ?? default;
        var architectureSyntax = syntaxArguments.FirstOrDefault(a => a.NameEquals is null);
        var containing = ContainingTypes(declaration);

        return new NetworkDeclaration(
            Namespace: type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString(NamespaceFormat) : string.Empty,
            ContainingTypes: new EquatableArray<ContainingType>(containing.Select(c => new ContainingType(Keyword(c), c.Identifier.Text))),
            ClassName: declaration.Identifier.Text,
            HintName: HintNames.For(NamespaceSegments(type), containing.Select(c => c.Identifier.ValueText).Append(declaration.Identifier.ValueText)),
            Arguments: arguments,
            AttributeName: Locate(attributeSyntax.Name),
            Classes: Named(syntaxArguments, "Classes") is { } classes ? Locate(classes.Expression) : null,
            Architecture: Source(architectureSyntax, arguments.Architecture, cancellationToken),
            Input: Source(Named(syntaxArguments, "Input"), arguments.Input, cancellationToken),
            Let: Source(Named(syntaxArguments, "Let"), arguments.Let, cancellationToken),
            Defaults: Source(Named(syntaxArguments, "Defaults"), arguments.Defaults, cancellationToken),
            Diagnostics: new EquatableArray<DiagnosticInfo>(CheckClass(type, declaration, containing)));
    }

    private static readonly SymbolDisplayFormat NamespaceFormat = SymbolDisplayFormat.FullyQualifiedFormat
        .WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted);

    /// <summary>
    /// The attribute is AllowMultiple = false, but a partial class may still carry it on two declarations
    /// (the compiler reports that); only the first generates, so no hint name is ever added twice.
    /// </summary>
    private static bool IsFirstNetworkAttribute(INamedTypeSymbol type, AttributeData attribute)
    {
        var first = type.GetAttributes().FirstOrDefault(a => a.AttributeClass?.ToDisplayString() == AttributeMetadataName);
        var firstReference = first?.ApplicationSyntaxReference;
        var reference = attribute.ApplicationSyntaxReference;
        return firstReference is null || reference is null
            || (firstReference.SyntaxTree == reference.SyntaxTree && firstReference.Span == reference.Span);
    }

    private static object? NamedValue(AttributeData attribute, string name)
    {
        foreach (var pair in attribute.NamedArguments)
        {
            if (pair.Key == name)
            {
                return pair.Value.Value;
            }
        }
        return null;
    }

    private static AttributeArgumentSyntax? Named(SeparatedSyntaxList<AttributeArgumentSyntax> arguments, string name) =>
        arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);

    private static IEnumerable<string> NamespaceSegments(INamedTypeSymbol type)
    {
        var segments = new List<string>();
        for (var ns = type.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            segments.Insert(0, ns.Name);
        }
        return segments;
    }

    /// <summary>Enclosing type declarations, outermost first.</summary>
    private static List<TypeDeclarationSyntax> ContainingTypes(TypeDeclarationSyntax declaration)
    {
        var types = new List<TypeDeclarationSyntax>();
        for (var parent = declaration.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is TypeDeclarationSyntax type)
            {
                types.Insert(0, type);
            }
        }
        return types;
    }

    private static string Keyword(TypeDeclarationSyntax type) => type switch
    {
        RecordDeclarationSyntax record when record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) => "record struct",
        RecordDeclarationSyntax => "record",
        _ => type.Keyword.Text,
    };

    /// <summary>SN0006: everything that would stop the generated <c>partial class</c> from merging with the user's.</summary>
    private static List<DiagnosticInfo> CheckClass(INamedTypeSymbol type, TypeDeclarationSyntax declaration, List<TypeDeclarationSyntax> containing)
    {
        var problems = new List<string>();
        string name = declaration.Identifier.ValueText;
        if (declaration is RecordDeclarationSyntax)
        {
            problems.Add("'" + name + "' is a record: [Network] needs a partial class");
        }
        if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
        {
            problems.Add("'" + name + "' must be declared partial so the generated network can be added to it: partial class " + name);
        }
        if (declaration.Modifiers.Any(SyntaxKind.StaticKeyword))
        {
            problems.Add("'" + name + "' must not be static: a network is an object with its own parameters");
        }
        if (declaration.Modifiers.Any(SyntaxKind.FileKeyword))
        {
            problems.Add("'" + name + "' must not be file-local: the generated part lives in another file");
        }
        if (type.TypeParameters.Length > 0)
        {
            problems.Add("'" + name + "' must not be generic: shapes are fixed at compile time, so there is nothing to vary");
        }
        foreach (var outer in containing)
        {
            string outerName = outer.Identifier.ValueText;
            if (!outer.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                problems.Add("'" + name + "' is nested in '" + outerName + "', which must be declared partial too");
            }
            if (outer.TypeParameterList is not null)
            {
                problems.Add("'" + name + "' is nested in the generic type '" + outerName + "': move it out or make it top-level");
            }
        }

        var location = Locate(declaration.Identifier);
        return problems
            .Select(p => new DiagnosticInfo(DiagnosticDescriptors.ClassNotPartial, location, new EquatableArray<string>(ImmutableArray.Create(p))))
            .ToList();
    }

    /// <summary>Records how a string argument is written; null when the argument is absent.</summary>
    private static StringArgumentSource? Source(AttributeArgumentSyntax? argument, string? value, CancellationToken cancellationToken)
    {
        if (argument is null)
        {
            return null;
        }
        var whole = Locate(argument.Expression);
        var expression = argument.Expression;
        while (expression is ParenthesizedExpressionSyntax parenthesized)
        {
            expression = parenthesized.Expression;
        }
        if (value is null
            || expression is not LiteralExpressionSyntax literal
            || !literal.IsKind(SyntaxKind.StringLiteralExpression)
            || StringLiteralDecoder.Decode(literal.Token.Text) is not { } decoded
            || decoded.Value != value)
        {
            return StringArgumentSource.WholeExpression(whole);
        }

        int tokenStart = literal.Token.SpanStart;
        var text = literal.SyntaxTree.GetText(cancellationToken);
        int firstLine = text.Lines.GetLineFromPosition(tokenStart).LineNumber;
        int lastLine = text.Lines.GetLineFromPosition(literal.Token.Span.End).LineNumber;
        var lineStarts = Enumerable.Range(firstLine, lastLine - firstLine + 1).Select(l => text.Lines[l].Start);
        return new StringArgumentSource(
            whole,
            IsLiteral: true,
            Starts: new EquatableArray<int>(decoded.Starts.Select(s => tokenStart + s)),
            Ends: new EquatableArray<int>(decoded.Ends.Select(e => tokenStart + e)),
            ContentEnd: tokenStart + decoded.ContentEnd,
            FirstLine: firstLine,
            LineStarts: new EquatableArray<int>(lineStarts));
    }

    private static LocationInfo Locate(SyntaxNode node) => Locate(node.GetLocation());

    private static LocationInfo Locate(SyntaxToken token) => Locate(token.GetLocation());

    private static LocationInfo Locate(Location location) =>
        new(location.SourceTree?.FilePath ?? string.Empty, location.SourceSpan, location.GetLineSpan().Span);
}
