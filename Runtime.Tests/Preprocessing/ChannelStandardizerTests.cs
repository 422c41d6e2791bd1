using System;
using StaticNets.Data;
using StaticNets.Preprocessing;

namespace StaticNets.Runtime.Tests.Preprocessing;

public class ChannelStandardizerTests
{
    // Two 2 x 1 x 2 images: channel 0 pixels are 0, 4, 4, 0 (mean 2, deviations ±2, std 2); channel 1 is constantly 1.
    private static ImageDataset Train() => new([0, 4, 1, 1, 4, 0, 1, 1], [0, 1], channels: 2, height: 1, width: 2);

    [Fact]
    public void ComputeMeasuresEachChannelsMeanAndPopulationDeviation()
    {
        ChannelStandardizer standardizer = ChannelStandardizer.Compute(Train());

        Assert.Equal([2f, 1], standardizer.Means.ToArray());
        Assert.Equal([2f, 0], standardizer.StandardDeviations.ToArray());
    }

    [Fact]
    public void ApplyGivesTheTrainingSetZeroMeanAndUnitDeviationAndOnlyCentresAConstantChannel()
    {
        ImageDataset train = Train();
        ChannelStandardizer standardizer = ChannelStandardizer.Compute(train);

        standardizer.Apply(train);

        Assert.Equal([-1f, 1, 0, 0, 1, -1, 0, 0], train.Features);
    }

    [Fact]
    public void AnotherSplitIsStandardisedWithTheTrainingStatistics()
    {
        ImageDataset train = Train();
        ChannelStandardizer standardizer = ChannelStandardizer.Compute(train);
        standardizer.Apply(train);
        var test = new ImageDataset([6, -2, 3, 1], [0], 2, 1, 2);

        standardizer.Apply(test);

        // Channel 0: (6 - 2) / 2 and (-2 - 2) / 2; channel 1 (deviation 0): 3 - 1 and 1 - 1.
        Assert.Equal([2f, -2, 2, 0], test.Features);
    }

    [Fact]
    public void DeviationOfPixelsFarFromZeroIsExact()
    {
        // Pixels 1e4 ± 1: a float E[x²] - E[x]² would lose the variance 1 next to 1e8.
        ChannelStandardizer standardizer = ChannelStandardizer.Compute(new ImageDataset([9999, 10001, 9999, 10001], [0, 1], 1, 1, 2));

        Assert.Equal(10000f, standardizer.Means[0]);
        Assert.Equal(1f, standardizer.StandardDeviations[0]);
    }

    [Fact]
    public void ApplyAllocatesNothing()
    {
        ChannelStandardizer standardizer = ChannelStandardizer.Compute(Train());
        var batch = new float[4 * 100];
        standardizer.Apply(batch, 100);

        long before = GC.GetAllocatedBytesForCurrentThread();
        standardizer.Apply(batch, 100);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void WrongShapeOrLengthIsRefused()
    {
        ChannelStandardizer standardizer = ChannelStandardizer.Compute(Train());

        Assert.Throws<ArgumentException>(() => standardizer.Apply(new ImageDataset(new float[2], [0], 1, 1, 2)));
        var length = Assert.Throws<ArgumentException>(() => standardizer.Apply(new float[3], 1));
        Assert.Contains("features must hold count * 4 = 1 * 4 = 4 floats, got 3", length.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => standardizer.Apply(null!));
    }
}
