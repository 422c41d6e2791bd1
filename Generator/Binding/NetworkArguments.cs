using Microsoft.CodeAnalysis.Text;

namespace StaticNets.Generator.Binding;

/// <summary>Which part of the attribute a diagnostic points into.</summary>
internal enum NetworkArgument
{
    /// <summary>The attribute itself (its name): for what is missing rather than wrong.</summary>
    Attribute,
    Architecture,
    Input,
    /// <summary>The <c>Classes</c> expression as a whole (it is a number, not a string).</summary>
    Classes,
    Let,
    Defaults,
}

/// <summary>A span inside one attribute argument's string value.</summary>
internal readonly record struct SourceSpan(NetworkArgument Argument, TextSpan Span);

/// <summary>
/// The attribute's values as the compiler evaluated them: what the binder works on, free of any
/// syntax. <see cref="Classes"/> is null when the attribute does not set it.
/// </summary>
internal sealed record NetworkArguments(string? Architecture, string? Input, int? Classes, string? Let, string? Defaults);
