using System.Collections.Immutable;

namespace StaticNets.Generator.Parsing;

/// <summary>
/// Parses <c>Defaults</c>: layers with arguments separated by ';', e.g.
/// <c>"CONV([32,64,128], 3, pad: same); POOL(2); FC(256)"</c>. Empty entries (a trailing ';') are allowed.
/// </summary>
internal static class DefaultsParser
{
    public static ParseResult<DefaultsSyntax> Parse(string text)
    {
        var reader = new SyntaxReader(text);
        var entries = ImmutableArray.CreateBuilder<LayerSyntax>();
        while (reader.Current.Kind != TokenKind.End)
        {
            if (reader.Current.Kind == TokenKind.Semicolon)
            {
                reader.Advance();
                continue;
            }
            var layer = reader.ParseLayer();
            if (layer is null)
            {
                break;
            }
            entries.Add(layer);
            if (reader.Current.Kind != TokenKind.Semicolon && reader.Current.Kind != TokenKind.End)
            {
                reader.Unexpected<LayerSyntax>("';' between the defaults of two layers");
                break;
            }
        }
        return reader.Error is { } error
            ? ParseResult<DefaultsSyntax>.Failure(error)
            : ParseResult<DefaultsSyntax>.Success(new DefaultsSyntax(entries.ToImmutable()));
    }
}

/// <summary>The entries of <c>Defaults</c>, in the order written.</summary>
internal sealed record DefaultsSyntax(ImmutableArray<LayerSyntax> Entries);
