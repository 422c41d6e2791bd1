using System;
using System.Collections.Generic;
using System.Linq;
using StaticNets.Baselines;
using StaticNets.Data;

namespace StaticNets.Runtime.Tests.Baselines;

public class KSelectionTests
{
    [Fact]
    public void ChooseKPicksTheSmallestKThatOutvotesPairsOfMislabelledNeighbours()
    {
        // 200 training points on a line at x = 0, 2, 4, ..., in stripes of 20 points alternating labels 0 and 1, with
        // points 9 and 10 of every stripe mislabelled. Validation points sit halfway between two training points of
        // the same stripe, correctly labelled. A pair of mislabelled neighbours outvotes 1 or 3 neighbours (20 errors:
        // the midpoints 9-10 and, by the lower-index rule on the tie at distance 1, 10-11), but not 5 or 7.
        (ImageDataset train, ImageDataset validation) = StripedLine();

        KSelection selection = NearestNeighbor.ChooseK(train, validation, [7, 1, 5, 3], DistanceMetric.L2);

        Assert.Equal([1, 3, 5, 7], selection.Ks);
        Assert.Equal([170 / 190.0, 170 / 190.0, 1.0, 1.0], selection.MeanAccuracies);
        Assert.Equal(selection.MeanAccuracies, selection.FoldAccuracies.Select(fold => Assert.Single(fold)));
        Assert.Equal(5, selection.BestK); // 5 and 7 tie: the smaller wins
        Assert.Equal(1.0, selection.BestAccuracy);
    }

    [Theory]
    [InlineData(10, 3, new[] { 0, 4, 4, 3, 7, 3 })]
    [InlineData(12, 4, new[] { 0, 3, 3, 3, 6, 3, 9, 3 })]
    [InlineData(7, 7, new[] { 0, 1, 1, 1, 2, 1, 3, 1, 4, 1, 5, 1, 6, 1 })]
    [InlineData(11, 2, new[] { 0, 6, 6, 5 })]
    public void FoldsPartitionTheExamplesInOrderLikeArraySplit(int count, int folds, int[] expected)
    {
        var covered = new List<int>();
        for (int fold = 0; fold < folds; fold++)
        {
            (int start, int size) = CrossValidationFolds.Bounds(count, folds, fold);
            Assert.Equal((expected[2 * fold], expected[2 * fold + 1]), (start, size));
            covered.AddRange(Enumerable.Range(start, size));
        }

        Assert.Equal(Enumerable.Range(0, count), covered);
    }

    [Fact]
    public void CrossValidationScoresEachFoldAgainstTheOtherFoldsOnly()
    {
        // Each fold's accuracy must equal ChooseK with that fold as validation and the rest, copied, as training.
        ImageDataset data = Spiral.Generate(classes: 3, pointsPerClass: 30, noise: 0.3, seed: 5);
        Shuffle(data, seed: 2); // the spiral is sorted by class; consecutive folds need mixed classes
        int[] ks = [1, 3, 5, 9];

        KSelection crossValidation = NearestNeighbor.CrossValidate(data, 4, ks, DistanceMetric.L1);

        for (int fold = 0; fold < 4; fold++)
        {
            (int start, int size) = CrossValidationFolds.Bounds(data.Count, 4, fold);
            ImageDataset validation = Slice(data, start, size);
            ImageDataset train = Concatenate(Slice(data, 0, start), Slice(data, start + size, data.Count - start - size));
            KSelection single = NearestNeighbor.ChooseK(train, validation, ks, DistanceMetric.L1);
            for (int c = 0; c < ks.Length; c++)
            {
                Assert.Equal(single.MeanAccuracies[c], crossValidation.FoldAccuracies[c][fold]);
            }
        }

        for (int c = 0; c < ks.Length; c++)
        {
            Assert.Equal(crossValidation.FoldAccuracies[c].Average(), crossValidation.MeanAccuracies[c], 12);
        }

        Assert.Equal(crossValidation.Ks[crossValidation.MeanAccuracies.ToList().IndexOf(crossValidation.MeanAccuracies.Max())], crossValidation.BestK);
    }

    [Fact]
    public void CrossValidationExcludesTheFoldItself()
    {
        // Every point has a twin at the same place in the other half, with another label. Searching only the other
        // fold, k = 1 finds the twin and is always wrong; a search that saw the fold itself would find the point
        // (distance 0, and the lower index wins the tie) and be right.
        float[] features = [0, 10, 20, 30, 0, 10, 20, 30];
        int[] labels = [0, 1, 2, 3, 1, 2, 3, 0];
        var data = new ImageDataset(features, labels, 1, 1, 1);

        KSelection selection = NearestNeighbor.CrossValidate(data, 2, [1], DistanceMetric.L2);

        Assert.Equal([0.0, 0.0], selection.FoldAccuracies[0]);
    }

    [Fact]
    public void BadCandidatesOrFoldsAreRefused()
    {
        ImageDataset data = Spiral.Generate(2, 5, seed: 1);

        Assert.Throws<ArgumentException>(() => NearestNeighbor.ChooseK(data, data, [], DistanceMetric.L1));
        var repeated = Assert.Throws<ArgumentException>(() => NearestNeighbor.ChooseK(data, data, [3, 1, 3], DistanceMetric.L1));
        Assert.Contains("k = 3 is listed more than once", repeated.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => NearestNeighbor.ChooseK(data, data, [0, 1], DistanceMetric.L1));
        Assert.Throws<ArgumentOutOfRangeException>(() => NearestNeighbor.ChooseK(data, data, [11], DistanceMetric.L1));
        Assert.Throws<ArgumentException>(() => NearestNeighbor.ChooseK(data, new ImageDataset(new float[3], [0], 3, 1, 1), [1], DistanceMetric.L1));
        Assert.Throws<ArgumentOutOfRangeException>(() => NearestNeighbor.CrossValidate(data, 1, [1], DistanceMetric.L2));
        Assert.Throws<ArgumentOutOfRangeException>(() => NearestNeighbor.CrossValidate(data, 11, [1], DistanceMetric.L2));
        // 10 examples in 3 folds: the largest fold holds 4, leaving 6 to search.
        var k = Assert.Throws<ArgumentOutOfRangeException>(() => NearestNeighbor.CrossValidate(data, 3, [7], DistanceMetric.L2));
        Assert.Contains("k must be between 1 and the 6 training images searched, got 7", k.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => CrossValidationFolds.Bounds(10, 3, 3));
    }

    private static (ImageDataset Train, ImageDataset Validation) StripedLine()
    {
        const int count = 200, stripe = 20;
        var trainFeatures = new float[count];
        var trainLabels = new int[count];
        var validationFeatures = new List<float>();
        var validationLabels = new List<int>();
        for (int i = 0; i < count; i++)
        {
            int clean = i / stripe % 2;
            trainFeatures[i] = 2 * i;
            trainLabels[i] = i % stripe is 9 or 10 ? 1 - clean : clean;
            if (i + 1 < count && (i + 1) / stripe % 2 == clean)
            {
                validationFeatures.Add(2 * i + 1);
                validationLabels.Add(clean);
            }
        }

        return (new ImageDataset(trainFeatures, trainLabels, 1, 1, 1),
            new ImageDataset([.. validationFeatures], [.. validationLabels], 1, 1, 1));
    }

    private static void Shuffle(ImageDataset data, int seed)
    {
        var random = new Random(seed);
        int length = data.FeatureLength;
        for (int i = data.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (data.Labels[i], data.Labels[j]) = (data.Labels[j], data.Labels[i]);
            for (int t = 0; t < length; t++)
            {
                (data.Features[i * length + t], data.Features[j * length + t]) = (data.Features[j * length + t], data.Features[i * length + t]);
            }
        }
    }

    private static ImageDataset Slice(ImageDataset data, int start, int count) =>
        new(data.Features[(start * data.FeatureLength)..((start + count) * data.FeatureLength)], data.Labels[start..(start + count)],
            data.Channels, data.Height, data.Width);

    private static ImageDataset Concatenate(ImageDataset first, ImageDataset second) =>
        new([.. first.Features, .. second.Features], [.. first.Labels, .. second.Labels], first.Channels, first.Height, first.Width);
}
