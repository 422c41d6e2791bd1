using System;

namespace StaticNets.Training;

/// <summary>A model's score on a set of examples: accuracy (NaN for a regressor) and mean data loss.</summary>
internal readonly record struct Evaluation(float Accuracy, float Loss);

/// <summary>
/// What the training loop needs to know about one kind of network and its data (classifier with labels, regressor
/// with targets), so <see cref="TrainingLoop"/> is written once. Every buffer is allocated by the constructor.
/// </summary>
internal abstract class TrainingTask
{
    protected TrainingTask(INetwork network, int trainingCount, TrainerOptions options)
    {
        if (options.BatchSize > network.MaxBatch)
        {
            throw new ArgumentException(
                $"The batch size {options.BatchSize} exceeds the network's MaxBatch of {network.MaxBatch}; construct the network for at least {options.BatchSize} examples or use smaller batches.",
                nameof(options));
        }

        Network = network;
        BatchSize = options.BatchSize;
        Sampler = new MinibatchSampler(trainingCount, options.Seed);
        BatchCount = Sampler.BatchCount(BatchSize);
    }

    /// <summary>The network being trained.</summary>
    public INetwork Network { get; }

    /// <summary>Minibatches per epoch.</summary>
    public int BatchCount { get; }

    protected int BatchSize { get; }

    protected MinibatchSampler Sampler { get; }

    /// <summary>Starts an epoch: reshuffles the training order.</summary>
    public void Shuffle() => Sampler.Shuffle();

    /// <summary>Gathers minibatch <paramref name="batchIndex"/> and runs a training pass; returns its loss.</summary>
    public abstract float TrainOnBatch(int batchIndex);

    /// <summary>Scores the network on the validation set in inference mode.</summary>
    public abstract Evaluation EvaluateValidation();

    /// <summary>Accuracy on a training sample, or NaN when not measured.</summary>
    public abstract float TrainingAccuracy();

    /// <summary>Whether <paramref name="candidate"/> beats <paramref name="best"/> (higher accuracy, or lower loss for a regressor).</summary>
    public abstract bool IsImprovement(Evaluation candidate, Evaluation best);

    protected static void CheckInputLength(INetwork network, int featureLength, string parameterName)
    {
        if (featureLength != network.InputLength)
        {
            throw new ArgumentException(
                $"The examples have {featureLength} features but the network takes {network.InputLength} per example.", parameterName);
        }
    }
}
