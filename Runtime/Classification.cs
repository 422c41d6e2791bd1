using System;
using System.Numerics.Tensors;

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
}
