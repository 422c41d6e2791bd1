using System;
using StaticNets.Data;

namespace StaticNets.Preprocessing;

/// <summary>Per-channel statistics over every pixel of every image, accumulated in double.</summary>
internal static class ChannelStatistics
{
    /// <summary>The mean of each channel: (channels).</summary>
    public static double[] Means(ImageDataset train)
    {
        int plane = train.Height * train.Width;
        var sums = new double[train.Channels];
        for (int example = 0; example < train.Count; example++)
        {
            ReadOnlySpan<float> image = train.FeaturesOf(example); // image is (C, H, W)
            for (int channel = 0; channel < train.Channels; channel++)
            {
                sums[channel] += Sum(image.Slice(channel * plane, plane));
            }
        }

        double pixelsPerChannel = (double)train.Count * plane;
        for (int channel = 0; channel < sums.Length; channel++)
        {
            sums[channel] /= pixelsPerChannel;
        }

        return sums;
    }

    /// <summary>
    /// The population standard deviation of each channel around <paramref name="means"/>: (channels). A second pass
    /// over the deviations, rather than E[x²] - E[x]², so a channel with a large mean loses no precision.
    /// </summary>
    public static double[] StandardDeviations(ImageDataset train, double[] means)
    {
        int plane = train.Height * train.Width;
        var squares = new double[train.Channels];
        for (int example = 0; example < train.Count; example++)
        {
            ReadOnlySpan<float> image = train.FeaturesOf(example);
            for (int channel = 0; channel < train.Channels; channel++)
            {
                double mean = means[channel];
                foreach (float pixel in image.Slice(channel * plane, plane))
                {
                    double deviation = pixel - mean;
                    squares[channel] += deviation * deviation;
                }
            }
        }

        double pixelsPerChannel = (double)train.Count * plane;
        for (int channel = 0; channel < squares.Length; channel++)
        {
            squares[channel] = Math.Sqrt(squares[channel] / pixelsPerChannel);
        }

        return squares;
    }

    // A float sum over a whole CIFAR training channel (51 million pixels) would stop growing once its rounding step
    // exceeds a pixel; a double keeps about 9 more digits.
    private static double Sum(ReadOnlySpan<float> values)
    {
        double sum = 0;
        foreach (float value in values)
        {
            sum += value;
        }

        return sum;
    }
}
