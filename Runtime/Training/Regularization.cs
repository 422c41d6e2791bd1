using System;
using System.Numerics.Tensors;

namespace StaticNets;

/// <summary>
/// Regularisation penalties added to the data loss (notes §3.2). Generated <c>ForwardBackward</c> calls these on
/// each weight tensor (never the biases) after the backward pass has written the data gradient; L1 and L2
/// together are the notes' elastic net.
/// </summary>
public static class Regularization
{
    // Floats widened to double per chunk; 512 doubles = 4 KiB of stack, small enough to stackalloc anywhere.
    private const int ChunkLength = 512;

    /// <summary>
    /// L2 penalty lambda * sum(w^2): returns the penalty and adds its gradient 2 * lambda * w to
    /// <paramref name="gradients"/> (notes §3.2, R(W) = sum of w^2).
    /// </summary>
    /// <param name="weights">The weights being penalised.</param>
    /// <param name="gradients">Their gradients, same length; the penalty's gradient is added in place.</param>
    /// <param name="strength">lambda, finite and not negative. Zero returns 0 and leaves <paramref name="gradients"/> untouched.</param>
    /// <returns>lambda * sum(w^2), the sum accumulated in double so large tensors do not lose small terms.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, or <paramref name="strength"/> is negative or not finite.</exception>
    public static float AddL2(ReadOnlySpan<float> weights, Span<float> gradients, float strength)
    {
        Validate(weights, gradients, strength, "L2");

        if (strength == 0f)
        {
            return 0f;
        }

        double sumOfSquares = 0.0;
        Span<double> widened = stackalloc double[ChunkLength];
        for (int start = 0; start < weights.Length; start += ChunkLength)
        {
            ReadOnlySpan<float> chunk = weights.Slice(start, Math.Min(ChunkLength, weights.Length - start));
            Span<double> chunkAsDouble = widened.Slice(0, chunk.Length);
            TensorPrimitives.ConvertChecked<float, double>(chunk, chunkAsDouble);
            sumOfSquares += TensorPrimitives.SumOfSquares<double>(chunkAsDouble);
        }

        // gradients = weights * (2 * lambda) + gradients, in place (exact overlap is allowed by TensorPrimitives).
        TensorPrimitives.MultiplyAdd(weights, 2f * strength, gradients, gradients);
        return (float)(strength * sumOfSquares);
    }

    /// <summary>
    /// L1 penalty lambda * sum(|w|): returns the penalty and adds its (sub)gradient lambda * sign(w) to
    /// <paramref name="gradients"/>, taking sign(0) = 0 (notes §3.2, R(W) = sum of |w|).
    /// </summary>
    /// <param name="weights">The weights being penalised.</param>
    /// <param name="gradients">Their gradients, same length; the penalty's gradient is added in place.</param>
    /// <param name="strength">lambda, finite and not negative. Zero returns 0 and leaves <paramref name="gradients"/> untouched.</param>
    /// <returns>lambda * sum(|w|), the sum accumulated in double.</returns>
    /// <exception cref="ArgumentException">The spans differ in length, or <paramref name="strength"/> is negative or not finite.</exception>
    public static float AddL1(ReadOnlySpan<float> weights, Span<float> gradients, float strength)
    {
        Validate(weights, gradients, strength, "L1");

        if (strength == 0f)
        {
            return 0f;
        }

        double sumOfMagnitudes = 0.0;
        for (int i = 0; i < weights.Length; i++)
        {
            float w = weights[i];
            sumOfMagnitudes += Math.Abs(w);
            gradients[i] += w > 0f ? strength : w < 0f ? -strength : 0f;
        }
        return (float)(strength * sumOfMagnitudes);
    }

    private static void Validate(ReadOnlySpan<float> weights, Span<float> gradients, float strength, string penalty)
    {
        if (!float.IsFinite(strength) || strength < 0f)
        {
            throw new ArgumentException($"The {penalty} strength must be finite and not negative, but was {strength}.", nameof(strength));
        }

        if (weights.Length != gradients.Length)
        {
            throw new ArgumentException(
                $"The gradients must have one entry per weight: expected {weights.Length}, got {gradients.Length}.",
                nameof(gradients));
        }
    }
}
