using System;

namespace StaticNets.Training;

/// <summary>
/// Settings of a <see cref="HyperparameterSearch"/>: how many random trials, the ranges the learning rate and the L2
/// strength are drawn from (log-uniformly), and the small training budget each trial gets.
/// </summary>
public sealed record HyperparameterSearchOptions
{
    /// <summary>Number of settings tried; at least 1.</summary>
    public int Trials { get; init; } = 10;

    /// <summary>Lower end of the learning-rate range; finite and greater than 0.</summary>
    public float MinLearningRate { get; init; } = 1e-4f;

    /// <summary>Upper end of the learning-rate range; at least <see cref="MinLearningRate"/>.</summary>
    public float MaxLearningRate { get; init; } = 1e-1f;

    /// <summary>Lower end of the L2-strength range; finite and greater than 0.</summary>
    public float MinRegularization { get; init; } = 1e-6f;

    /// <summary>Upper end of the L2-strength range; at least <see cref="MinRegularization"/>.</summary>
    public float MaxRegularization { get; init; } = 1e-2f;

    /// <summary>Seed of the draws; the same seed always tries the same settings in the same order.</summary>
    public int Seed { get; init; }

    /// <summary>
    /// How each trial trains (a small epoch budget, batch size, patience...). Its <see cref="TrainerOptions.Seed"/> also
    /// initialises every trial's network, so trials differ only in their hyperparameters.
    /// </summary>
    public TrainerOptions Training { get; init; } = new() { Epochs = 5 };

    /// <summary>Called after every trial, in the order they ran, e.g. to print progress; null for silence.</summary>
    public Action<HyperparameterTrial>? OnTrial { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first option that is out of range.</summary>
    internal void Validate()
    {
        if (Trials < 1)
        {
            throw new ArgumentException($"Trials must be at least 1, but is {Trials}.", nameof(Trials));
        }

        CheckRange(MinLearningRate, MaxLearningRate, "learning-rate", nameof(MinLearningRate));
        CheckRange(MinRegularization, MaxRegularization, "regularisation", nameof(MinRegularization));
        if (Training is null)
        {
            throw new ArgumentException("Training options are required.", nameof(Training));
        }

        Training.Validate();
    }

    private static void CheckRange(float min, float max, string what, string parameterName)
    {
        if (!float.IsFinite(min) || !float.IsFinite(max) || min <= 0f || max < min)
        {
            throw new ArgumentException(
                $"The {what} range must satisfy 0 < min <= max with finite ends (sampled on a log scale), but is [{min}, {max}].", parameterName);
        }
    }
}
