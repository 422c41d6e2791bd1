namespace StaticNets.CodeFixes;

/// <summary>
/// The keys of <see cref="Microsoft.CodeAnalysis.Diagnostic.Properties"/> through which the generator
/// hands the fixes what it computed, so no fix ever parses a message text (messages are for people and
/// may be reworded at any time).
/// </summary>
internal static class DiagnosticPropertyNames
{
    /// <summary>SN0002: the known name to write instead of the unknown one, e.g. <c>RELU</c> or <c>stride</c>.</summary>
    public const string Suggestion = "Suggestion";

    /// <summary>
    /// SN0003: the changes that make the convolution fit, in the order to offer them, separated by
    /// <c>;</c>, each <c>stride=S:O</c> or <c>pad=P:O</c> with the output size O it gives,
    /// e.g. <c>stride=1:29;stride=2:15;pad=1:11</c>.
    /// </summary>
    public const string Fixes = "Fixes";
}
