using Microsoft.CodeAnalysis.Text;

namespace StaticNets.Generator.Parsing;

/// <summary>The first syntax error in a string: where, and what was expected.</summary>
internal sealed record SyntaxError(TextSpan Span, string Message);

/// <summary>A parse that produced either a node or the error that stopped it.</summary>
internal readonly record struct ParseResult<T>(T? Node, SyntaxError? Error)
    where T : class
{
    public static ParseResult<T> Success(T node) => new(node, null);

    public static ParseResult<T> Failure(SyntaxError error) => new(null, error);
}
