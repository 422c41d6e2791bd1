using System;
using System.Numerics;

namespace StaticNets.Kernels;

/// <summary>
/// The lecture's L2 loss, L_i = Σ_j (p_j - t_j)² (no ½), averaged over the batch, generic over the float type.
/// Same shapes and meaning as <see cref="SquaredError"/>.
/// </summary>
internal static class SquaredErrorReference
{
    /// <summary>Σ over all (p - t)², divided by batch; predictions and targets are (batch, width).</summary>
    public static T Loss<T>(ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, int batch, int width)
        where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        for (int i = 0; i < batch * width; i++)
        {
            T difference = predictions[i] - targets[i];
            sum += difference * difference;
        }

        return sum / T.CreateChecked(batch);
    }

    /// <summary>dPredictions[i] = 2(p - t)/batch.</summary>
    public static void Backward<T>(Span<T> dPredictions, ReadOnlySpan<T> predictions, ReadOnlySpan<T> targets, int batch, int width)
        where T : IFloatingPointIeee754<T>
    {
        T count = T.CreateChecked(batch);
        T two = T.CreateChecked(2);
        for (int i = 0; i < batch * width; i++)
        {
            dPredictions[i] = two * (predictions[i] - targets[i]) / count;
        }
    }
}
