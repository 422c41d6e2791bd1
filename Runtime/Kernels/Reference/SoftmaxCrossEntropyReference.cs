using System;
using System.Numerics;

namespace StaticNets.Kernels;

/// <summary>
/// Softmax and its cross-entropy loss from notes §3.1, L_i = -log(e^{s_{y_i}} / Σ_j e^{s_j}), averaged over the batch;
/// generic over the float type. Same shapes and meaning as <see cref="SoftmaxCrossEntropy"/>.
/// </summary>
internal static class SoftmaxCrossEntropyReference
{
    /// <summary>probabilities and scores are (batch, classes); each row's maximum is subtracted before exp, which cancels in the ratio.</summary>
    public static void Forward<T>(Span<T> probabilities, ReadOnlySpan<T> scores, int batch, int classes)
        where T : IFloatingPointIeee754<T>
    {
        for (int n = 0; n < batch; n++)
        {
            T max = scores[n * classes];
            for (int j = 1; j < classes; j++)
            {
                max = T.Max(max, scores[n * classes + j]);
            }

            T sum = T.Zero;
            for (int j = 0; j < classes; j++)
            {
                sum += T.Exp(scores[n * classes + j] - max);
            }

            for (int j = 0; j < classes; j++)
            {
                probabilities[n * classes + j] = T.Exp(scores[n * classes + j] - max) / sum;
            }
        }
    }

    /// <summary>Mean over the batch of -log p[n, label[n]].</summary>
    public static T Loss<T>(ReadOnlySpan<T> probabilities, ReadOnlySpan<int> labels, int batch, int classes)
        where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        for (int n = 0; n < batch; n++)
        {
            sum -= T.Log(probabilities[n * classes + labels[n]]);
        }

        return sum / T.CreateChecked(batch);
    }

    /// <summary>dScores[n, j] = (p[n, j] - [j == label[n]]) / batch: the gradient of the mean loss with respect to the scores.</summary>
    public static void Backward<T>(Span<T> dScores, ReadOnlySpan<T> probabilities, ReadOnlySpan<int> labels, int batch, int classes)
        where T : IFloatingPointIeee754<T>
    {
        T count = T.CreateChecked(batch);
        for (int n = 0; n < batch; n++)
        {
            for (int j = 0; j < classes; j++)
            {
                T target = j == labels[n] ? T.One : T.Zero;
                dScores[n * classes + j] = (probabilities[n * classes + j] - target) / count;
            }
        }
    }
}
