using System;
using System.IO;
using StaticNets.Data;

namespace StaticNets.Runtime.Tests.Data;

public sealed class MnistTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void LoadPairsImagesWithLabelsAsSingleChannelDataset()
    {
        string images = _folder.Write("images.gz", IdxBytes.Gzip(IdxBytes.Images(3, 2, 5)));
        string labels = _folder.Write("labels", IdxBytes.Labels(4, 0, 9));

        ImageDataset dataset = Mnist.Load(images, labels);

        Assert.Equal((3, 1, 2, 5, 10), (dataset.Count, dataset.Channels, dataset.Height, dataset.Width, dataset.FeatureLength));
        Assert.Equal([4, 0, 9], dataset.Labels);
        Assert.Equal(IdxBytes.Pattern(30)[10] / 255f, dataset.FeaturesOf(1)[0]);
    }

    [Fact]
    public void ImageAndLabelCountMismatchIsRefusedNamingBothFiles()
    {
        string images = _folder.Write("images", IdxBytes.Images(3, 2, 2));
        string labels = _folder.Write("labels.gz", IdxBytes.Gzip(IdxBytes.Labels(1, 2)));

        var exception = Assert.Throws<InvalidDataException>(() => Mnist.Load(images, labels));

        Assert.Contains($"'{images}' holds 3 images but '{labels}' holds 2 labels", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LabelAboveNineIsRefused()
    {
        string images = _folder.Write("images", IdxBytes.Images(2, 2, 2));
        string labels = _folder.Write("labels", IdxBytes.Labels(1, 12));

        var exception = Assert.Throws<InvalidDataException>(() => Mnist.Load(images, labels));

        Assert.Contains($"'{labels}'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("label 12 at index 1 is out of range: labels must be 0 to 9", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SwappedFilesAreRefused()
    {
        string images = _folder.Write("images", IdxBytes.Images(2, 2, 2));
        string labels = _folder.Write("labels", IdxBytes.Labels(1, 2));

        var exception = Assert.Throws<InvalidDataException>(() => Mnist.Load(labels, images));

        Assert.Contains("wrong dimension count", exception.Message, StringComparison.Ordinal);
    }
}
