using System;

namespace StaticNets.Training;

/// <summary>How a <see cref="Trainer"/> runs: budget, batching, seed, stopping rules and progress reporting.</summary>
public sealed record TrainerOptions
{
    /// <summary>Most epochs to run; at least 1.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Examples per minibatch; at least 1 and at most the network's <see cref="INetwork.MaxBatch"/>.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Seed of the minibatch shuffling (and of the validation split when the trainer makes one).</summary>
    public int Seed { get; init; }

    /// <summary>
    /// Stop early after this many consecutive epochs without a better validation result (at least 1), or null to
    /// always run every epoch.
    /// </summary>
    public int? Patience { get; init; }

    /// <summary>
    /// Share of the data held out for validation when no explicit validation set is given, in (0, 1)
    /// (see <see cref="DatasetSplit"/>).
    /// </summary>
    public float ValidationFraction { get; init; } = 0.1f;

    /// <summary>
    /// How the learning rate changes per epoch, starting from the optimizer's at the start of the run; null keeps it
    /// constant. The trainer sets <see cref="IOptimizer.LearningRate"/> before each epoch, so the optimizer ends the run
    /// with the last epoch's rate.
    /// </summary>
    public ILearningRateSchedule? Schedule { get; init; }

    /// <summary>
    /// Abort as <see cref="StopReason.Diverged"/> when the running training loss exceeds this multiple of its starting
    /// value; greater than 1. The notes' coarse-search rule uses 3 (§6.6).
    /// </summary>
    public float DivergenceFactor { get; init; } = 3f;

    /// <summary>
    /// How many training examples (the first ones) a classifier is scored on after each epoch, for
    /// <see cref="EpochReport.TrainingAccuracy"/>; 0 skips it. Comparing it with validation accuracy shows
    /// overfitting (notes §6.6).
    /// </summary>
    public int TrainingAccuracyExamples { get; init; } = 1000;

    /// <summary>Called after every epoch with its report, e.g. to print progress; null for silence.</summary>
    public Action<EpochReport>? OnEpoch { get; init; }

    /// <summary>
    /// Called after every minibatch step with where the epoch stands, e.g. to drive a progress bar; null (the default)
    /// costs nothing. The report is a struct passed by value, so the call itself allocates nothing. It runs on the
    /// training thread between steps: keep it quick, since the next step waits for it.
    /// </summary>
    public Action<BatchReport>? OnBatch { get; init; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first option that is out of range.</summary>
    internal void Validate()
    {
        if (Epochs < 1)
        {
            throw new ArgumentException($"Epochs must be at least 1, but is {Epochs}.", nameof(Epochs));
        }

        if (BatchSize < 1)
        {
            throw new ArgumentException($"BatchSize must be at least 1, but is {BatchSize}.", nameof(BatchSize));
        }

        if (Patience is < 1)
        {
            throw new ArgumentException($"Patience must be at least 1 epoch (or null to never stop early), but is {Patience}.", nameof(Patience));
        }

        if (!(ValidationFraction > 0f && ValidationFraction < 1f))
        {
            throw new ArgumentException($"ValidationFraction must be greater than 0 and less than 1, but is {ValidationFraction}.", nameof(ValidationFraction));
        }

        if (!(DivergenceFactor > 1f) || float.IsPositiveInfinity(DivergenceFactor))
        {
            throw new ArgumentException($"DivergenceFactor must be finite and greater than 1, but is {DivergenceFactor}.", nameof(DivergenceFactor));
        }

        if (TrainingAccuracyExamples < 0)
        {
            throw new ArgumentException($"TrainingAccuracyExamples must not be negative, but is {TrainingAccuracyExamples}.", nameof(TrainingAccuracyExamples));
        }
    }
}
