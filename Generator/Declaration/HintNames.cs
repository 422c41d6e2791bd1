using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace StaticNets.Generator.Declaration;

/// <summary>
/// Builds the generated file's hint name from the class's full name: namespace segments joined by
/// '.', enclosing types by '-' (a namespace and a type may share a dotted name, so one separator would
/// not be unique). Characters outside ASCII letters, digits and '_' become <c>{XXXX}</c>, which no
/// identifier contains, so the mapping stays one-to-one and the name valid on every file system.
/// </summary>
internal static class HintNames
{
    public static string For(IEnumerable<string> namespaceSegments, IEnumerable<string> typeNames)
    {
        var builder = new StringBuilder();
        foreach (var segment in namespaceSegments)
        {
            Append(builder, segment);
            builder.Append('.');
        }
        bool first = true;
        foreach (var name in typeNames)
        {
            if (!first)
            {
                builder.Append('-');
            }
            Append(builder, name);
            first = false;
        }
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, string identifier)
    {
        foreach (char c in identifier)
        {
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('{').Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append('}');
            }
        }
    }
}
