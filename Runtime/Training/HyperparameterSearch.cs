using System;
using System.Collections.Generic;
using StaticNets.Data;

namespace StaticNets.Training;

/// <summary>
/// Random search over the learning rate and the L2 strength (notes §6.6: random beats grid, because every trial
/// tries a new value of each hyperparameter). Both are drawn log-uniformly, since their useful values span orders of
/// magnitude; each trial trains a fresh network for a small budget and is ranked by validation accuracy.
/// </summary>
public static class HyperparameterSearch
{
    /// <summary>
    /// The settings <see cref="Run(Func{IClassifier}, Func{INetwork, float, IOptimizer}, ImageDataset, ImageDataset, HyperparameterSearchOptions)"/>
    /// tries, in draw order: for each trial a learning rate, then an L2 strength, each
    /// <c>exp(ln(min) + u * (ln(max) - ln(min)))</c> with u uniform in [0, 1) from a generator seeded with
    /// <see cref="HyperparameterSearchOptions.Seed"/>.
    /// </summary>
    /// <param name="options">The ranges, trial count and seed.</param>
    /// <returns>One (learning rate, L2 strength) pair per trial, each inside its range.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public static IReadOnlyList<(float LearningRate, float L2Regularization)> DrawSamples(HyperparameterSearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var random = new Random(options.Seed);
        var samples = new (float, float)[options.Trials];
        for (int i = 0; i < samples.Length; i++)
        {
            float learningRate = LogUniform(random, options.MinLearningRate, options.MaxLearningRate);
            float regularization = LogUniform(random, options.MinRegularization, options.MaxRegularization);
            samples[i] = (learningRate, regularization);
        }

        return samples;
    }

    /// <summary>
    /// Splits off a validation set with <see cref="TrainerOptions.ValidationFraction"/> and
    /// <see cref="TrainerOptions.Seed"/> of <see cref="HyperparameterSearchOptions.Training"/>, then runs the search.
    /// </summary>
    /// <param name="networkFactory">Creates a fresh classifier per trial (its MaxBatch must cover the batch size).</param>
    /// <param name="optimizerFactory">Creates the optimizer for a trial's network and learning rate.</param>
    /// <param name="data">All labelled examples.</param>
    /// <param name="options">Ranges, trial count, seeds and the per-trial training budget.</param>
    /// <returns>The trials, best first.</returns>
    /// <exception cref="ArgumentNullException">An argument is null, or a factory returns null.</exception>
    /// <exception cref="ArgumentException">An option is out of range, or the data do not fit the networks.</exception>
    public static HyperparameterSearchResult Run(
        Func<IClassifier> networkFactory,
        Func<INetwork, float, IOptimizer> optimizerFactory,
        ImageDataset data,
        HyperparameterSearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        (ImageDataset training, ImageDataset validation) = data.Split(options.Training.ValidationFraction, options.Training.Seed);
        return Run(networkFactory, optimizerFactory, training, validation, options);
    }

    /// <summary>
    /// Runs one trial per setting of <see cref="DrawSamples"/>: creates a network, initialises it with
    /// <see cref="TrainerOptions.Seed"/>, sets its <see cref="INetwork.L2Regularization"/>, creates the optimizer with
    /// the trial's learning rate, and trains with <see cref="HyperparameterSearchOptions.Training"/>. Deterministic for
    /// the seeds.
    /// </summary>
    /// <param name="networkFactory">Creates a fresh classifier per trial (its MaxBatch must cover the batch size).</param>
    /// <param name="optimizerFactory">Creates the optimizer for a trial's network and learning rate.</param>
    /// <param name="training">The examples trained on.</param>
    /// <param name="validation">The examples the trials are ranked on.</param>
    /// <param name="options">Ranges, trial count, seeds and the per-trial training budget.</param>
    /// <returns>The trials, best first.</returns>
    /// <exception cref="ArgumentNullException">An argument is null, or a factory returns null.</exception>
    /// <exception cref="ArgumentException">An option is out of range, or the data do not fit the networks.</exception>
    public static HyperparameterSearchResult Run(
        Func<IClassifier> networkFactory,
        Func<INetwork, float, IOptimizer> optimizerFactory,
        ImageDataset training,
        ImageDataset validation,
        HyperparameterSearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(networkFactory);
        ArgumentNullException.ThrowIfNull(optimizerFactory);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(validation);
        IReadOnlyList<(float LearningRate, float L2Regularization)> samples = DrawSamples(options);
        var trainer = new Trainer(options.Training);
        var trials = new List<HyperparameterTrial>(samples.Count);
        for (int i = 0; i < samples.Count; i++)
        {
            (float learningRate, float regularization) = samples[i];
            IClassifier network = networkFactory() ?? throw new ArgumentNullException(nameof(networkFactory), "The network factory returned null.");
            network.InitializeParameters(options.Training.Seed);
            network.L2Regularization = regularization;
            IOptimizer optimizer = optimizerFactory(network, learningRate)
                ?? throw new ArgumentNullException(nameof(optimizerFactory), "The optimizer factory returned null.");
            var trial = new HyperparameterTrial(i, learningRate, regularization, trainer.Train(network, optimizer, training, validation));
            trials.Add(trial);
            options.OnTrial?.Invoke(trial);
        }

        return new HyperparameterSearchResult(trials);
    }

    private static float LogUniform(Random random, float min, float max)
    {
        double logMin = Math.Log(min), logMax = Math.Log(max);
        double value = Math.Exp(logMin + random.NextDouble() * (logMax - logMin));
        // Narrowing to float may round a draw at either end just outside the range.
        return Math.Clamp((float)value, min, max);
    }
}
