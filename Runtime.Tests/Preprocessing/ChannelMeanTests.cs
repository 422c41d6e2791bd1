using System;
using StaticNets.Data;
using StaticNets.Preprocessing;

namespace StaticNets.Runtime.Tests.Preprocessing;

public class ChannelMeanTests
{
    // Two 2 x 1 x 2 images: channel 0 pixels are 1, 2, 3, 6 (mean 3); channel 1 pixels are 3, 4, 5, 8 (mean 5).
    private static ImageDataset Train() => new([1, 2, 3, 4, 3, 6, 5, 8], [0, 1], channels: 2, height: 1, width: 2);

    [Fact]
    public void ComputeAveragesEachChannelOverAllPixelsOfAllImages()
    {
        ChannelMean mean = ChannelMean.Compute(Train());

        Assert.Equal([3f, 5], mean.Means.ToArray());
        Assert.Equal((2, 1, 2, 4), (mean.Channels, mean.Height, mean.Width, mean.FeatureLength));
    }

    [Fact]
    public void SubtractRemovesEachChannelsMeanFromEveryPixelOfThatChannel()
    {
        ImageDataset train = Train();
        ChannelMean mean = ChannelMean.Compute(train);

        mean.Subtract(train);

        Assert.Equal([-2f, -1, -2, -1, 0, 3, 0, 3], train.Features);
    }

    [Fact]
    public void AnotherSplitIsCentredWithTheTrainingMeans()
    {
        ImageDataset train = Train();
        ChannelMean mean = ChannelMean.Compute(train);
        mean.Subtract(train);
        var test = new ImageDataset([10, 20, 30, 40, 0, 0, 0, 0], [0, 0], 2, 1, 2);

        mean.Subtract(test);

        Assert.Equal([7f, 17, 25, 35, -3, -3, -5, -5], test.Features);
    }

    [Fact]
    public void MeansAreAccumulatedInDouble()
    {
        // 17 million ones: a float running sum stops at 2^24 = 16,777,216 and would give a mean of 0.987.
        const int pixels = 17_000_000;
        var features = new float[pixels];
        Array.Fill(features, 1f);

        ChannelMean mean = ChannelMean.Compute(new ImageDataset(features, [0], 1, 1, pixels));

        Assert.Equal(1f, mean.Means[0]);
    }

    [Fact]
    public void SubtractAllocatesNothing()
    {
        ChannelMean mean = ChannelMean.Compute(Train());
        var batch = new float[4 * 100];
        mean.Subtract(batch, 100);

        long before = GC.GetAllocatedBytesForCurrentThread();
        mean.Subtract(batch, 100);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void WrongShapeOrLengthIsRefusedWithTheExpectedSize()
    {
        ChannelMean mean = ChannelMean.Compute(Train());

        var shape = Assert.Throws<ArgumentException>(() => mean.Subtract(new ImageDataset(new float[4], [0], 2, 2, 1)));
        var length = Assert.Throws<ArgumentException>(() => mean.Subtract(new float[9], 2));

        Assert.Contains("The dataset's images are 2 x 2 x 1, but the statistics were computed on 2 x 1 x 2 images", shape.Message, StringComparison.Ordinal);
        Assert.Contains("features must hold count * 4 = 2 * 4 = 8 floats, got 9", length.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ChannelMean.Compute(new ImageDataset([], [], 3, 2, 2)));
    }
}
