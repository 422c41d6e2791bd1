using System;
using StaticNets.Data;

namespace StaticNets.Runtime.Tests.Data;

public class ImageDatasetTests
{
    [Fact]
    public void FeaturesOfReturnsOneExampleSlice()
    {
        float[] features = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11];
        var dataset = new ImageDataset(features, [0, 1], channels: 3, height: 2, width: 1);

        Assert.Equal(6, dataset.FeatureLength);
        Assert.Equal([6f, 7, 8, 9, 10, 11], dataset.FeaturesOf(1).ToArray());
        Assert.Throws<ArgumentOutOfRangeException>(() => dataset.FeaturesOf(2));
    }

    [Fact]
    public void FeatureLengthMismatchIsRefusedWithTheExpectedSize()
    {
        var exception = Assert.Throws<ArgumentException>(() => new ImageDataset(new float[7], [0, 1], 1, 2, 2));

        Assert.Contains("hold 2 examples of 1 x 2 x 2 floats (8), but hold 7", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonPositiveDimensionIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ImageDataset([], [], 0, 1, 1));
    }
}
