using System;
using System.Globalization;

namespace StaticNets.Training;

/// <summary>
/// Step decay: the learning rate is multiplied by <see cref="Factor"/> every <see cref="EveryEpochs"/> epochs,
/// <c>lr = lr0 * factor^floor(epoch / everyEpochs)</c> (e.g. halve it every 5 epochs).
/// </summary>
public sealed class StepDecay : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="factor">The multiplier applied at each drop, in (0, 1].</param>
    /// <param name="everyEpochs">Epochs between drops; at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException">A value is out of range.</exception>
    public StepDecay(float factor, int everyEpochs)
    {
        if (!(factor > 0f && factor <= 1f))
        {
            throw new ArgumentOutOfRangeException(nameof(factor), factor, "The decay factor must be greater than 0 and at most 1.");
        }

        if (everyEpochs < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(everyEpochs), everyEpochs, "The learning rate must drop every 1 or more epochs.");
        }

        Factor = factor;
        EveryEpochs = everyEpochs;
    }

    /// <summary>The multiplier applied at each drop.</summary>
    public float Factor { get; }

    /// <summary>Epochs between drops.</summary>
    public int EveryEpochs { get; }

    /// <inheritdoc />
    public float LearningRate(float initial, int epoch)
    {
        ScheduleArguments.Check(initial, epoch);
        return ScheduleArguments.ToLearningRate(initial * Math.Pow(Factor, epoch / EveryEpochs));
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"x{Factor} every {EveryEpochs} epochs");
}
