using System;
using System.Numerics.Tensors;
using StaticNets.Data;
using StaticNets.Kernels;

namespace StaticNets.Baselines;

/// <summary>
/// The k-nearest-neighbour classifier of notes §2.1: training memorises the training set; prediction finds the k
/// training images nearest to each query under an L1 or L2 distance and takes the label most of them carry.
/// </summary>
/// <remarks>
/// <para>
/// Votes: the label with the most of the k neighbours wins; when labels tie, the one whose nearest member is nearer
/// wins (with k = 2 and two labels, the nearest neighbour decides). Among training images at exactly the same
/// distance, the lower index counts as nearer.
/// </para>
/// <para>
/// L2 distances come from dot products, ||a - b||² = ||a||² + ||b||² - 2 a·b, with the training norms computed once
/// by <see cref="Train"/> and the products computed a block of queries by a block of training images at a time by
/// the library's matrix-product kernel; L1 distances use a vectorised loop. Both are computed in float (L2 to about
/// 1e-6 of the norms), so images at nearly or exactly the same true distance may rank in either order.
/// </para>
/// <para>
/// An instance reuses its scratch buffers from call to call: after the first call with a given k, predicting
/// allocates nothing, and an instance must not be used by two threads at once. Features must be finite.
/// </para>
/// </remarks>
public sealed partial class NearestNeighbor
{
    // Queries and training images handled together: the distance block is 64 x 256 floats (64 KB, within L2
    // cache) and 256 MNIST training images (800 KB) stay cached while every query of the block meets them.
    private const int QueryBlock = 64;
    private const int TrainingBlock = 256;

    private float[] _features = [];
    private int[] _labels = [];
    private float[] _norms = [];
    private readonly float[] _distanceBlock = new float[QueryBlock * TrainingBlock];
    private readonly int[] _filled = new int[QueryBlock];
    private int[] _neighborIndices = [];
    private float[] _neighborDistances = [];

    /// <summary>Creates an untrained classifier.</summary>
    /// <param name="metric">The distance between images.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="metric"/> is not a defined metric.</exception>
    public NearestNeighbor(DistanceMetric metric)
    {
        if (metric is not (DistanceMetric.L1 or DistanceMetric.L2))
        {
            throw new ArgumentOutOfRangeException(nameof(metric), metric, "The metric must be DistanceMetric.L1 or DistanceMetric.L2.");
        }

        Metric = metric;
    }

    /// <summary>The distance between images.</summary>
    public DistanceMetric Metric { get; }

    /// <summary>Number of memorised training images (0 before <see cref="Train"/>).</summary>
    public int TrainingCount => _labels.Length;

    /// <summary>Floats per image, as in the training set (0 before <see cref="Train"/>).</summary>
    public int FeatureLength { get; private set; }

    /// <summary>
    /// Memorises the training set: keeps references to its feature and label arrays (no copy) and, for L2, the
    /// squared norm of every image. Apply any preprocessing before training; changing the arrays afterwards
    /// leaves the L2 norms stale, so train again after such a change.
    /// </summary>
    /// <param name="train">The training images; at least one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="train"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="train"/> holds no image.</exception>
    public void Train(ImageDataset train)
    {
        ArgumentNullException.ThrowIfNull(train);
        if (train.Count == 0)
        {
            throw new ArgumentException("A nearest-neighbour classifier needs at least one training image, got an empty dataset.", nameof(train));
        }

        var norms = Metric == DistanceMetric.L2 ? new float[train.Count] : [];
        for (int i = 0; i < norms.Length; i++)
        {
            ReadOnlySpan<float> image = train.FeaturesOf(i);
            norms[i] = TensorPrimitives.Dot(image, image);
        }

        _features = train.Features;
        _labels = train.Labels;
        _norms = norms;
        FeatureLength = train.FeatureLength;
    }

    /// <summary>Predicts the label of each of <paramref name="count"/> images by a vote of its <paramref name="k"/> nearest training images.</summary>
    /// <param name="features">(count, FeatureLength): exactly <paramref name="count"/> * <see cref="FeatureLength"/> floats.</param>
    /// <param name="count">Number of images; 0 or more.</param>
    /// <param name="k">Neighbours that vote; 1 to <see cref="TrainingCount"/>.</param>
    /// <returns>One predicted label per image.</returns>
    /// <exception cref="InvalidOperationException">The classifier is not trained.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> or <paramref name="k"/> is out of range.</exception>
    /// <exception cref="ArgumentException"><paramref name="features"/> has another length.</exception>
    public int[] Predict(ReadOnlySpan<float> features, int count, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var predictions = new int[count];
        Predict(predictions, features, count, k);
        return predictions;
    }

    /// <summary>
    /// Writes the predicted label of each of <paramref name="count"/> images, decided by a vote of its
    /// <paramref name="k"/> nearest training images; allocates nothing once the buffers for this k exist.
    /// </summary>
    /// <param name="predictions">(count): receives one label per image; at least <paramref name="count"/> elements.</param>
    /// <param name="features">(count, FeatureLength): exactly <paramref name="count"/> * <see cref="FeatureLength"/> floats.</param>
    /// <param name="count">Number of images; 0 or more.</param>
    /// <param name="k">Neighbours that vote; 1 to <see cref="TrainingCount"/>.</param>
    /// <exception cref="InvalidOperationException">The classifier is not trained.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> or <paramref name="k"/> is out of range.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public void Predict(Span<int> predictions, ReadOnlySpan<float> features, int count, int k)
    {
        CheckQueries(features, count, k, TrainingCount);
        if (predictions.Length < count)
        {
            throw new ArgumentException($"predictions must hold at least count = {count} elements, got {predictions.Length}.", nameof(predictions));
        }

        EnsureNeighborBuffers(k);
        for (int first = 0; first < count; first += QueryBlock)
        {
            int queries = Math.Min(QueryBlock, count - first);
            Span<int> indices = _neighborIndices.AsSpan(0, queries * k);
            Search(indices, _neighborDistances.AsSpan(0, queries * k), features.Slice(first * FeatureLength, queries * FeatureLength), queries, k, 0, 0);
            for (int q = 0; q < queries; q++)
            {
                predictions[first + q] = NeighborList.Vote(indices.Slice(q * k, k), _labels);
            }
        }
    }

    /// <summary>
    /// Writes the <paramref name="k"/> nearest training images of each of <paramref name="count"/> images, nearest
    /// first, with their distances (for L2 the squared distance, the notes' formula).
    /// </summary>
    /// <param name="indices">(count, k): receives training-set indices; exactly <paramref name="count"/> * <paramref name="k"/> elements.</param>
    /// <param name="distances">(count, k): receives the matching distances; exactly <paramref name="count"/> * <paramref name="k"/> elements.</param>
    /// <param name="features">(count, FeatureLength): exactly <paramref name="count"/> * <see cref="FeatureLength"/> floats.</param>
    /// <param name="count">Number of images; 0 or more.</param>
    /// <param name="k">Neighbours per image; 1 to <see cref="TrainingCount"/>.</param>
    /// <exception cref="InvalidOperationException">The classifier is not trained.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> or <paramref name="k"/> is out of range.</exception>
    /// <exception cref="ArgumentException">A span has the wrong length.</exception>
    public void FindNeighbors(Span<int> indices, Span<float> distances, ReadOnlySpan<float> features, int count, int k)
    {
        CheckQueries(features, count, k, TrainingCount);
        long expected = (long)count * k;
        if (indices.Length != expected || distances.Length != expected)
        {
            throw new ArgumentException(
                $"indices and distances must each hold count * k = {count} * {k} = {expected} elements, got {indices.Length} and {distances.Length}.");
        }

        for (int first = 0; first < count; first += QueryBlock)
        {
            int queries = Math.Min(QueryBlock, count - first);
            Search(indices.Slice(first * k, queries * k), distances.Slice(first * k, queries * k),
                features.Slice(first * FeatureLength, queries * FeatureLength), queries, k, 0, 0);
        }
    }

    /// <summary>The fraction of <paramref name="test"/> whose predicted label is its label.</summary>
    /// <param name="test">Labelled images of the training images' feature length; at least one.</param>
    /// <param name="k">Neighbours that vote; 1 to <see cref="TrainingCount"/>.</param>
    /// <returns>Accuracy in [0, 1].</returns>
    /// <exception cref="ArgumentNullException"><paramref name="test"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The classifier is not trained.</exception>
    /// <exception cref="ArgumentException"><paramref name="test"/> is empty or its images have another feature length.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is out of range.</exception>
    public double Accuracy(ImageDataset test, int k)
    {
        ArgumentNullException.ThrowIfNull(test);
        if (test.Count == 0)
        {
            throw new ArgumentException("Accuracy needs at least one labelled image, got an empty dataset.", nameof(test));
        }

        CheckFeatureLength(test, nameof(test));

        Span<int> correct = stackalloc int[1];
        CountCorrect(correct, test.Features, test.Labels, 0, test.Count, [k], 0, 0);
        return correct[0] / (double)test.Count;
    }

    /// <summary>
    /// For each k of <paramref name="ks"/> (ascending), adds to <paramref name="correct"/> the number of queries
    /// <paramref name="first"/> .. first + count - 1 of (features, labels) that a vote of k neighbours classifies
    /// correctly, searching all training images except those in [excludeStart, excludeEnd).
    /// </summary>
    private void CountCorrect(Span<int> correct, float[] features, int[] labels, int first, int count, ReadOnlySpan<int> ks, int excludeStart, int excludeEnd)
    {
        int kMax = ks[^1];
        CheckQueries(features.AsSpan(first * FeatureLength, count * FeatureLength), count, kMax, TrainingCount - (excludeEnd - excludeStart));
        EnsureNeighborBuffers(kMax);
        for (int block = 0; block < count; block += QueryBlock)
        {
            int queries = Math.Min(QueryBlock, count - block);
            Span<int> indices = _neighborIndices.AsSpan(0, queries * kMax);
            Search(indices, _neighborDistances.AsSpan(0, queries * kMax),
                features.AsSpan((first + block) * FeatureLength, queries * FeatureLength), queries, kMax, excludeStart, excludeEnd);
            for (int q = 0; q < queries; q++)
            {
                int label = labels[first + block + q];
                for (int c = 0; c < ks.Length; c++)
                {
                    correct[c] += NeighborList.Vote(indices.Slice(q * kMax, ks[c]), _labels) == label ? 1 : 0;
                }
            }
        }
    }

    private void CheckFeatureLength(ImageDataset data, string parameterName)
    {
        if (TrainingCount > 0 && data.FeatureLength != FeatureLength)
        {
            throw new ArgumentException(
                $"The images are {data.Channels} x {data.Height} x {data.Width} = {data.FeatureLength} floats, but the classifier was trained on images of {FeatureLength} floats.",
                parameterName);
        }
    }

    private void CheckQueries(ReadOnlySpan<float> features, int count, int k, int available)
    {
        if (TrainingCount == 0)
        {
            throw new InvalidOperationException("The classifier is not trained: call Train with the training set first.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (k < 1 || k > available)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"k must be between 1 and the {available} training images searched, got {k}.");
        }

        long expected = (long)count * FeatureLength;
        if (features.Length != expected)
        {
            throw new ArgumentException(
                $"features must hold count * {FeatureLength} = {count} * {FeatureLength} = {expected} floats, got {features.Length}.", nameof(features));
        }
    }

    private void EnsureNeighborBuffers(int k)
    {
        if (_neighborIndices.Length < QueryBlock * k)
        {
            _neighborIndices = new int[QueryBlock * k];
            _neighborDistances = new float[QueryBlock * k];
        }
    }

    /// <summary>
    /// The k nearest training images of each query, skipping [excludeStart, excludeEnd). queries is (count, d) with
    /// count &lt;= QueryBlock; indices and distances are (count, k).
    /// </summary>
    private void Search(Span<int> indices, Span<float> distances, ReadOnlySpan<float> queries, int count, int k, int excludeStart, int excludeEnd)
    {
        Span<int> filled = _filled.AsSpan(0, count);
        filled.Clear();
        SearchRange(indices, distances, filled, queries, count, k, 0, excludeStart);
        SearchRange(indices, distances, filled, queries, count, k, excludeEnd, TrainingCount);
        if (Metric == DistanceMetric.L2)
        {
            // The ranking left out the query's own norm, which is the same for all its candidates; add it back, and
            // clamp the rounding error that can push a near-duplicate's squared distance below zero.
            for (int q = 0; q < count; q++)
            {
                ReadOnlySpan<float> query = queries.Slice(q * FeatureLength, FeatureLength);
                Span<float> row = distances.Slice(q * k, k);
                TensorPrimitives.Add(row, TensorPrimitives.Dot(query, query), row);
                TensorPrimitives.Max(row, 0f, row);
            }
        }
    }

    private void SearchRange(Span<int> indices, Span<float> distances, Span<int> filled, ReadOnlySpan<float> queries, int count, int k, int start, int end)
    {
        int d = FeatureLength;
        for (int first = start; first < end; first += TrainingBlock)
        {
            int rows = Math.Min(TrainingBlock, end - first);
            Span<float> block = _distanceBlock.AsSpan(0, count * rows); // (count, rows)
            ReadOnlySpan<float> training = _features.AsSpan(first * d, rows * d); // (rows, d)
            if (Metric == DistanceMetric.L2)
            {
                // block = ||t||² - 2 q·t: the squared distance without the query's norm, which does not change the order.
                MultiplyByTransposedTraining(block, queries, training, count, rows, d);
                ReadOnlySpan<float> norms = _norms.AsSpan(first, rows);
                for (int q = 0; q < count; q++)
                {
                    Span<float> row = block.Slice(q * rows, rows);
                    TensorPrimitives.MultiplyAdd(row, -2f, norms, row);
                }
            }
            else
            {
                L1Distances.Compute(block, queries, training, count, rows, d);
            }

            for (int q = 0; q < count; q++)
            {
                NeighborList.Offer(block.Slice(q * rows, rows), first, indices.Slice(q * k, k), distances.Slice(q * k, k), ref filled[q]);
            }
        }
    }

    private static void MultiplyByTransposedTraining(Span<float> block, ReadOnlySpan<float> queries, ReadOnlySpan<float> training, int count, int rows, int d)
    {
        switch (VectorDispatch.Best)
        {
            case VectorWidth.Bits512: Gemm.MultiplyTransposedB<Vector512Ops>(block, queries, training, count, rows, d, accumulate: false); break;
            case VectorWidth.Bits256: Gemm.MultiplyTransposedB<Vector256Ops>(block, queries, training, count, rows, d, accumulate: false); break;
            case VectorWidth.Bits128: Gemm.MultiplyTransposedB<Vector128Ops>(block, queries, training, count, rows, d, accumulate: false); break;
            default: Gemm.MultiplyTransposedB<ScalarOps>(block, queries, training, count, rows, d, accumulate: false); break;
        }
    }
}
