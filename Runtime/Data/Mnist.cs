using System.IO;

namespace StaticNets.Data;

/// <summary>
/// Loads MNIST handwritten digits from a pair of IDX files (raw or gzip): 1 x H x W images (28 x 28 for MNIST)
/// with pixels in [0, 1], and labels 0 to 9.
/// </summary>
public static class Mnist
{
    /// <summary>Number of digit classes; labels are 0 to 9.</summary>
    public const int ClassCount = 10;

    /// <summary>Standard file name of the training images.</summary>
    public const string TrainImagesFileName = "train-images-idx3-ubyte.gz";

    /// <summary>Standard file name of the training labels.</summary>
    public const string TrainLabelsFileName = "train-labels-idx1-ubyte.gz";

    /// <summary>Standard file name of the test images.</summary>
    public const string TestImagesFileName = "t10k-images-idx3-ubyte.gz";

    /// <summary>Standard file name of the test labels.</summary>
    public const string TestLabelsFileName = "t10k-labels-idx1-ubyte.gz";

    /// <summary>Reads an image file and its label file and pairs them.</summary>
    /// <param name="imagesPath">IDX image file (magic 0x00000803), raw or gzip.</param>
    /// <param name="labelsPath">IDX label file (magic 0x00000801), raw or gzip.</param>
    /// <returns>The dataset: 1 channel, the files' height and width, one label per image.</returns>
    /// <exception cref="System.ArgumentException">A path is null or empty.</exception>
    /// <exception cref="InvalidDataException">
    /// A file is malformed (see <see cref="IdxReader"/>), a label is above 9, or the files hold different numbers of examples.
    /// </exception>
    /// <exception cref="IOException">A file cannot be opened or read.</exception>
    public static ImageDataset Load(string imagesPath, string labelsPath)
    {
        IdxImages images = IdxReader.ReadImages(imagesPath);
        int[] labels = IdxReader.ReadLabels(labelsPath, ClassCount);
        if (labels.Length != images.Count)
        {
            throw new InvalidDataException(
                $"MNIST files disagree: '{imagesPath}' holds {images.Count} images but '{labelsPath}' holds {labels.Length} labels.");
        }

        return new ImageDataset(images.Pixels, labels, channels: 1, images.Height, images.Width);
    }
}
