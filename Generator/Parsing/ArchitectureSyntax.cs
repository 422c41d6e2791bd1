using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis.Text;

namespace StaticNets.Generator.Parsing;

// The syntax tree of an architecture (and of Defaults entries). Every node carries its span in the
// string it was parsed from, so any later diagnostic can underline the exact characters. Nodes are
// compared by reference where identity matters (see ReferenceComparer), never by value.

/// <summary>A node of the architecture grammar: a sequence, a repetition or a layer.</summary>
internal abstract record ArchitectureSyntax(TextSpan Span);

/// <summary><c>term ('+' term)*</c> with two or more terms (a single term stands for itself).</summary>
internal sealed record SequenceSyntax(TextSpan Span, ImmutableArray<ArchitectureSyntax> Terms) : ArchitectureSyntax(Span);

/// <summary><c>atom '*' count</c>; the count is a <see cref="NumberSyntax"/> or a variable (<see cref="NameValueSyntax"/>).</summary>
internal sealed record RepetitionSyntax(TextSpan Span, ArchitectureSyntax Body, ValueSyntax Count) : ArchitectureSyntax(Span);

/// <summary><c>NAME ('(' arg (',' arg)* ')')?</c>; <see cref="HasArgumentList"/> tells a bare name from one with arguments.</summary>
internal sealed record LayerSyntax(TextSpan Span, NameSyntax Name, bool HasArgumentList, ImmutableArray<ArgumentSyntax> Arguments) : ArchitectureSyntax(Span);

/// <summary>An identifier as written.</summary>
internal sealed record NameSyntax(TextSpan Span, string Text);

/// <summary><c>value | NAME ':' value</c>.</summary>
internal sealed record ArgumentSyntax(TextSpan Span, NameSyntax? Name, ValueSyntax Value);

/// <summary>An argument value or a repetition count.</summary>
internal abstract record ValueSyntax(TextSpan Span);

/// <summary>A number as written: the binder reads it as a whole number (sizes, counts) or a real (alpha, p, eps), as the argument needs.</summary>
internal sealed record NumberSyntax(TextSpan Span, string Text) : ValueSyntax(Span)
{
    /// <summary>True when the text is an optionally negative run of digits (no fraction or exponent).</summary>
    public bool IsInteger
    {
        get
        {
            int start = Text.Length > 0 && Text[0] == '-' ? 1 : 0;
            if (start == Text.Length)
            {
                return false;
            }
            for (int i = start; i < Text.Length; i++)
            {
                if (Text[i] < '0' || Text[i] > '9')
                {
                    return false;
                }
            }
            return true;
        }
    }

    /// <summary>The value when it is an integer that fits in <see cref="int"/>.</summary>
    public bool TryGetInt32(out int value) =>
        int.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && IsInteger;
}

/// <summary>A name in value position: <c>same</c>, or a Let variable.</summary>
internal sealed record NameValueSyntax(TextSpan Span, string Name) : ValueSyntax(Span);

/// <summary><c>'[' value (',' value)* ']' ('@' NAME)?</c>: one value per repetition.</summary>
internal sealed record ListSyntax(TextSpan Span, ImmutableArray<ValueSyntax> Items, NameSyntax? BoundTo) : ValueSyntax(Span);
