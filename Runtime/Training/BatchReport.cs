namespace StaticNets.Training;

/// <summary>
/// Where an epoch stands after one minibatch step; passed by value to <see cref="TrainerOptions.OnBatch"/>, so
/// reporting a batch allocates nothing.
/// </summary>
/// <param name="Epoch">The epoch, counted from 0.</param>
/// <param name="Batch">The minibatch just trained, counted from 0 within the epoch.</param>
/// <param name="BatchCount">Minibatches per epoch.</param>
/// <param name="Examples">Training examples seen so far in this epoch, this batch included.</param>
/// <param name="ExamplesPerEpoch">Training examples in one epoch.</param>
/// <param name="MeanLoss">
/// Mean of this epoch's minibatch losses so far (each including the regularisation term); after the last batch it
/// equals the epoch's <see cref="EpochReport.TrainingLoss"/>.
/// </param>
/// <param name="Seconds">Wall-clock time since the epoch started, training only (no evaluation yet).</param>
public readonly record struct BatchReport(
    int Epoch,
    int Batch,
    int BatchCount,
    int Examples,
    int ExamplesPerEpoch,
    float MeanLoss,
    double Seconds);
