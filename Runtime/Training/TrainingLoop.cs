using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace StaticNets.Training;

/// <summary>
/// The epoch loop shared by classifiers and regressors: shuffled minibatches, optional schedule, per-epoch
/// validation, best-epoch snapshot (parameters and buffers), early stopping and the notes' divergence rule.
/// Everything it needs is allocated before the first epoch, so the epochs themselves allocate nothing.
/// </summary>
internal static class TrainingLoop
{
    // Weight of each new minibatch in the running loss: smooths single noisy batches (about ten batches of memory)
    // while an exploding loss still crosses the threshold within a few steps.
    private const double RunningLossWeight = 0.1;

    /// <param name="task">The network and its data.</param>
    /// <param name="optimizer">Steps the network's parameters.</param>
    /// <param name="options">The run's settings.</param>
    /// <param name="examplesPerEpoch">Training examples per epoch, for <see cref="BatchReport.Examples"/>.</param>
    public static TrainingResult Run(TrainingTask task, IOptimizer optimizer, TrainerOptions options, int examplesPerEpoch)
    {
        Action<BatchReport>? onBatch = options.OnBatch;
        INetwork network = task.Network;
        var history = new List<EpochReport>(options.Epochs);
        // Snapshot of the start, so a run that never produces a usable evaluation still leaves finite weights.
        float[] bestParameters = network.Parameters.ToArray();
        float[] bestBuffers = network.Buffers.ToArray();
        var best = new Evaluation(float.NaN, float.NaN);
        int bestEpoch = -1;
        int epochsWithoutImprovement = 0;
        float initialLearningRate = optimizer.LearningRate;
        float startingLoss = float.NaN;
        double runningLoss = double.NaN;
        StopReason stopReason = StopReason.Completed;
        int epoch = 0;

        for (; epoch < options.Epochs; epoch++)
        {
            long start = Stopwatch.GetTimestamp();
            if (options.Schedule is not null)
            {
                optimizer.LearningRate = options.Schedule.LearningRate(initialLearningRate, epoch);
            }

            task.Shuffle();
            double lossSum = 0;
            for (int batch = 0; batch < task.BatchCount; batch++)
            {
                float loss = task.TrainOnBatch(batch);
                if (!float.IsFinite(loss))
                {
                    stopReason = StopReason.NotANumber;
                    runningLoss = loss;
                    break;
                }

                if (float.IsNaN(startingLoss))
                {
                    startingLoss = loss;
                    runningLoss = loss;
                }
                else
                {
                    runningLoss += RunningLossWeight * (loss - runningLoss);
                }

                // A starting loss of 0 (data already fitted) gives no scale to diverge from.
                if (startingLoss > 0f && runningLoss > options.DivergenceFactor * (double)startingLoss)
                {
                    stopReason = StopReason.Diverged;
                    break;
                }

                optimizer.Step();
                lossSum += loss;
                if (onBatch is not null)
                {
                    // Every batch but the last is full, so the count needs no call into the sampler.
                    int examples = (int)Math.Min((long)(batch + 1) * options.BatchSize, examplesPerEpoch);
                    onBatch(new BatchReport(
                        epoch,
                        batch,
                        task.BatchCount,
                        examples,
                        examplesPerEpoch,
                        (float)(lossSum / (batch + 1)),
                        Stopwatch.GetElapsedTime(start).TotalSeconds));
                }
            }

            if (stopReason != StopReason.Completed)
            {
                break;
            }

            Evaluation validation = task.EvaluateValidation();
            float trainingAccuracy = task.TrainingAccuracy();
            var report = new EpochReport(
                epoch,
                optimizer.LearningRate,
                (float)(lossSum / task.BatchCount),
                trainingAccuracy,
                validation.Accuracy,
                validation.Loss,
                Stopwatch.GetElapsedTime(start).TotalSeconds);
            history.Add(report);
            options.OnEpoch?.Invoke(report);

            // A non-finite validation loss means broken weights: never worth keeping.
            if (float.IsFinite(validation.Loss) && (bestEpoch < 0 || task.IsImprovement(validation, best)))
            {
                best = validation;
                bestEpoch = epoch;
                epochsWithoutImprovement = 0;
                network.Parameters.CopyTo(bestParameters);
                network.Buffers.CopyTo(bestBuffers);
            }
            else
            {
                epochsWithoutImprovement++;
            }

            if (options.Patience is int patience && epochsWithoutImprovement >= patience)
            {
                stopReason = StopReason.EarlyStopped;
                break;
            }
        }

        bestParameters.CopyTo(network.Parameters);
        bestBuffers.CopyTo(network.Buffers);
        return new TrainingResult(
            stopReason,
            Math.Min(epoch, options.Epochs - 1),
            history,
            bestEpoch,
            best.Accuracy,
            best.Loss,
            startingLoss,
            (float)runningLoss,
            options.DivergenceFactor,
            options.Patience);
    }
}
