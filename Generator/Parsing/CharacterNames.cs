using System.Globalization;

namespace StaticNets.Generator.Parsing;

/// <summary>Quotes text for messages so control and invisible characters stay readable.</summary>
internal static class CharacterNames
{
    public static string Quote(string text)
    {
        if (text.Length == 1 && (char.IsControl(text[0]) || char.IsWhiteSpace(text[0]) || char.IsSurrogate(text[0])))
        {
            return "U+" + ((int)text[0]).ToString("X4", CultureInfo.InvariantCulture);
        }
        return "'" + text + "'";
    }
}
