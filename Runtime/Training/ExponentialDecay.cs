using System;
using System.Globalization;

namespace StaticNets.Training;

/// <summary>Exponential decay in the notes' form: <c>lr = lr0 * e^(-k * epoch)</c>.</summary>
public sealed class ExponentialDecay : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="k">The decay rate per epoch; finite and not negative (0 keeps the rate constant).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> is negative or not finite.</exception>
    public ExponentialDecay(float k)
    {
        if (!float.IsFinite(k) || k < 0f)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, "The decay rate k must be finite and not negative.");
        }

        K = k;
    }

    /// <summary>The decay rate per epoch.</summary>
    public float K { get; }

    /// <inheritdoc />
    public float LearningRate(float initial, int epoch)
    {
        ScheduleArguments.Check(initial, epoch);
        return ScheduleArguments.ToLearningRate(initial * Math.Exp(-(double)K * epoch));
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"exp(-{K} * epoch)");
}
