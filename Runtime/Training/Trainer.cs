using System;
using StaticNets.Data;

namespace StaticNets.Training;

/// <summary>
/// Trains a network with an optimizer: epochs of shuffled minibatches, an optional learning-rate schedule, validation
/// after every epoch, early stopping, and the notes' abort when the loss explodes (§6.6). The network ends holding
/// the parameters and buffers of its best validation epoch.
/// </summary>
/// <remarks>
/// The trainer does not initialise the network: call <see cref="INetwork.InitializeParameters"/> first. Buffers are
/// allocated before the first epoch; the epochs themselves allocate nothing (the report callbacks aside).
/// A classifier's best epoch has the highest validation accuracy; a regressor's the lowest validation loss.
/// Ties keep the earlier epoch.
/// </remarks>
public sealed class Trainer
{
    /// <summary>Creates a trainer with the given options.</summary>
    /// <param name="options">The run's settings; checked here.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range (the message names it).</exception>
    public Trainer(TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The run's settings.</summary>
    public TrainerOptions Options { get; }

    /// <summary>
    /// Trains a classifier, holding out <see cref="TrainerOptions.ValidationFraction"/> of <paramref name="data"/>
    /// (chosen with <see cref="TrainerOptions.Seed"/>) for validation.
    /// </summary>
    /// <param name="network">An initialised classifier ending in SOFTMAX or SVM; its MaxBatch must cover the batch size.</param>
    /// <param name="optimizer">An optimizer created for <paramref name="network"/>; its learning rate is epoch 0's.</param>
    /// <param name="data">All labelled examples; at least 2.</param>
    /// <returns>Why the run stopped, the per-epoch history and the best epoch (now restored in the network).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The data do not fit the network (feature length, label range), or the batch size exceeds its MaxBatch.</exception>
    public TrainingResult Train(IClassifier network, IOptimizer optimizer, ImageDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        (ImageDataset training, ImageDataset validation) = data.Split(Options.ValidationFraction, Options.Seed);
        return Train(network, optimizer, training, validation);
    }

    /// <summary>Trains a classifier on <paramref name="training"/>, validating on <paramref name="validation"/> after each epoch.</summary>
    /// <param name="network">An initialised classifier ending in SOFTMAX or SVM; its MaxBatch must cover the batch size.</param>
    /// <param name="optimizer">An optimizer created for <paramref name="network"/>; its learning rate is epoch 0's.</param>
    /// <param name="training">The examples trained on.</param>
    /// <param name="validation">The examples that choose the best epoch and drive early stopping.</param>
    /// <returns>Why the run stopped, the per-epoch history and the best epoch (now restored in the network).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The data do not fit the network (feature length, label range), or the batch size exceeds its MaxBatch.</exception>
    public TrainingResult Train(IClassifier network, IOptimizer optimizer, ImageDataset training, ImageDataset validation)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(validation);
        return TrainingLoop.Run(new ClassificationTask(network, training, validation, Options), optimizer, Options, training.Count);
    }

    /// <summary>
    /// Trains a regressor, holding out <see cref="TrainerOptions.ValidationFraction"/> of <paramref name="data"/>
    /// (chosen with <see cref="TrainerOptions.Seed"/>) for validation.
    /// </summary>
    /// <param name="network">An initialised regressor (L2 loss); its MaxBatch must cover the batch size.</param>
    /// <param name="optimizer">An optimizer created for <paramref name="network"/>; its learning rate is epoch 0's.</param>
    /// <param name="data">All examples with their targets; at least 2.</param>
    /// <returns>Why the run stopped, the per-epoch history and the best epoch (now restored in the network).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The data do not fit the network (feature or target length), or the batch size exceeds its MaxBatch.</exception>
    public TrainingResult Train(IRegressor network, IOptimizer optimizer, RegressionDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        (RegressionDataset training, RegressionDataset validation) = data.Split(Options.ValidationFraction, Options.Seed);
        return Train(network, optimizer, training, validation);
    }

    /// <summary>Trains a regressor on <paramref name="training"/>, validating on <paramref name="validation"/> after each epoch.</summary>
    /// <param name="network">An initialised regressor (L2 loss); its MaxBatch must cover the batch size.</param>
    /// <param name="optimizer">An optimizer created for <paramref name="network"/>; its learning rate is epoch 0's.</param>
    /// <param name="training">The examples trained on.</param>
    /// <param name="validation">The examples that choose the best epoch (lowest loss) and drive early stopping.</param>
    /// <returns>Why the run stopped, the per-epoch history and the best epoch (now restored in the network).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The data do not fit the network (feature or target length), or the batch size exceeds its MaxBatch.</exception>
    public TrainingResult Train(IRegressor network, IOptimizer optimizer, RegressionDataset training, RegressionDataset validation)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(validation);
        return TrainingLoop.Run(new RegressionTask(network, training, validation, Options), optimizer, Options, training.Count);
    }
}
