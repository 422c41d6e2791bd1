using System;

namespace StaticNets.Training;

/// <summary>
/// RMSProp: <c>cache = decay * cache + (1 - decay) * dw^2; w -= lr * dw / (sqrt(cache) + eps)</c>. Like Adagrad, but
/// the cache is a leaky average, so the effective learning rate does not decay to zero.
/// </summary>
public sealed class RmsProp : IOptimizer
{
    private readonly INetwork _network;
    private readonly float[] _cache;
    private float _learningRate;
    private float _decay;

    /// <summary>Creates the optimizer and allocates its cache (one float per parameter) once.</summary>
    /// <param name="network">The network whose parameters this optimizer updates.</param>
    /// <param name="learningRate">lr, finite and greater than 0.</param>
    /// <param name="decay">The cache's decay rate, in [0, 1); typical values 0.9, 0.99, 0.999.</param>
    /// <param name="epsilon">eps, finite and greater than 0; keeps the division finite while the cache is zero.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentException">A hyperparameter is out of range, or the network's spans disagree with its <see cref="INetwork.ParameterCount"/>.</exception>
    public RmsProp(INetwork network, float learningRate, float decay = 0.99f, float epsilon = 1e-8f)
    {
        int count = OptimizerArguments.ParameterCount(network);
        _network = network;
        LearningRate = learningRate;
        Decay = decay;
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

    /// <summary>The cache's decay rate; in [0, 1).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value outside [0, 1).</exception>
    public float Decay
    {
        get => _decay;
        set => _decay = OptimizerArguments.UnitInterval(value, "decay");
    }

    /// <summary>eps in the denominator.</summary>
    public float Epsilon { get; }

    /// <summary>The leaky average of squared gradients, one entry per parameter.</summary>
    public ReadOnlySpan<float> Cache => _cache;

    /// <summary>Sets the cache back to zero, e.g. when restarting training from new weights.</summary>
    public void Reset() => Array.Clear(_cache);

    /// <inheritdoc />
    public void Step()
    {
        ReadOnlySpan<float> gradients = _network.Gradients;
        AdaptiveUpdate.DecaySquares(_cache, gradients, _decay);
        AdaptiveUpdate.Apply(_network.Parameters, gradients, _cache, cacheScale: 1f, _learningRate, Epsilon);
    }
}
