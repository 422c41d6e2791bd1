using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace StaticNets.CodeFixes;

/// <summary>
/// Reads the spans of the generator's diagnostics. The generator keeps locations as plain data for
/// caching and reports them as external-file locations (path and span, no syntax tree); a host may
/// hand them to a fix like that or re-created in the document's tree. Either way the span is a span
/// of the document's text, which is all a fix needs.
/// </summary>
internal static class DiagnosticLocations
{
    public static bool TryGetSpan(Location location, out TextSpan span)
    {
        span = location.SourceSpan;
        return location.Kind is LocationKind.SourceFile or LocationKind.ExternalFile;
    }

    /// <summary>The span of <paramref name="additional"/>, when it is in the same file as <paramref name="primary"/>.</summary>
    public static bool TryGetSpanInSameFile(Location additional, Location primary, out TextSpan span) =>
        TryGetSpan(additional, out span)
        && string.Equals(additional.GetLineSpan().Path, primary.GetLineSpan().Path, System.StringComparison.Ordinal);
}
