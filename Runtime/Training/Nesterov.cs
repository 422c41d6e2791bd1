using System;
using System.Numerics.Tensors;

namespace StaticNets.Training;

/// <summary>
/// Nesterov momentum in the CS231n notes' form, with the velocity carrying the step's sign:
/// <code>
/// v_prev = v
/// v = mu * v - lr * dw
/// w += -mu * v_prev + (1 + mu) * v
/// </code>
/// The velocity starts at zero. The weight update is evaluated as the algebraically identical
/// <c>w += mu^2 * v_prev - (1 + mu) * lr * dw</c> before <c>v</c> is overwritten, so no copy of <c>v_prev</c> is kept.
/// </summary>
public sealed class Nesterov : IOptimizer
{
    private readonly INetwork _network;
    private readonly float[] _velocity;
    private float _learningRate;
    private float _momentum;

    /// <summary>Creates the optimizer and allocates its velocity (one float per parameter) once.</summary>
    /// <param name="network">The network whose parameters this optimizer updates.</param>
    /// <param name="learningRate">lr, finite and greater than 0.</param>
    /// <param name="momentum">mu, in [0, 1); 0 gives plain SGD.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentException">A hyperparameter is out of range, or the network's spans disagree with its <see cref="INetwork.ParameterCount"/>.</exception>
    public Nesterov(INetwork network, float learningRate, float momentum = 0.9f)
    {
        int count = OptimizerArguments.ParameterCount(network);
        _network = network;
        LearningRate = learningRate;
        Momentum = momentum;
        _velocity = new float[count];
    }

    /// <summary>The learning rate lr; finite and greater than 0. May be changed between steps (e.g. a schedule).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not finite or not positive.</exception>
    public float LearningRate
    {
        get => _learningRate;
        set => _learningRate = OptimizerArguments.LearningRate(value);
    }

    /// <summary>The momentum mu; in [0, 1). 0 gives plain SGD.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value outside [0, 1).</exception>
    public float Momentum
    {
        get => _momentum;
        set => _momentum = OptimizerArguments.UnitInterval(value, "momentum");
    }

    /// <summary>The velocity v (already scaled by the learning rate and negative along the gradient), one entry per parameter.</summary>
    public ReadOnlySpan<float> Velocity => _velocity;

    /// <summary>Sets the velocity back to zero, e.g. when restarting training from new weights.</summary>
    public void Reset() => Array.Clear(_velocity);

    /// <inheritdoc />
    public void Step()
    {
        Span<float> parameters = _network.Parameters;
        ReadOnlySpan<float> gradients = _network.Gradients;
        float mu = _momentum;

        // w += mu^2 * v_prev - (1 + mu) * lr * dw   (= -mu * v_prev + (1 + mu) * (mu * v_prev - lr * dw))
        TensorPrimitives.MultiplyAdd(_velocity, mu * mu, parameters, parameters);
        TensorPrimitives.MultiplyAdd(gradients, -(1f + mu) * _learningRate, parameters, parameters);
        // v = mu * v - lr * dw
        TensorPrimitives.Multiply(_velocity, mu, _velocity);
        TensorPrimitives.MultiplyAdd(gradients, -_learningRate, _velocity, _velocity);
    }
}
