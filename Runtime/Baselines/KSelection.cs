using System;
using System.Collections.Generic;

namespace StaticNets.Baselines;

/// <summary>
/// The outcome of choosing k for <see cref="NearestNeighbor"/> (notes §2.2): the accuracy of every candidate k on
/// held-out data, one accuracy per fold (a single fold for a validation split), their means, and the best k.
/// </summary>
public sealed class KSelection
{
    internal KSelection(int[] ks, double[][] foldAccuracies)
    {
        var means = new double[ks.Length];
        int best = 0;
        for (int i = 0; i < ks.Length; i++)
        {
            double sum = 0;
            foreach (double accuracy in foldAccuracies[i])
            {
                sum += accuracy;
            }

            means[i] = sum / foldAccuracies[i].Length;
            if (means[i] > means[best])
            {
                best = i;
            }
        }

        Ks = Array.AsReadOnly(ks);
        FoldAccuracies = Array.AsReadOnly(Array.ConvertAll(foldAccuracies, Array.AsReadOnly));
        MeanAccuracies = Array.AsReadOnly(means);
        BestK = ks[best];
        BestAccuracy = means[best];
    }

    /// <summary>The candidate values of k, in ascending order.</summary>
    public IReadOnlyList<int> Ks { get; }

    /// <summary>For each k (same order as <see cref="Ks"/>), its accuracy on each fold's held-out part.</summary>
    public IReadOnlyList<IReadOnlyList<double>> FoldAccuracies { get; }

    /// <summary>For each k (same order as <see cref="Ks"/>), the mean of its fold accuracies.</summary>
    public IReadOnlyList<double> MeanAccuracies { get; }

    /// <summary>The k with the highest mean accuracy; on a tie, the smallest such k.</summary>
    public int BestK { get; }

    /// <summary>The mean accuracy of <see cref="BestK"/>.</summary>
    public double BestAccuracy { get; }
}
