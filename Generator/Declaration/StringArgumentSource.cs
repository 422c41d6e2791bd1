using System;
using Microsoft.CodeAnalysis.Text;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Declaration;

/// <summary>
/// Where one string argument of the attribute is written, as plain data: enough to turn a span inside
/// the string's value into a source location later, after binding, without keeping the syntax tree.
/// For a literal every value character maps to the characters that wrote it; for anything else (a
/// constant, a concatenation, an interpolation) every span maps to the whole argument expression.
/// </summary>
/// <param name="Expression">The whole argument expression: the fallback location.</param>
/// <param name="IsLiteral">True when <see cref="Starts"/>/<see cref="Ends"/> map the value (they may be empty for "").</param>
/// <param name="Starts">Absolute position of the first source character of each value character.</param>
/// <param name="Ends">Absolute position just past the last source character of each value character.</param>
/// <param name="ContentEnd">Absolute position where the literal's content ends (spans at the end of the value).</param>
/// <param name="FirstLine">Zero-based line of <see cref="LineStarts"/>[0].</param>
/// <param name="LineStarts">Absolute start of every line the literal touches, in order.</param>
internal sealed record StringArgumentSource(
    LocationInfo Expression,
    bool IsLiteral,
    EquatableArray<int> Starts,
    EquatableArray<int> Ends,
    int ContentEnd,
    int FirstLine,
    EquatableArray<int> LineStarts)
{
    /// <summary>A source that can only point at the whole expression.</summary>
    public static StringArgumentSource WholeExpression(LocationInfo expression) =>
        new(expression, false, EquatableArray<int>.Empty, EquatableArray<int>.Empty, 0, 0, EquatableArray<int>.Empty);

    /// <summary>The location of <paramref name="valueSpan"/> (a span of the string's value), clamped to the value.</summary>
    public LocationInfo Map(TextSpan valueSpan)
    {
        int count = Starts.Count;
        if (!IsLiteral || Ends.Count != count)
        {
            return Expression;
        }
        int first = Math.Min(Math.Max(valueSpan.Start, 0), count);
        int last = Math.Min(Math.Max(valueSpan.End, first), count);
        int start = first < count ? Starts[first] : ContentEnd;
        int end = last > first ? Ends[last - 1] : start;
        var span = TextSpan.FromBounds(start, Math.Max(start, end));
        return new LocationInfo(Expression.FilePath, span, new LinePositionSpan(Position(span.Start), Position(span.End)));
    }

    private LinePosition Position(int position)
    {
        // The literal's lines are few; a linear scan keeps this obviously right.
        int line = 0;
        for (int i = 1; i < LineStarts.Count && LineStarts[i] <= position; i++)
        {
            line = i;
        }
        int lineStart = LineStarts.Count > 0 ? LineStarts[line] : 0;
        return new LinePosition(FirstLine + line, Math.Max(0, position - lineStart));
    }
}
