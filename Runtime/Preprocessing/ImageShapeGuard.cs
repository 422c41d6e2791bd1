using System;
using StaticNets.Data;

namespace StaticNets.Preprocessing;

/// <summary>Argument checks shared by the preprocessing steps, so each reports a wrong dataset or span the same way.</summary>
internal static class ImageShapeGuard
{
    /// <summary>Throws unless <paramref name="train"/> holds at least one example: statistics of nothing are undefined.</summary>
    public static void TrainingSet(ImageDataset train, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(train, parameterName);
        if (train.Count == 0)
        {
            throw new ArgumentException("Preprocessing statistics need at least one training example, got an empty dataset.", parameterName);
        }
    }

    /// <summary>Throws unless <paramref name="data"/> has images of the shape the statistics were computed on.</summary>
    public static void SameShape(ImageDataset data, int channels, int height, int width, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(data, parameterName);
        if (data.Channels != channels || data.Height != height || data.Width != width)
        {
            throw new ArgumentException(
                $"The dataset's images are {data.Channels} x {data.Height} x {data.Width}, but the statistics were computed on {channels} x {height} x {width} images.",
                parameterName);
        }
    }

    /// <summary>Throws unless <paramref name="count"/> &gt;= 0 and the span holds exactly that many examples of <paramref name="featureLength"/> floats.</summary>
    public static void Features(int length, int count, int featureLength, string parameterName)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        long expected = (long)count * featureLength;
        if (length != expected)
        {
            throw new ArgumentException(
                $"{parameterName} must hold count * {featureLength} = {count} * {featureLength} = {expected} floats, got {length}.", parameterName);
        }
    }
}
