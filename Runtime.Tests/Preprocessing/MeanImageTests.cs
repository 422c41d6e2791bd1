using System;
using StaticNets.Data;
using StaticNets.Preprocessing;

namespace StaticNets.Runtime.Tests.Preprocessing;

public class MeanImageTests
{
    // Two 2 x 1 x 2 images: channel 0 holds features 0-1, channel 1 features 2-3.
    private static ImageDataset Train() => new([1, 2, 3, 4, 3, 6, 5, 8], [0, 1], channels: 2, height: 1, width: 2);

    [Fact]
    public void ComputeAveragesEachPixelOfEachChannel()
    {
        MeanImage mean = MeanImage.Compute(Train());

        Assert.Equal([2f, 4, 4, 6], mean.Values.ToArray());
        Assert.Equal((2, 1, 2, 4), (mean.Channels, mean.Height, mean.Width, mean.FeatureLength));
    }

    [Fact]
    public void SubtractCentresTheTrainingSetPixelByPixel()
    {
        ImageDataset train = Train();
        MeanImage mean = MeanImage.Compute(train);

        mean.Subtract(train);

        Assert.Equal([-1f, -2, -1, -2, 1, 2, 1, 2], train.Features);
    }

    [Fact]
    public void AnotherSplitIsCentredWithTheTrainingMean()
    {
        ImageDataset train = Train();
        MeanImage mean = MeanImage.Compute(train);
        mean.Subtract(train); // must not change the stored statistics
        var test = new ImageDataset([10, 10, 10, 10], [0], 2, 1, 2);

        mean.Subtract(test);

        // The test split's own mean is 10 everywhere; the training mean (2, 4, 4, 6) is what gets removed.
        Assert.Equal([8f, 6, 6, 4], test.Features);
    }

    [Fact]
    public void SubtractOnSpansTouchesExactlyCountImages()
    {
        MeanImage mean = MeanImage.Compute(Train());
        float[] batch = [2, 4, 4, 6, 0, 0, 0, 0];

        mean.Subtract(batch, 2);
        mean.Subtract(Span<float>.Empty, 0);

        Assert.Equal([0f, 0, 0, 0, -2, -4, -4, -6], batch);
    }

    [Fact]
    public void SubtractAllocatesNothing()
    {
        MeanImage mean = MeanImage.Compute(Train());
        var batch = new float[4 * 100];
        mean.Subtract(batch, 100);

        long before = GC.GetAllocatedBytesForCurrentThread();
        mean.Subtract(batch, 100);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void WrongShapeOrLengthIsRefusedWithTheExpectedSize()
    {
        MeanImage mean = MeanImage.Compute(Train());

        var shape = Assert.Throws<ArgumentException>(() => mean.Subtract(new ImageDataset(new float[4], [0], 1, 2, 2)));
        var length = Assert.Throws<ArgumentException>(() => mean.Subtract(new float[7], 2));

        Assert.Contains("The dataset's images are 1 x 2 x 2, but the statistics were computed on 2 x 1 x 2 images", shape.Message, StringComparison.Ordinal);
        Assert.Contains("features must hold count * 4 = 2 * 4 = 8 floats, got 7", length.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => mean.Subtract(new float[4], -1));
    }

    [Fact]
    public void EmptyTrainingSetIsRefused()
    {
        var exception = Assert.Throws<ArgumentException>(() => MeanImage.Compute(new ImageDataset([], [], 1, 2, 2)));

        Assert.Contains("at least one training example", exception.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => MeanImage.Compute(null!));
    }
}
