using System;
using System.Numerics.Tensors;
using StaticNets.Data;

namespace StaticNets;

/// <summary>Turning scores into decisions.</summary>
public static class Classification
{
    /// <summary>Writes the index of the largest score of each row (the first one on ties).</summary>
    /// <param name="predictions">One class per example: (batch).</param>
    /// <param name="scores">(batch, classes), row-major.</param>
    /// <param name="batch">Number of rows.</param>
    /// <param name="classes">Scores per row.</param>
    public static void ArgMaxRows(Span<int> predictions, ReadOnlySpan<float> scores, int batch, int classes)
    {
        if (predictions.Length < batch)
        {
            throw new ArgumentException($"predictions must hold at least {batch} elements, got {predictions.Length}.", nameof(predictions));
        }
        if (scores.Length != (long)batch * classes)
        {
            throw new ArgumentException($"scores must hold batch * classes = {batch} * {classes} = {(long)batch * classes} floats, got {scores.Length}.", nameof(scores));
        }
        for (int i = 0; i < batch; i++)
        {
            predictions[i] = TensorPrimitives.IndexOfMax(scores.Slice(i * classes, classes));
        }
    }

    /// <summary>
    /// Fraction of <paramref name="data"/> the network classifies correctly (inference mode), predicting in batches
    /// of its <see cref="INetwork.MaxBatch"/>. Allocates one buffer of MaxBatch predictions per call.
    /// </summary>
    /// <param name="network">A trained classifier whose input length matches the data.</param>
    /// <param name="data">Labelled examples.</param>
    /// <returns>Correct predictions divided by <see cref="ImageDataset.Count"/>.</returns>
    public static double Accuracy(IClassifier network, ImageDataset data)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        if (data.FeatureLength != network.InputLength)
        {
            throw new ArgumentException($"The network takes {network.InputLength} floats per example but the data hold {data.FeatureLength}.", nameof(data));
        }
        var predictions = new int[network.MaxBatch];
        int correct = 0;
        for (int start = 0; start < data.Count; start += network.MaxBatch)
        {
            int size = Math.Min(network.MaxBatch, data.Count - start);
            network.Predict(data.Features.AsSpan(start * data.FeatureLength, size * data.FeatureLength), predictions.AsSpan(0, size), size);
            for (int i = 0; i < size; i++)
            {
                correct += predictions[i] == data.Labels[start + i] ? 1 : 0;
            }
        }
        return data.Count == 0 ? 0 : (double)correct / data.Count;
    }
}
