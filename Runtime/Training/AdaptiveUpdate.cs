using System;
using System.Numerics.Tensors;

namespace StaticNets.Training;

/// <summary>
/// The per-parameter scaled step shared by Adagrad, RMSProp and Adam:
/// <c>w -= rate * numerator / (sqrt(cacheScale * cache) + eps)</c>, vectorised with TensorPrimitives over
/// stack chunks so no optimizer needs a second parameter-sized scratch array.
/// </summary>
internal static class AdaptiveUpdate
{
    // 512 floats = 2 KiB of stack: stays in L1 while the chunk passes run, small enough to stackalloc anywhere.
    private const int ChunkLength = 512;

    /// <summary><c>cache = decay * cache + (1 - decay) * g^2</c> (RMSProp's cache, Adam's second moment).</summary>
    public static void DecaySquares(Span<float> cache, ReadOnlySpan<float> gradients, float decay)
    {
        Span<float> squares = stackalloc float[ChunkLength];
        for (int start = 0; start < cache.Length; start += ChunkLength)
        {
            int length = Math.Min(ChunkLength, cache.Length - start);
            Span<float> chunk = cache.Slice(start, length);
            ReadOnlySpan<float> g = gradients.Slice(start, length);
            Span<float> g2 = squares.Slice(0, length);
            TensorPrimitives.Multiply(g, g, g2);
            // Lerp(a, b, t) = a + (b - a) * t = (1 - t) * a + t * b with t = 1 - decay.
            TensorPrimitives.Lerp(chunk, g2, 1f - decay, chunk);
        }
    }

    /// <summary><c>w -= rate * numerator / (sqrt(cacheScale * cache) + epsilon)</c>, element by element.</summary>
    public static void Apply(
        Span<float> parameters,
        ReadOnlySpan<float> numerator,
        ReadOnlySpan<float> cache,
        float cacheScale,
        float rate,
        float epsilon)
    {
        Span<float> scratch = stackalloc float[ChunkLength];
        for (int start = 0; start < parameters.Length; start += ChunkLength)
        {
            int length = Math.Min(ChunkLength, parameters.Length - start);
            Span<float> denominator = scratch.Slice(0, length);
            ReadOnlySpan<float> cacheChunk = cache.Slice(start, length);
            if (cacheScale == 1f)
            {
                TensorPrimitives.Sqrt(cacheChunk, denominator);
            }
            else
            {
                TensorPrimitives.Multiply(cacheChunk, cacheScale, denominator);
                TensorPrimitives.Sqrt(denominator, denominator);
            }

            TensorPrimitives.Add(denominator, epsilon, denominator);
            TensorPrimitives.Divide(numerator.Slice(start, length), denominator, denominator);
            Span<float> w = parameters.Slice(start, length);
            TensorPrimitives.MultiplyAdd(denominator, -rate, w, w);
        }
    }
}
