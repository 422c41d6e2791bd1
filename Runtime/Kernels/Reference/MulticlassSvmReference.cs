using System;
using System.Numerics;

namespace StaticNets.Kernels;

/// <summary>
/// Multiclass SVM (hinge) loss from notes §3.1, L_i = Σ_{j≠y_i} max(0, s_j - s_{y_i} + Δ), averaged over the batch;
/// generic over the float type. Same shapes and meaning as <see cref="MulticlassSvm"/>.
/// </summary>
internal static class MulticlassSvmReference
{
    /// <summary>Mean over the batch of each example's summed margin violations.</summary>
    public static T Loss<T>(ReadOnlySpan<T> scores, ReadOnlySpan<int> labels, int batch, int classes, T margin)
        where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        for (int n = 0; n < batch; n++)
        {
            for (int j = 0; j < classes; j++)
            {
                if (j != labels[n])
                {
                    sum += T.Max(T.Zero, scores[n * classes + j] - scores[n * classes + labels[n]] + margin);
                }
            }
        }

        return sum / T.CreateChecked(batch);
    }

    /// <summary>Each active term (s_j - s_y + Δ &gt; 0) adds 1/batch to dScores[n, j] and -1/batch to dScores[n, y].</summary>
    public static void Backward<T>(Span<T> dScores, ReadOnlySpan<T> scores, ReadOnlySpan<int> labels, int batch, int classes, T margin)
        where T : IFloatingPointIeee754<T>
    {
        T share = T.One / T.CreateChecked(batch);
        dScores.Clear();
        for (int n = 0; n < batch; n++)
        {
            int y = labels[n];
            for (int j = 0; j < classes; j++)
            {
                if (j != y && scores[n * classes + j] - scores[n * classes + y] + margin > T.Zero)
                {
                    dScores[n * classes + j] += share;
                    dScores[n * classes + y] -= share;
                }
            }
        }
    }
}
