using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace StaticNets.Generator.Model;

/// <summary>A source location as plain data, so models carrying it stay cacheable (a <see cref="Location"/> holds a tree).</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);

    public static LocationInfo? From(Location? location)
    {
        if (location?.SourceTree is null)
        {
            return null;
        }
        return new LocationInfo(location.SourceTree.FilePath, location.SourceSpan, location.GetLineSpan().Span);
    }
}
