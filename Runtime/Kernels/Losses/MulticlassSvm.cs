using System;

namespace StaticNets.Kernels;

/// <summary>
/// Multiclass SVM (hinge) loss from notes §3.1, L_i = Σ_{j≠y_i} max(0, s_j - s_{y_i} + Δ), averaged over the batch as
/// <see cref="SoftmaxCrossEntropy"/> is. <see cref="MulticlassSvmReference"/> is the plain-loop twin.
/// </summary>
/// <remarks>
/// Rows are a handful of class scores, so both passes are scalar, in double: each margin term s_j - s_y + Δ is
/// formed the same way in <see cref="Loss"/> and <see cref="Backward"/>, so they agree on which terms are active (a term
/// of exactly 0 is not).
/// </remarks>
public static class MulticlassSvm
{
    /// <summary>The mean over the batch of each example's summed margin violations, accumulated in double.</summary>
    /// <param name="scores">(batch, classes): class scores.</param>
    /// <param name="labels">(batch): the correct class of each example.</param>
    /// <param name="batch">Examples in the batch.</param>
    /// <param name="classes">Classes per example.</param>
    /// <param name="margin">Δ, by how much the correct score should lead the others; positive (1 in the notes).</param>
    /// <returns>The mean loss.</returns>
    /// <exception cref="ArgumentException">A span's length does not match the shapes, or the margin is not positive and finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside [0, classes); the message names the example.</exception>
    public static float Loss(ReadOnlySpan<float> scores, ReadOnlySpan<int> labels, int batch, int classes, float margin)
    {
        CheckArguments(scores, labels, batch, classes, margin);
        double sum = 0;
        for (int n = 0; n < batch; n++)
        {
            ReadOnlySpan<float> row = scores.Slice(n * classes, classes);
            int label = labels[n];
            float correct = row[label];
            for (int j = 0; j < classes; j++)
            {
                double term = MarginTerm(row[j], correct, margin);
                if (j != label && term > 0)
                {
                    sum += term;
                }
            }
        }

        return (float)(sum / batch);
    }

    /// <summary>
    /// Gradient of the mean loss with respect to the scores: each active term (s_j - s_y + Δ &gt; 0, j ≠ y) gives
    /// <c>1/batch</c> to dScores[n, j] and <c>-1/batch</c> to dScores[n, y]; everything else is 0.
    /// </summary>
    /// <param name="dScores">(batch, classes), overwritten; may be the same memory as <paramref name="scores"/>.</param>
    /// <param name="scores">(batch, classes).</param>
    /// <param name="labels">(batch).</param>
    /// <param name="batch">Examples in the batch.</param>
    /// <param name="classes">Classes per example.</param>
    /// <param name="margin">Δ, positive.</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes, or the margin is not positive and finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A label is outside [0, classes); the message names the example.</exception>
    public static void Backward(Span<float> dScores, ReadOnlySpan<float> scores, ReadOnlySpan<int> labels, int batch, int classes, float margin)
    {
        CheckArguments(scores, labels, batch, classes, margin);
        Require.Exactly(dScores.Length, nameof(dScores), new ExpectedLength("batch*classes", batch, classes));
        float share = 1f / batch;
        for (int n = 0; n < batch; n++)
        {
            ReadOnlySpan<float> row = scores.Slice(n * classes, classes);
            Span<float> d = dScores.Slice(n * classes, classes);
            int label = labels[n];
            // The correct score stays in `row` until the last write below, so dScores may be scores itself.
            float correct = row[label];
            int active = 0;
            for (int j = 0; j < classes; j++)
            {
                bool isActive = j != label && MarginTerm(row[j], correct, margin) > 0;
                active += isActive ? 1 : 0;
                d[j] = isActive ? share : 0f;
            }

            d[label] = -(float)((double)active / batch);
        }
    }

    // s_j - s_y + Δ, in double so Loss and Backward round it identically.
    private static double MarginTerm(float score, float correct, float margin) => (double)score - correct + margin;

    private static void CheckArguments(ReadOnlySpan<float> scores, ReadOnlySpan<int> labels, int batch, int classes, float margin)
    {
        Require.Positive(batch);
        Require.Positive(classes);
        Require.Exactly(scores.Length, nameof(scores), new ExpectedLength("batch*classes", batch, classes));
        Require.Labels(labels, batch, classes);
        Require.PositiveFinite(margin);
    }
}
