using System;
using System.Collections.Generic;
using System.Linq;
using StaticNets.Data;

namespace StaticNets.Baselines;

public sealed partial class NearestNeighbor
{
    /// <summary>
    /// Chooses k on a validation split (notes §2.2): trains on <paramref name="train"/>, measures the accuracy of
    /// each candidate k on <paramref name="validation"/>, and keeps the best. The neighbours are searched once, for
    /// the largest k, and every k votes on its prefix of them.
    /// </summary>
    /// <param name="train">The training split; at least as many images as the largest k.</param>
    /// <param name="validation">The validation split, of the same feature length; at least one image.</param>
    /// <param name="ks">Candidate values of k: at least one, each at least 1, no repeats (any order).</param>
    /// <param name="metric">The distance between images.</param>
    /// <returns>The accuracy of each k (as a single fold) and the best k.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A split is empty, the feature lengths differ, or <paramref name="ks"/> is empty or repeats a value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A k is below 1 or above the training count, or <paramref name="metric"/> is undefined.</exception>
    public static KSelection ChooseK(ImageDataset train, ImageDataset validation, IEnumerable<int> ks, DistanceMetric metric)
    {
        ArgumentNullException.ThrowIfNull(validation);
        int[] candidates = Candidates(ks);
        var classifier = new NearestNeighbor(metric);
        classifier.Train(train);
        classifier.CheckFeatureLength(validation, nameof(validation));
        if (validation.Count == 0)
        {
            throw new ArgumentException("The validation split must hold at least one image, got an empty dataset.", nameof(validation));
        }

        var correct = new int[candidates.Length];
        classifier.CountCorrect(correct, validation.Features, validation.Labels, 0, validation.Count, candidates, 0, 0);
        return new KSelection(candidates, [.. correct.Select(c => new[] { c / (double)validation.Count })]);
    }

    /// <summary>
    /// Chooses k by n-fold cross-validation (notes §2.2): splits <paramref name="data"/> into <paramref name="folds"/>
    /// consecutive folds (<see cref="CrossValidationFolds"/>), and for each fold classifies its images with the other
    /// folds as the training set; each k's accuracy is averaged over the folds. Nothing is copied: the classifier
    /// memorises all of <paramref name="data"/> once and each fold's search skips the fold's own images.
    /// </summary>
    /// <param name="data">Training and validation data together; at least <paramref name="folds"/> images.</param>
    /// <param name="folds">Number of folds; 2 to data.Count.</param>
    /// <param name="ks">Candidate values of k: at least one, each from 1 to the smallest training part, no repeats (any order).</param>
    /// <param name="metric">The distance between images.</param>
    /// <returns>Each k's accuracy per fold and mean accuracy, and the best k.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="ks"/> is empty or repeats a value.</exception>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="folds"/> is out of range, a k is below 1 or above the images outside the largest fold, or
    /// <paramref name="metric"/> is undefined.
    /// </exception>
    public static KSelection CrossValidate(ImageDataset data, int folds, IEnumerable<int> ks, DistanceMetric metric)
    {
        ArgumentNullException.ThrowIfNull(data);
        int[] candidates = Candidates(ks);
        CrossValidationFolds.Bounds(data.Count, folds, 0); // validates folds against the example count
        var classifier = new NearestNeighbor(metric);
        classifier.Train(data);

        var accuracies = new double[candidates.Length][];
        for (int c = 0; c < candidates.Length; c++)
        {
            accuracies[c] = new double[folds];
        }

        var correct = new int[candidates.Length];
        for (int fold = 0; fold < folds; fold++)
        {
            (int start, int count) = CrossValidationFolds.Bounds(data.Count, folds, fold);
            Array.Clear(correct);
            classifier.CountCorrect(correct, data.Features, data.Labels, start, count, candidates, start, start + count);
            for (int c = 0; c < candidates.Length; c++)
            {
                accuracies[c][fold] = correct[c] / (double)count;
            }
        }

        return new KSelection(candidates, accuracies);
    }

    private static int[] Candidates(IEnumerable<int> ks)
    {
        ArgumentNullException.ThrowIfNull(ks);
        int[] sorted = [.. ks.Order()];
        if (sorted.Length == 0)
        {
            throw new ArgumentException("At least one candidate k is needed, got none.", nameof(ks));
        }

        if (sorted[0] < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(ks), sorted[0], $"Every k must be at least 1, got {sorted[0]}.");
        }

        for (int i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] == sorted[i - 1])
            {
                throw new ArgumentException($"The candidate k = {sorted[i]} is listed more than once.", nameof(ks));
            }
        }

        return sorted;
    }
}
