using System;
using System.Linq;
using StaticNets.Data;

namespace StaticNets.Runtime.Tests.Data;

public class MnistSampleTests
{
    [Theory]
    [InlineData(Mnist.TrainImagesFileName, Mnist.TrainLabelsFileName, 8000)]
    [InlineData(Mnist.TestImagesFileName, Mnist.TestLabelsFileName, 1000)]
    public void RealFilesLoadWithExpectedCountShapeAndPixelRange(string images, string labels, int expectedCount)
    {
        ImageDataset dataset = Mnist.Load(RepositoryPaths.ExampleData(images), RepositoryPaths.ExampleData(labels));

        Assert.Equal(expectedCount, dataset.Count);
        Assert.Equal((1, 28, 28, 784), (dataset.Channels, dataset.Height, dataset.Width, dataset.FeatureLength));
        Assert.Equal(expectedCount * 784, dataset.Features.Length);
        Assert.Equal(expectedCount, dataset.Labels.Length);
        // Digits are white strokes on black: the background is exactly 0 and full-intensity strokes exactly 1.
        Assert.Equal(0f, dataset.Features.Min());
        Assert.Equal(1f, dataset.Features.Max());
        // About 19% of MNIST pixels are non-zero; a wrong offset or byte order would change that drastically.
        double nonZero = dataset.Features.Count(p => p > 0f) / (double)dataset.Features.Length;
        Assert.InRange(nonZero, 0.15, 0.25);
    }

    [Theory]
    [InlineData(Mnist.TrainImagesFileName, Mnist.TrainLabelsFileName, new[] { 800, 904, 793, 823, 781, 687, 811, 862, 764, 775 })]
    [InlineData(Mnist.TestImagesFileName, Mnist.TestLabelsFileName, new[] { 97, 109, 93, 106, 109, 88, 108, 115, 83, 92 })]
    public void RealLabelsHaveTheKnownHistogram(string images, string labels, int[] expectedHistogram)
    {
        ImageDataset dataset = Mnist.Load(RepositoryPaths.ExampleData(images), RepositoryPaths.ExampleData(labels));

        var histogram = new int[Mnist.ClassCount];
        foreach (int label in dataset.Labels)
        {
            histogram[label]++;
        }

        // Counted independently from the files (Python gzip); the totals are the dataset sizes, 8000 and 1000.
        Assert.Equal(expectedHistogram, histogram);
        Assert.Equal(dataset.Count, histogram.Sum());
    }
}
