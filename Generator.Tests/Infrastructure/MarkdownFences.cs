using System;
using System.Collections.Generic;
using System.Text;

namespace StaticNets.Generator.Tests.Infrastructure;

/// <summary>One fenced block of a Markdown file: its language, its lines (FirstLine..EndLine exclusive, 0-based) and their text.</summary>
internal sealed record Fence(string Language, int FirstLine, int EndLine, string Text);

/// <summary>Reads the fenced code blocks of the Markdown files the tests check (README, diagnostic pages).</summary>
internal static class MarkdownFences
{
    /// <summary>Every ``` block in order; an unclosed block fails the test, naming <paramref name="file"/> and the line.</summary>
    public static List<Fence> Read(IReadOnlyList<string> lines, string file)
    {
        var fences = new List<Fence>();
        for (int i = 0; i < lines.Count; i++)
        {
            if (!lines[i].StartsWith("```", StringComparison.Ordinal))
            {
                continue;
            }

            string language = lines[i].Substring(3).Trim();
            int end = i + 1;
            var text = new StringBuilder();
            while (end < lines.Count && !lines[end].StartsWith("```", StringComparison.Ordinal))
            {
                text.Append(lines[end]).Append('\n');
                end++;
            }

            Assert.True(end < lines.Count, $"unclosed code block at {file} line {i + 1}");
            fences.Add(new Fence(language, i + 1, end, text.ToString()));
            i = end;
        }

        return fences;
    }
}
