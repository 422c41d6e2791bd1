using System;
using System.Numerics.Tensors;

namespace StaticNets.Training;

/// <summary>
/// Stochastic gradient descent with momentum, in the notes' form: <c>v = rho * v + dw; w -= lr * v</c>.
/// The velocity starts at zero, so the first step is plain SGD.
/// </summary>
public sealed class SgdMomentum : IOptimizer
{
    private readonly INetwork _network;
    private readonly float[] _velocity;
    private float _learningRate;
    private float _momentum;

    /// <summary>Creates the optimizer and allocates its velocity (one float per parameter) once.</summary>
    /// <param name="network">The network whose parameters this optimizer updates.</param>
    /// <param name="learningRate">lr, finite and greater than 0.</param>
    /// <param name="momentum">rho, in [0, 1); 0 gives plain SGD.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentException">A hyperparameter is out of range, or the network's spans disagree with its <see cref="INetwork.ParameterCount"/>.</exception>
    public SgdMomentum(INetwork network, float learningRate, float momentum = 0.9f)
    {
        ArgumentNullException.ThrowIfNull(network);
        int count = network.ParameterCount;
        if (network.Parameters.Length != count || network.Gradients.Length != count)
        {
            throw new ArgumentException(
                $"The network reports {count} parameters but exposes {network.Parameters.Length} parameters and {network.Gradients.Length} gradients.",
                nameof(network));
        }

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
        set
        {
            if (!float.IsFinite(value) || value <= 0f)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The learning rate must be finite and greater than 0.");
            }

            _learningRate = value;
        }
    }

    /// <summary>The momentum rho; in [0, 1) (at 1 or above the velocity never decays). 0 gives plain SGD.</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value outside [0, 1).</exception>
    public float Momentum
    {
        get => _momentum;
        set
        {
            if (!(value >= 0f && value < 1f))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The momentum must be at least 0 and less than 1.");
            }

            _momentum = value;
        }
    }

    /// <summary>The velocity v, one entry per parameter (read-only view, e.g. for checkpoints or tests).</summary>
    public ReadOnlySpan<float> Velocity => _velocity;

    /// <summary>Sets the velocity back to zero, e.g. when restarting training from new weights.</summary>
    public void Reset() => Array.Clear(_velocity);

    /// <inheritdoc />
    public void Step()
    {
        Span<float> parameters = _network.Parameters;
        ReadOnlySpan<float> gradients = _network.Gradients;

        // v = rho * v + dw
        TensorPrimitives.MultiplyAdd(_velocity, _momentum, gradients, _velocity);
        // w = v * (-lr) + w
        TensorPrimitives.MultiplyAdd(_velocity, -_learningRate, parameters, parameters);
    }
}
