using System;
using System.Numerics.Tensors;
using StaticNets.Data;

namespace StaticNets.Preprocessing;

/// <summary>
/// Mean-image subtraction (notes §6.2): the average of the training images taken separately at every pixel of every
/// channel, subtracted from each image of any split. Compute it on the training set only, then apply it to the
/// training, validation and test sets alike, so no statistic of the held-out data leaks into the model.
/// </summary>
/// <remarks>Applying is allocation-free and works in place; the statistics are accumulated in double.</remarks>
public sealed class MeanImage
{
    private readonly float[] _mean;

    private MeanImage(float[] mean, int channels, int height, int width)
    {
        _mean = mean;
        Channels = channels;
        Height = height;
        Width = width;
    }

    /// <summary>Channels of the images this mean was computed on.</summary>
    public int Channels { get; }

    /// <summary>Rows of the images this mean was computed on.</summary>
    public int Height { get; }

    /// <summary>Columns of the images this mean was computed on.</summary>
    public int Width { get; }

    /// <summary>Floats per image: <see cref="Channels"/> * <see cref="Height"/> * <see cref="Width"/>.</summary>
    public int FeatureLength => _mean.Length;

    /// <summary>The mean image, (C, H, W) like one example: entry i is the average of feature i over the training set.</summary>
    public ReadOnlySpan<float> Values => _mean;

    /// <summary>Averages the training images pixel by pixel and channel by channel.</summary>
    /// <param name="train">The training set; at least one example.</param>
    /// <returns>The mean image, of the training images' shape.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="train"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="train"/> holds no example.</exception>
    public static MeanImage Compute(ImageDataset train)
    {
        ImageShapeGuard.TrainingSet(train, nameof(train));
        var sums = new double[train.FeatureLength];
        for (int example = 0; example < train.Count; example++)
        {
            ReadOnlySpan<float> image = train.FeaturesOf(example);
            for (int i = 0; i < sums.Length; i++)
            {
                sums[i] += image[i];
            }
        }

        var mean = new float[sums.Length];
        for (int i = 0; i < sums.Length; i++)
        {
            mean[i] = (float)(sums[i] / train.Count);
        }

        return new MeanImage(mean, train.Channels, train.Height, train.Width);
    }

    /// <summary>Subtracts the mean image from every image of <paramref name="data"/>, in place.</summary>
    /// <param name="data">Any split with images of the training images' shape.</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The images have another shape.</exception>
    public void Subtract(ImageDataset data)
    {
        ImageShapeGuard.SameShape(data, Channels, Height, Width, nameof(data));
        Subtract(data.Features, data.Count);
    }

    /// <summary>Subtracts the mean image from each of <paramref name="count"/> images, in place.</summary>
    /// <param name="features">(count, C, H, W): exactly <paramref name="count"/> * <see cref="FeatureLength"/> floats.</param>
    /// <param name="count">Number of images; 0 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="features"/> has another length.</exception>
    public void Subtract(Span<float> features, int count)
    {
        ImageShapeGuard.Features(features.Length, count, FeatureLength, nameof(features));
        for (int example = 0; example < count; example++)
        {
            Span<float> image = features.Slice(example * FeatureLength, FeatureLength);
            TensorPrimitives.Subtract(image, _mean, image);
        }
    }
}
