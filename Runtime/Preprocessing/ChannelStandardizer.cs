using System;
using System.Numerics.Tensors;
using StaticNets.Data;

namespace StaticNets.Preprocessing;

/// <summary>
/// Per-channel standardisation (notes §6.2, zero mean and unit variance): each channel's mean and standard deviation
/// over all pixels of all training images; applying maps a pixel x of channel c to (x - mean[c]) / std[c]. The notes
/// say images usually need only the mean removed (<see cref="ChannelMean"/>); this is for inputs whose channels have
/// different scales. Compute it on the training set only, then apply it to every split.
/// </summary>
/// <remarks>
/// The deviation is the population one (divided by the pixel count). A constant channel has deviation 0: it is only
/// centred, not divided, as scikit-learn's StandardScaler does, rather than turned into infinities.
/// Applying is allocation-free and works in place; the statistics are accumulated in double.
/// </remarks>
public sealed class ChannelStandardizer
{
    private readonly float[] _means;
    private readonly float[] _deviations;
    private readonly float[] _divisors;

    private ChannelStandardizer(float[] means, float[] deviations, int height, int width)
    {
        _means = means;
        _deviations = deviations;
        _divisors = Array.ConvertAll(deviations, deviation => deviation > 0f ? deviation : 1f);
        Height = height;
        Width = width;
    }

    /// <summary>Channels of the images the statistics were computed on.</summary>
    public int Channels => _means.Length;

    /// <summary>Rows of the images the statistics were computed on.</summary>
    public int Height { get; }

    /// <summary>Columns of the images the statistics were computed on.</summary>
    public int Width { get; }

    /// <summary>Floats per image: <see cref="Channels"/> * <see cref="Height"/> * <see cref="Width"/>.</summary>
    public int FeatureLength => Channels * Height * Width;

    /// <summary>One mean per channel, in channel order.</summary>
    public ReadOnlySpan<float> Means => _means;

    /// <summary>One population standard deviation per channel, in channel order (0 for a constant channel).</summary>
    public ReadOnlySpan<float> StandardDeviations => _deviations;

    /// <summary>Measures each channel's mean and standard deviation over every pixel of every training image.</summary>
    /// <param name="train">The training set; at least one example.</param>
    /// <returns>The channel statistics.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="train"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="train"/> holds no example.</exception>
    public static ChannelStandardizer Compute(ImageDataset train)
    {
        ImageShapeGuard.TrainingSet(train, nameof(train));
        double[] means = ChannelStatistics.Means(train);
        double[] deviations = ChannelStatistics.StandardDeviations(train, means);
        return new ChannelStandardizer(
            Array.ConvertAll(means, mean => (float)mean), Array.ConvertAll(deviations, deviation => (float)deviation), train.Height, train.Width);
    }

    /// <summary>Standardises every image of <paramref name="data"/>, in place.</summary>
    /// <param name="data">Any split with images of the training images' shape.</param>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The images have another shape.</exception>
    public void Apply(ImageDataset data)
    {
        ImageShapeGuard.SameShape(data, Channels, Height, Width, nameof(data));
        Apply(data.Features, data.Count);
    }

    /// <summary>Standardises each of <paramref name="count"/> images, in place: x becomes (x - mean[c]) / std[c].</summary>
    /// <param name="features">(count, C, H, W): exactly <paramref name="count"/> * <see cref="FeatureLength"/> floats.</param>
    /// <param name="count">Number of images; 0 or more.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    /// <exception cref="ArgumentException"><paramref name="features"/> has another length.</exception>
    public void Apply(Span<float> features, int count)
    {
        ImageShapeGuard.Features(features.Length, count, FeatureLength, nameof(features));
        int plane = Height * Width;
        for (int example = 0; example < count; example++)
        {
            for (int channel = 0; channel < _means.Length; channel++)
            {
                Span<float> pixels = features.Slice((example * _means.Length + channel) * plane, plane);
                TensorPrimitives.Subtract(pixels, _means[channel], pixels);
                TensorPrimitives.Divide(pixels, _divisors[channel], pixels);
            }
        }
    }
}
