using System;
using System.Numerics.Tensors;

namespace StaticNets.Kernels;

/// <summary>
/// Softmax over each row of class scores and its cross-entropy loss (notes §3.1), averaged over the batch as PyTorch
/// does so learning rates carry over. <see cref="SoftmaxCrossEntropyReference"/> is the plain-loop twin.
/// </summary>
public static class SoftmaxCrossEntropy
{
    // Probabilities below the smallest normal float are clamped to it, so -ln p stays finite (at most about 87.3).
    private const float SmallestProbability = 1.17549435E-38f;

    /// <summary>
    /// Row-wise softmax, <c>p[n, j] = e^(s[n, j] - m) / Σ_k e^(s[n, k] - m)</c> with m the row's maximum: subtracting
    /// it cancels in the ratio and keeps every exponent at most 0, so large scores cannot overflow.
    /// </summary>
    /// <param name="probabilities">(batch, classes), overwritten; may be the same memory as <paramref name="scores"/>.</param>
    /// <param name="scores">(batch, classes).</param>
    /// <param name="batch">Examples in the batch.</param>
    /// <param name="classes">Classes per example.</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes.</exception>
    public static void Forward(Span<float> probabilities, ReadOnlySpan<float> scores, int batch, int classes)
    {
        CheckShapes(batch, classes);
        var shape = new ExpectedLength("batch*classes", batch, classes);
        Require.Exactly(probabilities.Length, nameof(probabilities), shape);
        Require.Exactly(scores.Length, nameof(scores), shape);

        for (int n = 0; n < batch; n++)
        {
            ReadOnlySpan<float> row = scores.Slice(n * classes, classes);
            Span<float> p = probabilities.Slice(n * classes, classes);
            float max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, p);
            TensorPrimitives.Exp(p, p);
            TensorPrimitives.Divide(p, TensorPrimitives.Sum(p), p);
        }
    }

    /// <summary>Mean over the batch of <c>-ln p[n, labels[n]]</c>, summed in double; p is clamped away from 0 so the loss stays finite.</summary>
    /// <param name="probabilities">(batch, classes): the output of <see cref="Forward"/>.</param>
    /// <param name="labels">(batch): the correct class of each example.</param>
    /// <param name="batch">Examples in the batch.</param>
    /// <param name="classes">Classes per example.</param>
    /// <returns>The mean loss.</returns>
    /// <exception cref="ArgumentException">A span's length does not match the shapes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside [0, classes); the message names the example.</exception>
    public static float Loss(ReadOnlySpan<float> probabilities, ReadOnlySpan<int> labels, int batch, int classes)
    {
        CheckShapes(batch, classes);
        Require.Exactly(probabilities.Length, nameof(probabilities), new ExpectedLength("batch*classes", batch, classes));
        Require.Labels(labels, batch, classes);

        double sum = 0;
        for (int n = 0; n < batch; n++)
        {
            sum -= Math.Log(MathF.Max(probabilities[n * classes + labels[n]], SmallestProbability));
        }

        return (float)(sum / batch);
    }

    /// <summary>Gradient of the mean loss with respect to the scores: <c>dScores[n, j] = (p[n, j] - [j == labels[n]]) / batch</c>.</summary>
    /// <param name="dScores">(batch, classes), overwritten; may be the same memory as <paramref name="probabilities"/>.</param>
    /// <param name="probabilities">(batch, classes): the output of <see cref="Forward"/>.</param>
    /// <param name="labels">(batch): the correct class of each example.</param>
    /// <param name="batch">Examples in the batch.</param>
    /// <param name="classes">Classes per example.</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside [0, classes); the message names the example.</exception>
    public static void Backward(Span<float> dScores, ReadOnlySpan<float> probabilities, ReadOnlySpan<int> labels, int batch, int classes)
    {
        CheckShapes(batch, classes);
        var shape = new ExpectedLength("batch*classes", batch, classes);
        Require.Exactly(dScores.Length, nameof(dScores), shape);
        Require.Exactly(probabilities.Length, nameof(probabilities), shape);
        Require.Labels(labels, batch, classes);

        float perExample = 1f / batch;
        for (int n = 0; n < batch; n++)
        {
            int label = labels[n];
            float labelProbability = probabilities[n * classes + label];
            Span<float> d = dScores.Slice(n * classes, classes);
            TensorPrimitives.Multiply(probabilities.Slice(n * classes, classes), perExample, d);
            d[label] = (labelProbability - 1f) * perExample;
        }
    }

    private static void CheckShapes(int batch, int classes)
    {
        Require.Positive(batch);
        Require.Positive(classes);
    }
}
