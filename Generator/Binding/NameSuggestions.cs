using System;
using System.Collections.Generic;

namespace StaticNets.Generator.Binding;

/// <summary>"Did you mean" for layer, argument and variable names, by edit distance.</summary>
internal static class NameSuggestions
{
    /// <summary>
    /// The candidate closest to <paramref name="name"/>, if it is close enough to be a typo: one edit
    /// for names of up to four letters, two beyond (a swap of neighbours counts as one edit).
    /// </summary>
    public static string? Nearest(string name, IEnumerable<string> candidates, bool ignoreCase)
    {
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            // No suggestion is ever more than two edits away; skipping the rest keeps a huge name cheap.
            if (Math.Abs(name.Length - candidate.Length) > 2)
            {
                continue;
            }
            int distance = Distance(name, candidate, ignoreCase);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        int allowed = Math.Max(name.Length, best?.Length ?? 0) <= 4 ? 1 : 2;
        return best is not null && bestDistance > 0 && bestDistance <= allowed ? best : null;
    }

    /// <summary>Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.</summary>
    public static int Distance(string a, string b, bool ignoreCase)
    {
        if (ignoreCase)
        {
            a = a.ToUpperInvariant();
            b = b.ToUpperInvariant();
        }
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }
        for (int j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                int value = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, d[i - 2, j - 2] + 1);
                }
                d[i, j] = value;
            }
        }
        return d[a.Length, b.Length];
    }
}
