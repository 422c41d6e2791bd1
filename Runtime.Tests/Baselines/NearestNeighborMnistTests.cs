using System;
using StaticNets.Baselines;
using StaticNets.Data;
using StaticNets.Runtime.Tests.Data;

namespace StaticNets.Runtime.Tests.Baselines;

public class NearestNeighborMnistTests
{
    [Theory]
    // Measured on the first 2,000 training and first 200 test digits of Examples/data: L2 93.5% (k = 1), 94.0%
    // (k = 3); L1 92.5% (k = 1), 93.5% (k = 3). The bound leaves a few points of margin for arithmetic differences
    // between machines while still failing if neighbours or votes go wrong (chance is 10%).
    [InlineData(DistanceMetric.L2, 1)]
    [InlineData(DistanceMetric.L2, 3)]
    [InlineData(DistanceMetric.L1, 1)]
    [InlineData(DistanceMetric.L1, 3)]
    public void ClassifiesHeldOutDigitsFromASmallTrainingSubset(DistanceMetric metric, int k)
    {
        ImageDataset train = First(Mnist.Load(RepositoryPaths.ExampleData(Mnist.TrainImagesFileName), RepositoryPaths.ExampleData(Mnist.TrainLabelsFileName)), 2000);
        ImageDataset test = First(Mnist.Load(RepositoryPaths.ExampleData(Mnist.TestImagesFileName), RepositoryPaths.ExampleData(Mnist.TestLabelsFileName)), 200);
        var classifier = new NearestNeighbor(metric);
        classifier.Train(train);

        double accuracy = classifier.Accuracy(test, k);

        Assert.True(accuracy >= 0.90, $"{metric} k={k}: accuracy {accuracy:P1}, expected at least 90%.");
    }

    private static ImageDataset First(ImageDataset data, int count) =>
        new(data.Features[..(count * data.FeatureLength)], data.Labels[..count], data.Channels, data.Height, data.Width);
}
