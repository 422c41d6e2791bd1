using System;
using System.Numerics.Tensors;

namespace StaticNets.Training;

/// <summary>Vanilla stochastic gradient descent (notes §3.3): <c>w -= lr * dw</c>. Keeps no state.</summary>
public sealed class Sgd : IOptimizer
{
    private readonly INetwork _network;
    private float _learningRate;

    /// <summary>Creates the optimizer for <paramref name="network"/>.</summary>
    /// <param name="network">The network whose parameters this optimizer updates.</param>
    /// <param name="learningRate">lr, finite and greater than 0.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentException">The learning rate is out of range, or the network's spans disagree with its <see cref="INetwork.ParameterCount"/>.</exception>
    public Sgd(INetwork network, float learningRate)
    {
        OptimizerArguments.ParameterCount(network);
        _network = network;
        LearningRate = learningRate;
    }

    /// <summary>The learning rate lr; finite and greater than 0. May be changed between steps (e.g. a schedule).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not finite or not positive.</exception>
    public float LearningRate
    {
        get => _learningRate;
        set => _learningRate = OptimizerArguments.LearningRate(value);
    }

    /// <inheritdoc />
    public void Step()
    {
        Span<float> parameters = _network.Parameters;
        // w = dw * (-lr) + w
        TensorPrimitives.MultiplyAdd(_network.Gradients, -_learningRate, parameters, parameters);
    }
}
