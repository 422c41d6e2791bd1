using System;

namespace StaticNets.Baselines;

/// <summary>
/// The k nearest candidates seen so far for one query, kept sorted nearest first, and the vote among them.
/// Candidates arrive in increasing training index, and an equal distance never displaces an earlier candidate, so
/// among equally distant training examples the lower index ranks first.
/// </summary>
internal static class NeighborList
{
    /// <summary>
    /// Offers candidates <paramref name="firstIndex"/>, <paramref name="firstIndex"/> + 1, ... with distances
    /// <paramref name="candidates"/> to a list of capacity indices.Length holding <paramref name="filled"/> entries.
    /// </summary>
    public static void Offer(ReadOnlySpan<float> candidates, int firstIndex, Span<int> indices, Span<float> distances, ref int filled)
    {
        int last = indices.Length - 1;
        float worst = filled > last ? distances[last] : float.PositiveInfinity;
        for (int j = 0; j < candidates.Length; j++)
        {
            float distance = candidates[j];
            int position;
            if (filled <= last)
            {
                position = filled++;
            }
            else if (distance < worst)
            {
                position = last;
            }
            else
            {
                continue;
            }

            for (; position > 0 && distances[position - 1] > distance; position--)
            {
                distances[position] = distances[position - 1];
                indices[position] = indices[position - 1];
            }

            distances[position] = distance;
            indices[position] = firstIndex + j;
            if (filled > last)
            {
                worst = distances[last];
            }
        }
    }

    /// <summary>
    /// The majority label among <paramref name="neighbors"/> (sorted nearest first). On a tie, the tied label whose
    /// nearest member comes first wins: scanning nearest first, a label replaces the leader only with strictly more votes.
    /// </summary>
    /// <remarks>Counts by rescanning the list (O(k²)) so any label values work without a per-class buffer; k is small.</remarks>
    public static int Vote(ReadOnlySpan<int> neighbors, int[] labels)
    {
        int best = labels[neighbors[0]];
        int bestVotes = 0;
        for (int i = 0; i < neighbors.Length; i++)
        {
            int label = labels[neighbors[i]];
            if (FirstOccurrence(neighbors, labels, i, label))
            {
                int votes = 1;
                for (int j = i + 1; j < neighbors.Length; j++)
                {
                    votes += labels[neighbors[j]] == label ? 1 : 0;
                }

                if (votes > bestVotes)
                {
                    best = label;
                    bestVotes = votes;
                }
            }
        }

        return best;
    }

    private static bool FirstOccurrence(ReadOnlySpan<int> neighbors, int[] labels, int position, int label)
    {
        for (int i = 0; i < position; i++)
        {
            if (labels[neighbors[i]] == label)
            {
                return false;
            }
        }

        return true;
    }
}
