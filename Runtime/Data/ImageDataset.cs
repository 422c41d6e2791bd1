using System;

namespace StaticNets.Data;

/// <summary>
/// Labelled images in memory, ready for training: <see cref="Count"/> examples of
/// <see cref="Channels"/> x <see cref="Height"/> x <see cref="Width"/> floats each, NCHW, with one class label each.
/// </summary>
public sealed class ImageDataset
{
    /// <summary>Wraps feature and label arrays (not copied) after checking that their lengths agree with the shape.</summary>
    /// <param name="features">Count * channels * height * width floats, example after example, NCHW.</param>
    /// <param name="labels">One class index per example; its length is the example count.</param>
    /// <param name="channels">Channels per image (1 for MNIST).</param>
    /// <param name="height">Rows per image.</param>
    /// <param name="width">Columns per image.</param>
    /// <exception cref="ArgumentNullException">An array is null.</exception>
    /// <exception cref="ArgumentException">A dimension is below 1, or the features do not hold labels.Length examples of that shape.</exception>
    public ImageDataset(float[] features, int[] labels, int channels, int height, int width)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);

        long featureLength = (long)channels * height * width;
        if (featureLength > int.MaxValue || features.Length != featureLength * labels.Length)
        {
            throw new ArgumentException(
                $"The features must hold {labels.Length} examples of {channels} x {height} x {width} floats ({featureLength * labels.Length}), but hold {features.Length}.",
                nameof(features));
        }

        Features = features;
        Labels = labels;
        Channels = channels;
        Height = height;
        Width = width;
    }

    /// <summary>All pixels, <see cref="Count"/> * <see cref="FeatureLength"/> floats, example after example, NCHW.</summary>
    public float[] Features { get; }

    /// <summary>One class index per example.</summary>
    public int[] Labels { get; }

    /// <summary>Number of examples.</summary>
    public int Count => Labels.Length;

    /// <summary>Channels per image.</summary>
    public int Channels { get; }

    /// <summary>Rows per image.</summary>
    public int Height { get; }

    /// <summary>Columns per image.</summary>
    public int Width { get; }

    /// <summary>Floats per example: <see cref="Channels"/> * <see cref="Height"/> * <see cref="Width"/> (a network's InputLength).</summary>
    public int FeatureLength => Channels * Height * Width;

    /// <summary>The features of one example.</summary>
    /// <param name="index">The example, 0 .. <see cref="Count"/> - 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the dataset.</exception>
    public ReadOnlySpan<float> FeaturesOf(int index)
    {
        if ((uint)index >= (uint)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"The example index must be in [0, {Count - 1}].");
        }

        return Features.AsSpan(index * FeatureLength, FeatureLength);
    }
}
