using System;
using System.Numerics.Tensors;

namespace StaticNets.Training;

/// <summary>
/// Adagrad: <c>cache += dw^2; w -= lr * dw / (sqrt(cache) + eps)</c>. Each parameter's step shrinks with the sum of
/// its past squared gradients, so the effective learning rate only decreases.
/// </summary>
public sealed class Adagrad : IOptimizer
{
    private readonly INetwork _network;
    private readonly float[] _cache;
    private float _learningRate;

    /// <summary>Creates the optimizer and allocates its cache (one float per parameter) once.</summary>
    /// <param name="network">The network whose parameters this optimizer updates.</param>
    /// <param name="learningRate">lr, finite and greater than 0.</param>
    /// <param name="epsilon">eps, finite and greater than 0; keeps the division finite while the cache is zero.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentException">A hyperparameter is out of range, or the network's spans disagree with its <see cref="INetwork.ParameterCount"/>.</exception>
    public Adagrad(INetwork network, float learningRate, float epsilon = 1e-8f)
    {
        int count = OptimizerArguments.ParameterCount(network);
        _network = network;
        LearningRate = learningRate;
        Epsilon = OptimizerArguments.Epsilon(epsilon);
        _cache = new float[count];
    }

    /// <summary>The learning rate lr; finite and greater than 0. May be changed between steps (e.g. a schedule).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not finite or not positive.</exception>
    public float LearningRate
    {
        get => _learningRate;
        set => _learningRate = OptimizerArguments.LearningRate(value);
    }

    /// <summary>eps in the denominator.</summary>
    public float Epsilon { get; }

    /// <summary>The running sum of squared gradients, one entry per parameter.</summary>
    public ReadOnlySpan<float> Cache => _cache;

    /// <summary>Sets the cache back to zero, e.g. when restarting training from new weights.</summary>
    public void Reset() => Array.Clear(_cache);

    /// <inheritdoc />
    public void Step()
    {
        ReadOnlySpan<float> gradients = _network.Gradients;
        // cache = dw * dw + cache
        TensorPrimitives.MultiplyAdd(gradients, gradients, _cache, _cache);
        AdaptiveUpdate.Apply(_network.Parameters, gradients, _cache, cacheScale: 1f, _learningRate, Epsilon);
    }
}
