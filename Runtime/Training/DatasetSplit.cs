using System;
using StaticNets.Data;

namespace StaticNets.Training;

/// <summary>
/// Holds out a random validation set (notes §2.2: tune hyperparameters on validation data, never on the test set).
/// The examples are assigned by a seeded shuffle, so data stored sorted by class still splits evenly, and the same
/// seed always gives the same split. Both parts are copies; the source is left untouched.
/// </summary>
public static class DatasetSplit
{
    /// <summary>Splits labelled images into a training and a validation part.</summary>
    /// <param name="data">The examples to split; at least 2.</param>
    /// <param name="validationFraction">Share of the examples held out, in (0, 1); rounded to at least 1 example and leaving at least 1 for training.</param>
    /// <param name="seed">Seed of the shuffle that assigns examples to the parts.</param>
    /// <returns>The two parts; each keeps the source's relative order of its examples.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">Fewer than 2 examples, or the fraction is outside (0, 1).</exception>
    public static (ImageDataset Training, ImageDataset Validation) Split(this ImageDataset data, float validationFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        bool[] heldOut = ChooseValidation(data.Count, validationFraction, seed, out int validationCount);
        int featureLength = data.FeatureLength;
        var parts = new (float[] Features, int[] Labels, int Next)[]
        {
            (new float[(data.Count - validationCount) * featureLength], new int[data.Count - validationCount], 0),
            (new float[validationCount * featureLength], new int[validationCount], 0),
        };
        for (int i = 0; i < data.Count; i++)
        {
            ref var part = ref parts[heldOut[i] ? 1 : 0];
            data.FeaturesOf(i).CopyTo(part.Features.AsSpan(part.Next * featureLength, featureLength));
            part.Labels[part.Next++] = data.Labels[i];
        }

        return (
            new ImageDataset(parts[0].Features, parts[0].Labels, data.Channels, data.Height, data.Width),
            new ImageDataset(parts[1].Features, parts[1].Labels, data.Channels, data.Height, data.Width));
    }

    /// <summary>Splits examples with real-valued targets into a training and a validation part.</summary>
    /// <param name="data">The examples to split; at least 2.</param>
    /// <param name="validationFraction">Share of the examples held out, in (0, 1); rounded to at least 1 example and leaving at least 1 for training.</param>
    /// <param name="seed">Seed of the shuffle that assigns examples to the parts.</param>
    /// <returns>The two parts; each keeps the source's relative order of its examples.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">Fewer than 2 examples, or the fraction is outside (0, 1).</exception>
    public static (RegressionDataset Training, RegressionDataset Validation) Split(this RegressionDataset data, float validationFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        bool[] heldOut = ChooseValidation(data.Count, validationFraction, seed, out int validationCount);
        int featureLength = data.FeatureLength, targetLength = data.TargetLength;
        var parts = new (float[] Features, float[] Targets, int Next)[]
        {
            (new float[(data.Count - validationCount) * featureLength], new float[(data.Count - validationCount) * targetLength], 0),
            (new float[validationCount * featureLength], new float[validationCount * targetLength], 0),
        };
        for (int i = 0; i < data.Count; i++)
        {
            ref var part = ref parts[heldOut[i] ? 1 : 0];
            data.Features.AsSpan(i * featureLength, featureLength).CopyTo(part.Features.AsSpan(part.Next * featureLength, featureLength));
            data.Targets.AsSpan(i * targetLength, targetLength).CopyTo(part.Targets.AsSpan(part.Next * targetLength, targetLength));
            part.Next++;
        }

        return (
            new RegressionDataset(parts[0].Features, parts[0].Targets, featureLength, targetLength),
            new RegressionDataset(parts[1].Features, parts[1].Targets, featureLength, targetLength));
    }

    private static bool[] ChooseValidation(int count, float validationFraction, int seed, out int validationCount)
    {
        if (count < 2)
        {
            throw new ArgumentException($"Splitting needs at least 2 examples, one for each part, but the dataset holds {count}.", "data");
        }

        if (!(validationFraction > 0f && validationFraction < 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "The validation fraction must be greater than 0 and less than 1.");
        }

        validationCount = Math.Clamp((int)Math.Round(count * (double)validationFraction), 1, count - 1);
        var sampler = new MinibatchSampler(count, seed);
        sampler.Shuffle();
        var heldOut = new bool[count];
        foreach (int example in sampler.Order.Slice(0, validationCount))
        {
            heldOut[example] = true;
        }

        return heldOut;
    }
}
