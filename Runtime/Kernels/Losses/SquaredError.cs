using System;
using System.Numerics.Tensors;

namespace StaticNets.Kernels;

/// <summary>
/// The lecture's L2 loss for regression, L_i = Σ_j (p_j - t_j)² (no ½, so the gradient is 2(p - t)), averaged over the
/// batch as <see cref="SoftmaxCrossEntropy"/> is. <see cref="SquaredErrorReference"/> is the plain-loop twin.
/// </summary>
public static class SquaredError
{
    /// <summary>The mean over the batch of each example's summed squared errors, accumulated in double.</summary>
    /// <param name="predictions">(batch, width).</param>
    /// <param name="targets">(batch, width).</param>
    /// <param name="batch">Examples in the batch.</param>
    /// <param name="width">Outputs per example.</param>
    /// <returns>The mean loss.</returns>
    /// <exception cref="ArgumentException">A span's length does not match the shapes.</exception>
    public static float Loss(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, int batch, int width)
    {
        CheckArguments(predictions, targets, batch, width);
        // One term at a time in double: a batch of regression outputs is a few hundred terms, and double keeps their
        // sum exact to well below float precision, which TensorPrimitives' float reductions would not.
        double sum = 0;
        for (int i = 0; i < predictions.Length; i++)
        {
            double difference = (double)predictions[i] - targets[i];
            sum += difference * difference;
        }

        return (float)(sum / batch);
    }

    /// <summary>Gradient of the mean loss: <c>dPredictions = 2(p - t)/batch</c>.</summary>
    /// <param name="dPredictions">(batch, width), overwritten; may be the same memory as <paramref name="predictions"/>.</param>
    /// <param name="predictions">(batch, width).</param>
    /// <param name="targets">(batch, width).</param>
    /// <param name="batch">Examples in the batch.</param>
    /// <param name="width">Outputs per example.</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes.</exception>
    public static void Backward(Span<float> dPredictions, ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, int batch, int width)
    {
        CheckArguments(predictions, targets, batch, width);
        Require.Exactly(dPredictions.Length, nameof(dPredictions), new ExpectedLength("batch*width", batch, width));
        TensorPrimitives.Subtract(predictions, targets, dPredictions);
        TensorPrimitives.Multiply(dPredictions, 2f / batch, dPredictions);
    }

    private static void CheckArguments(ReadOnlySpan<float> predictions, ReadOnlySpan<float> targets, int batch, int width)
    {
        Require.Positive(batch);
        Require.Positive(width);
        var shape = new ExpectedLength("batch*width", batch, width);
        Require.Exactly(predictions.Length, nameof(predictions), shape);
        Require.Exactly(targets.Length, nameof(targets), shape);
    }
}
