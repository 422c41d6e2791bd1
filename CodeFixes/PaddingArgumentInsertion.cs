using Microsoft.CodeAnalysis.Text;

namespace StaticNets.CodeFixes;

/// <summary>
/// Adds <c>pad:N</c> to a layer's argument list, written the way the list already is: <c>,pad:1</c>
/// after <c>CONV(6,5,stride:2</c>, <c>, pad: 1</c> after <c>CONV(6, 5, stride: 2</c>.
/// </summary>
internal static class PaddingArgumentInsertion
{
    /// <param name="text">The document.</param>
    /// <param name="content">The content of the string literal that holds the layer.</param>
    /// <param name="position">Where the generator says the argument goes: just before the layer's <c>)</c>.</param>
    /// <param name="value">The padding, as it is to be written.</param>
    public static TextChange Create(SourceText text, TextSpan content, int position, string value)
    {
        // Step back over spaces and line breaks so the argument follows the last one, not the ')' line.
        int at = position;
        while (at > content.Start && char.IsWhiteSpace(text[at - 1]))
        {
            at--;
        }
        string arguments = text.ToString(TextSpan.FromBounds(OpenParenthesis(text, content, at) + 1, at));
        string comma = arguments.Trim().Length == 0 ? string.Empty : FollowedBySpace(arguments, ',') ? ", " : ",";
        string colon = FollowedBySpace(arguments, ':') ? ": " : ":";
        return new TextChange(new TextSpan(at, 0), comma + "pad" + colon + value);
    }

    /// <summary>The <c>(</c> that opens the list ending at <paramref name="end"/>, or the position before the content when none is seen.</summary>
    private static int OpenParenthesis(SourceText text, TextSpan content, int end)
    {
        int depth = 0;
        for (int i = end - 1; i >= content.Start; i--)
        {
            char c = text[i];
            if (c == ')' || c == ']')
            {
                depth++;
            }
            else if (c == '(' || c == '[')
            {
                if (depth == 0)
                {
                    return i;
                }
                depth--;
            }
        }
        return content.Start - 1;
    }

    /// <summary>Whether the list's own separators are followed by a space: the style only, never the meaning.</summary>
    private static bool FollowedBySpace(string arguments, char separator)
    {
        int index = arguments.IndexOf(separator);
        return index >= 0 && index + 1 < arguments.Length && char.IsWhiteSpace(arguments[index + 1]);
    }
}
