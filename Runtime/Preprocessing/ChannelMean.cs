using System;
using System.Numerics.Tensors;
using StaticNets.Data;

namespace StaticNets.Preprocessing;

/// <summary>
/// Per-channel mean subtraction (notes §6.2): one mean per channel over all pixels of all training images (3 values
/// for RGB), subtracted from every pixel of that channel in any split. Compute it on the training set only, then apply
/// it to the training, validation and test sets alike.
/// </summary>
/// <remarks>Applying is allocation-free and works in place; the statistics are accumulated in double.</remarks>
public sealed class ChannelMean
{
    private readonly float[] _means;

    private ChannelMean(float[] means, int height, int width)
    {
        _means = means;
        Height = height;
        Width = width;
    }

    /// <summary>Channels of the images the means were computed on.</summary>
    public int Channels => _means.Length;

    /// <summary>Rows of the images the means were computed on.</summary>
    public int Height { get; }

    /// <summary>Columns of the images the means were computed on.</summary>
    public int Width { get; }

    /// <summary>Floats per image: <see cref="Channels"/> * <see cref="Height"/> * <see cref="Width"/>.</summary>
    public int FeatureLength => Channels * Height * Width;

    /// <summary>One mean per channel, in channel order.</summary>
    public ReadOnlySpan<float> Means => _means;

    /// <summary>Averages each channel over every pixel of every training image.</summary>
    /// <param name="train">The training set; at least one example.</param>
    /// <returns>The channel means.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="train"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="train"/> holds no example.</exception>
    public static ChannelMean Compute(ImageDataset train)
    {
        ImageShapeGuard.TrainingSet(train, nameof(train));
        return new ChannelMean(Array.ConvertAll(ChannelStatistics.Means(train), mean => (float)mean), train.Height, train.Width);
    }

    /// <summary>Subtracts each channel's mean from that channel of every image of <paramref name="data"/>, in place.</summary>
    /// <param name="data">Any split with images of the training images' shape.</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The images have another shape.</exception>
    public void Subtract(ImageDataset data)
    {
        ImageShapeGuard.SameShape(data, Channels, Height, Width, nameof(data));
        Subtract(data.Features, data.Count);
    }

    /// <summary>Subtracts each channel's mean from that channel of each of <paramref name="count"/> images, in place.</summary>
    /// <param name="features">(count, C, H, W): exactly <paramref name="count"/> * <see cref="FeatureLength"/> floats.</param>
    /// <param name="count">Number of images; 0 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="features"/> has another length.</exception>
    public void Subtract(Span<float> features, int count)
    {
        ImageShapeGuard.Features(features.Length, count, FeatureLength, nameof(features));
        int plane = Height * Width;
        for (int example = 0; example < count; example++)
        {
            for (int channel = 0; channel < _means.Length; channel++)
            {
                Span<float> pixels = features.Slice((example * _means.Length + channel) * plane, plane);
                TensorPrimitives.Subtract(pixels, _means[channel], pixels);
            }
        }
    }
}
