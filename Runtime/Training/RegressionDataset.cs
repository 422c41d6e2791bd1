using System;

namespace StaticNets.Training;

/// <summary>
/// Examples with real-valued targets, for training an <see cref="IRegressor"/>: <see cref="Count"/> examples of
/// <see cref="FeatureLength"/> input floats and <see cref="TargetLength"/> target floats each.
/// </summary>
public sealed class RegressionDataset
{
    /// <summary>Wraps feature and target arrays (not copied) after checking that they hold the same number of examples.</summary>
    /// <param name="features">Count * featureLength floats, example after example (NCHW within an example).</param>
    /// <param name="targets">Count * targetLength floats, example after example.</param>
    /// <param name="featureLength">Floats per example's input (a network's InputLength); at least 1.</param>
    /// <param name="targetLength">Floats per example's target (a network's OutputLength); at least 1.</param>
    /// <exception cref="ArgumentNullException">An array is null.</exception>
    /// <exception cref="ArgumentException">A length is below 1, an array is not a whole number of examples, or the two disagree on the count.</exception>
    public RegressionDataset(float[] features, float[] targets, int featureLength, int targetLength)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentOutOfRangeException.ThrowIfLessThan(featureLength, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(targetLength, 1);
        if (targets.Length % targetLength != 0)
        {
            throw new ArgumentException(
                $"The targets must be a whole number of examples of {targetLength} floats, but hold {targets.Length}.", nameof(targets));
        }

        int count = targets.Length / targetLength;
        if (features.Length != (long)count * featureLength)
        {
            throw new ArgumentException(
                $"The features must hold {count} examples of {featureLength} floats ({(long)count * featureLength}), one per target, but hold {features.Length}.",
                nameof(features));
        }

        Features = features;
        Targets = targets;
        FeatureLength = featureLength;
        TargetLength = targetLength;
        Count = count;
    }

    /// <summary>All inputs, <see cref="Count"/> * <see cref="FeatureLength"/> floats, example after example.</summary>
    public float[] Features { get; }

    /// <summary>All targets, <see cref="Count"/> * <see cref="TargetLength"/> floats, example after example.</summary>
    public float[] Targets { get; }

    /// <summary>Number of examples.</summary>
    public int Count { get; }

    /// <summary>Floats per example's input.</summary>
    public int FeatureLength { get; }

    /// <summary>Floats per example's target.</summary>
    public int TargetLength { get; }
}
