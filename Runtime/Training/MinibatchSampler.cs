using System;

namespace StaticNets.Training;

/// <summary>
/// Visits a dataset in minibatches (notes §3.3, stochastic gradient descent): keeps a permutation of the example
/// indices, reshuffles it on demand (Fisher–Yates, deterministic for a seed), and copies one batch of
/// features and labels into caller-provided buffers. Allocates only in the constructor.
/// </summary>
/// <remarks>
/// Typical epoch: <c>Shuffle()</c>, then <c>Gather(b, ...)</c> for <c>b</c> in <c>0 .. BatchCount(batchSize) - 1</c>.
/// Before the first <see cref="Shuffle"/> the order is the identity. Each call to <see cref="Shuffle"/> permutes the
/// current order further, so successive epochs see different orders while the whole sequence stays reproducible.
/// </remarks>
public sealed class MinibatchSampler
{
    private readonly int[] _order;
    private readonly Random _random;

    /// <summary>Creates a sampler over <paramref name="exampleCount"/> examples, in identity order until the first <see cref="Shuffle"/>.</summary>
    /// <param name="exampleCount">Number of examples in the dataset; at least 1.</param>
    /// <param name="seed">Seed of the shuffling; the same seed gives the same sequence of epochs.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="exampleCount"/> is less than 1.</exception>
    public MinibatchSampler(int exampleCount, int seed)
    {
        if (exampleCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(exampleCount), exampleCount, "The dataset must hold at least 1 example.");
        }

        _order = new int[exampleCount];
        for (int i = 0; i < exampleCount; i++)
        {
            _order[i] = i;
        }

        // A seeded System.Random uses a fixed algorithm, so the sequence of permutations is reproducible.
        _random = new Random(seed);
    }

    /// <summary>Number of examples in the dataset.</summary>
    public int ExampleCount => _order.Length;

    /// <summary>The current order: entry <c>k</c> is the index of the <c>k</c>-th example visited this epoch.</summary>
    public ReadOnlySpan<int> Order => _order;

    /// <summary>Reshuffles the order in place (Fisher–Yates); call once at the start of each epoch.</summary>
    public void Shuffle()
    {
        for (int i = _order.Length - 1; i > 0; i--)
        {
            int j = _random.Next(i + 1);
            (_order[i], _order[j]) = (_order[j], _order[i]);
        }
    }

    /// <summary>Number of batches per epoch: ceil(ExampleCount / batchSize); the last one may be short.</summary>
    /// <param name="batchSize">Examples per batch; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="batchSize"/> is less than 1.</exception>
    public int BatchCount(int batchSize)
    {
        ValidateBatchSize(batchSize);
        return (int)(((long)_order.Length + batchSize - 1) / batchSize);
    }

    /// <summary>
    /// Copies batch <paramref name="batchIndex"/> of the current order into <paramref name="batchFeatures"/> and
    /// <paramref name="batchLabels"/>, example after example.
    /// </summary>
    /// <param name="batchIndex">Which batch, 0 .. <see cref="BatchCount"/> - 1.</param>
    /// <param name="batchSize">Examples per batch; the same value for every batch of an epoch.</param>
    /// <param name="features">The whole dataset: <see cref="ExampleCount"/> * <paramref name="featureLength"/> floats, example after example.</param>
    /// <param name="featureLength">Floats per example (e.g. C*H*W).</param>
    /// <param name="labels">One label per example (<see cref="ExampleCount"/> entries).</param>
    /// <param name="batchFeatures">Receives the batch: room for at least the returned count * <paramref name="featureLength"/> floats.</param>
    /// <param name="batchLabels">Receives the batch's labels: room for at least the returned count.</param>
    /// <returns>The number of examples written: <paramref name="batchSize"/>, or fewer for the last batch.</returns>
    /// <exception cref="ArgumentException">An index, size or buffer length is wrong (the message gives the expected value).</exception>
    public int Gather(
        int batchIndex,
        int batchSize,
        ReadOnlySpan<float> features,
        int featureLength,
        ReadOnlySpan<int> labels,
        Span<float> batchFeatures,
        Span<int> batchLabels)
    {
        int batchCount = BatchCount(batchSize);
        if ((uint)batchIndex >= (uint)batchCount)
        {
            throw new ArgumentOutOfRangeException(nameof(batchIndex), batchIndex, $"The batch index must be in [0, {batchCount - 1}] for batches of {batchSize}.");
        }

        if (featureLength < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(featureLength), featureLength, "Each example must have at least 1 feature.");
        }

        long expectedFeatures = (long)_order.Length * featureLength;
        if (features.Length != expectedFeatures)
        {
            throw new ArgumentException(
                $"The features must hold {_order.Length} examples of {featureLength} floats ({expectedFeatures}), but hold {features.Length}.",
                nameof(features));
        }

        if (labels.Length != _order.Length)
        {
            throw new ArgumentException($"The labels must hold {_order.Length} entries, one per example, but hold {labels.Length}.", nameof(labels));
        }

        int first = batchIndex * batchSize;
        int count = Math.Min(batchSize, _order.Length - first);
        if (batchFeatures.Length < (long)count * featureLength)
        {
            throw new ArgumentException(
                $"The batch feature buffer needs at least {(long)count * featureLength} floats ({count} examples of {featureLength}), but has {batchFeatures.Length}.",
                nameof(batchFeatures));
        }

        if (batchLabels.Length < count)
        {
            throw new ArgumentException($"The batch label buffer needs at least {count} entries, but has {batchLabels.Length}.", nameof(batchLabels));
        }

        for (int k = 0; k < count; k++)
        {
            int example = _order[first + k];
            features.Slice(example * featureLength, featureLength).CopyTo(batchFeatures.Slice(k * featureLength, featureLength));
            batchLabels[k] = labels[example];
        }

        return count;
    }

    private static void ValidateBatchSize(int batchSize)
    {
        if (batchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "The batch size must be at least 1.");
        }
    }
}
