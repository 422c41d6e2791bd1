using StaticNets.Generator.Binding;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Declaration;

/// <summary>
/// A <c>[Network]</c> class as plain data: names for the emitter, the attribute's values for the binder,
/// where each argument is written (to locate diagnostics), and the problems with the class itself (SN0006).
/// Holds no symbol, syntax node or <see cref="Microsoft.CodeAnalysis.Location"/>, so the pipeline can cache it.
/// </summary>
/// <param name="Namespace">Namespace as C# writes it (keywords escaped), empty for the global namespace.</param>
/// <param name="ContainingTypes">Enclosing types, outermost first.</param>
/// <param name="ClassName">The class identifier as written in its declaration.</param>
/// <param name="HintName">Unique, file-name-safe name for the generated source.</param>
/// <param name="Arguments">The attribute's values as the compiler evaluated them.</param>
/// <param name="AttributeName">The attribute's name, for what is missing rather than wrong (no Input).</param>
/// <param name="Classes">The <c>Classes</c> expression, if written.</param>
internal sealed record NetworkDeclaration(
    string Namespace,
    EquatableArray<ContainingType> ContainingTypes,
    string ClassName,
    string HintName,
    NetworkArguments Arguments,
    LocationInfo? AttributeName,
    LocationInfo? Classes,
    StringArgumentSource? Architecture,
    StringArgumentSource? Input,
    StringArgumentSource? Let,
    StringArgumentSource? Defaults,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>The source location of a span inside one of the attribute's arguments.</summary>
    public LocationInfo? Locate(SourceSpan at)
    {
        var source = at.Argument switch
        {
            NetworkArgument.Architecture => Architecture,
            NetworkArgument.Input => Input,
            NetworkArgument.Let => Let,
            NetworkArgument.Defaults => Defaults,
            _ => null,
        };
        if (source is not null)
        {
            return source.Map(at.Span);
        }
        return at.Argument == NetworkArgument.Classes ? Classes ?? AttributeName : AttributeName;
    }
}
