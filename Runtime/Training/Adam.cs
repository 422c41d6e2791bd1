using System;
using System.Numerics.Tensors;

namespace StaticNets.Training;

/// <summary>
/// Adam with bias correction, t counted from 1:
/// <code>
/// t += 1
/// m = beta1 * m + (1 - beta1) * dw
/// v = beta2 * v + (1 - beta2) * dw^2
/// w -= lr * (m / (1 - beta1^t)) / (sqrt(v / (1 - beta2^t)) + eps)
/// </code>
/// Both moments start at zero; the corrections undo the bias that start gives the first steps.
/// </summary>
public sealed class Adam : IOptimizer
{
    private readonly INetwork _network;
    private readonly float[] _firstMoment;
    private readonly float[] _secondMoment;
    private float _learningRate;

    // beta^t kept as running products in double: exact enough for millions of steps, no Math.Pow per step.
    private double _beta1Power = 1.0;
    private double _beta2Power = 1.0;

    /// <summary>Creates the optimizer and allocates both moments (one float per parameter each) once.</summary>
    /// <param name="network">The network whose parameters this optimizer updates.</param>
    /// <param name="learningRate">lr, finite and greater than 0 (1e-3 is the usual start).</param>
    /// <param name="beta1">Decay of the first moment, in [0, 1).</param>
    /// <param name="beta2">Decay of the second moment, in [0, 1).</param>
    /// <param name="epsilon">eps, finite and greater than 0.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentException">A hyperparameter is out of range, or the network's spans disagree with its <see cref="INetwork.ParameterCount"/>.</exception>
    public Adam(INetwork network, float learningRate, float beta1 = 0.9f, float beta2 = 0.999f, float epsilon = 1e-8f)
    {
        int count = OptimizerArguments.ParameterCount(network);
        _network = network;
        LearningRate = learningRate;
        Beta1 = OptimizerArguments.UnitInterval(beta1, "beta1");
        Beta2 = OptimizerArguments.UnitInterval(beta2, "beta2");
        Epsilon = OptimizerArguments.Epsilon(epsilon);
        _firstMoment = new float[count];
        _secondMoment = new float[count];
    }

    /// <summary>The learning rate lr; finite and greater than 0. May be changed between steps (e.g. a schedule).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Set to a value that is not finite or not positive.</exception>
    public float LearningRate
    {
        get => _learningRate;
        set => _learningRate = OptimizerArguments.LearningRate(value);
    }

    /// <summary>Decay of the first moment (beta1).</summary>
    public float Beta1 { get; }

    /// <summary>Decay of the second moment (beta2).</summary>
    public float Beta2 { get; }

    /// <summary>eps in the denominator.</summary>
    public float Epsilon { get; }

    /// <summary>Steps taken so far: t of the last step (0 before the first).</summary>
    public long StepCount { get; private set; }

    /// <summary>The first moment m (uncorrected), one entry per parameter.</summary>
    public ReadOnlySpan<float> FirstMoment => _firstMoment;

    /// <summary>The second moment v (uncorrected), one entry per parameter.</summary>
    public ReadOnlySpan<float> SecondMoment => _secondMoment;

    /// <summary>Zeroes both moments and the step count, e.g. when restarting training from new weights.</summary>
    public void Reset()
    {
        Array.Clear(_firstMoment);
        Array.Clear(_secondMoment);
        StepCount = 0;
        _beta1Power = 1.0;
        _beta2Power = 1.0;
    }

    /// <inheritdoc />
    public void Step()
    {
        ReadOnlySpan<float> gradients = _network.Gradients;
        StepCount++;
        _beta1Power *= Beta1;
        _beta2Power *= Beta2;

        // m = beta1 * m + (1 - beta1) * dw, as Lerp(m, dw, 1 - beta1).
        TensorPrimitives.Lerp(_firstMoment, gradients, 1f - Beta1, _firstMoment);
        AdaptiveUpdate.DecaySquares(_secondMoment, gradients, Beta2);

        // lr * (m / c1) / (sqrt(v / c2) + eps), with c = 1 - beta^t.
        float firstCorrection = (float)(1.0 - _beta1Power);
        float secondCorrection = (float)(1.0 - _beta2Power);
        AdaptiveUpdate.Apply(_network.Parameters, _firstMoment, _secondMoment, 1f / secondCorrection, _learningRate / firstCorrection, Epsilon);
    }
}
