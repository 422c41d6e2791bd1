using System;
using System.Linq;
using StaticNets.Data;
using StaticNets.Training;

namespace StaticNets.Runtime.Tests.Training;

public class DatasetSplitTests
{
    [Fact]
    public void HoldsOutTheFractionAndKeepsEveryExampleExactlyOnce()
    {
        // Example i has features (i, -i) and label i % 3, so the parts show which examples they hold.
        ImageDataset data = Identified(100);

        (ImageDataset training, ImageDataset validation) = data.Split(0.25f, seed: 1);

        Assert.Equal(75, training.Count);
        Assert.Equal(25, validation.Count);
        int[] ids = training.Features.Where((_, i) => i % 2 == 0).Concat(validation.Features.Where((_, i) => i % 2 == 0)).Select(f => (int)f).ToArray();
        Assert.Equal(Enumerable.Range(0, 100), ids.Order());
        foreach (ImageDataset part in new[] { training, validation })
        {
            for (int k = 0; k < part.Count; k++)
            {
                int id = (int)part.Features[2 * k];
                Assert.Equal(-id, part.Features[2 * k + 1]);
                Assert.Equal(id % 3, part.Labels[k]);
            }

            // Each part keeps the source's relative order.
            Assert.True(part.Features.Where((_, i) => i % 2 == 0).SequenceEqual(part.Features.Where((_, i) => i % 2 == 0).Order()));
        }
    }

    [Fact]
    public void TheSameSeedGivesTheSameSplitAndAnotherSeedAnother()
    {
        ImageDataset data = Identified(50);
        Assert.Equal(data.Split(0.2f, 3).Validation.Features, data.Split(0.2f, 3).Validation.Features);
        Assert.NotEqual(data.Split(0.2f, 3).Validation.Features, data.Split(0.2f, 4).Validation.Features);
    }

    [Fact]
    public void EachPartGetsAtLeastOneExample()
    {
        ImageDataset data = Identified(3);
        Assert.Equal(1, data.Split(0.01f, 0).Validation.Count);
        Assert.Equal(1, data.Split(0.99f, 0).Training.Count);
    }

    [Fact]
    public void RegressionDataSplitsWithTheirTargets()
    {
        float[] features = Enumerable.Range(0, 40).Select(i => (float)(i / 2)).ToArray();
        float[] targets = Enumerable.Range(0, 20).Select(i => i * 10f).ToArray();
        var data = new RegressionDataset(features, targets, featureLength: 2, targetLength: 1);

        (RegressionDataset training, RegressionDataset validation) = data.Split(0.3f, seed: 2);

        Assert.Equal(14, training.Count);
        Assert.Equal(6, validation.Count);
        foreach (RegressionDataset part in new[] { training, validation })
        {
            for (int k = 0; k < part.Count; k++)
            {
                Assert.Equal(part.Features[2 * k] * 10f, part.Targets[k]);
            }
        }
    }

    [Fact]
    public void InvalidSplitsAreRefused()
    {
        Assert.Contains("at least 2 examples", Assert.Throws<ArgumentException>(() => Identified(1).Split(0.5f, 0)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Identified(10).Split(0f, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Identified(10).Split(1f, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Identified(10).Split(float.NaN, 0));
        Assert.Throws<ArgumentNullException>(() => ((ImageDataset)null!).Split(0.5f, 0));
    }

    [Fact]
    public void RegressionDatasetChecksThatFeaturesAndTargetsAgree()
    {
        var data = new RegressionDataset(new float[12], new float[6], featureLength: 4, targetLength: 2);
        Assert.Equal(3, data.Count);
        Assert.Contains("hold 3 examples of 4 floats (12), one per target, but hold 8",
            Assert.Throws<ArgumentException>(() => new RegressionDataset(new float[8], new float[6], 4, 2)).Message, StringComparison.Ordinal);
        Assert.Contains("whole number of examples of 2 floats, but hold 5",
            Assert.Throws<ArgumentException>(() => new RegressionDataset(new float[12], new float[5], 4, 2)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RegressionDataset(new float[12], new float[6], 0, 2));
        Assert.Throws<ArgumentNullException>(() => new RegressionDataset(null!, new float[6], 4, 2));
    }

    private static ImageDataset Identified(int count)
    {
        var features = new float[count * 2];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            features[2 * i] = i;
            features[2 * i + 1] = -i;
            labels[i] = i % 3;
        }

        return new ImageDataset(features, labels, 2, 1, 1);
    }
}
