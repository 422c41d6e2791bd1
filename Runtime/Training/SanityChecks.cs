using System;
using StaticNets.Data;

namespace StaticNets.Training;

/// <summary>
/// The checks the notes recommend before training for real (§6.5): the initial loss matches a random predictor, and
/// the network can overfit a tiny subset. Both switch regularisation (L2 and L1) off while they run and restore it.
/// </summary>
public static class SanityChecks
{
    /// <summary>
    /// Measures the training loss of <paramref name="network"/> as it stands (initialise it first) on the first
    /// <paramref name="batch"/> examples with regularisation off, and compares it with a random predictor's:
    /// ln(classes) for SOFTMAX, (classes - 1) * margin for SVM (loss kind and margin from <c>network.Layers[^1]</c>).
    /// Overwrites the network's gradients; leaves its parameters alone.
    /// </summary>
    /// <param name="network">An initialised classifier ending in SOFTMAX or SVM.</param>
    /// <param name="data">Examples shaped for the network; labels within its classes.</param>
    /// <param name="batch">Examples measured: 1 .. min(data.Count, network.MaxBatch). More examples average out noise.</param>
    /// <param name="relativeTolerance">Accepted deviation as a share of the expected loss, greater than 0.</param>
    /// <returns>The measured and expected losses and whether they agree.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The network does not end in a classification loss, the data do not fit it, or <paramref name="batch"/> is out of range.</exception>
    public static InitialLossCheck InitialLoss(IClassifier network, ImageDataset data, int batch, float relativeTolerance = 0.1f)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(data);
        if (!(relativeTolerance > 0f) || !float.IsFinite(relativeTolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(relativeTolerance), relativeTolerance, "The relative tolerance must be finite and greater than 0.");
        }

        ClassifierLoss loss = ClassifierLoss.ReadFrom(network, nameof(network));
        CheckSubset(network, data, batch, nameof(batch));
        int classes = network.OutputLength;
        float expected = loss.Operation == LayerOperation.SoftmaxLoss ? MathF.Log(classes) : (classes - 1) * loss.Margin;

        float measured;
        using (new RegularizationOff(network))
        {
            measured = network.ForwardBackward(
                data.Features.AsSpan(0, batch * network.InputLength), data.Labels.AsSpan(0, batch), batch);
        }

        return new InitialLossCheck(loss.Operation, classes, measured, expected, relativeTolerance * expected);
    }

    /// <summary>
    /// Trains <paramref name="network"/> full-batch on the first <paramref name="examples"/> examples of
    /// <paramref name="data"/> with regularisation off, until it classifies all of them correctly or
    /// <paramref name="maxSteps"/> optimizer steps have run. The network is left trained on the subset:
    /// initialise it again before real training.
    /// </summary>
    /// <param name="network">An initialised classifier.</param>
    /// <param name="optimizer">Creates the optimizer to use for <paramref name="network"/> (e.g. <c>n =&gt; new Adam(n, 1e-2f)</c>).</param>
    /// <param name="data">Examples shaped for the network; labels within its classes.</param>
    /// <param name="examples">Subset size: 1 .. min(data.Count, network.MaxBatch); the notes suggest 10 to 100.</param>
    /// <param name="maxSteps">The step budget; at least 1.</param>
    /// <returns>The accuracy reached on the subset, the steps it took and the final loss.</returns>
    /// <exception cref="ArgumentNullException">An argument is null, or the optimizer factory returns null.</exception>
    /// <exception cref="ArgumentException">The data do not fit the network, or a count is out of range.</exception>
    public static OverfitCheck OverfitSmallSubset(
        IClassifier network,
        Func<INetwork, IOptimizer> optimizer,
        ImageDataset data,
        int examples = 20,
        int maxSteps = 500)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(data);
        CheckSubset(network, data, examples, nameof(examples));
        if (maxSteps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxSteps), maxSteps, "The step budget must be at least 1.");
        }

        ReadOnlySpan<float> input = data.Features.AsSpan(0, examples * network.InputLength);
        ReadOnlySpan<int> labels = data.Labels.AsSpan(0, examples);
        var predictions = new int[examples];
        using var regularizationOff = new RegularizationOff(network);
        IOptimizer update = optimizer(network) ?? throw new ArgumentNullException(nameof(optimizer), "The optimizer factory returned null.");
        int steps = 0;
        while (true)
        {
            float loss = network.ForwardBackward(input, labels, examples);
            network.Predict(input, predictions, examples);
            float accuracy = (float)CountEqual(predictions, labels) / examples;
            if (accuracy == 1f || steps == maxSteps || !float.IsFinite(loss))
            {
                return new OverfitCheck(examples, steps, maxSteps, accuracy, loss);
            }

            update.Step();
            steps++;
        }
    }

    private static void CheckSubset(IClassifier network, ImageDataset data, int count, string parameterName)
    {
        if (data.FeatureLength != network.InputLength)
        {
            throw new ArgumentException(
                $"The examples have {data.FeatureLength} features but the network takes {network.InputLength} per example.", nameof(data));
        }

        int limit = Math.Min(data.Count, network.MaxBatch);
        if (count < 1 || count > limit)
        {
            throw new ArgumentOutOfRangeException(parameterName, count,
                $"Must be between 1 and {limit}: the dataset holds {data.Count} examples and the network's MaxBatch is {network.MaxBatch}.");
        }

        for (int i = 0; i < count; i++)
        {
            if ((uint)data.Labels[i] >= (uint)network.OutputLength)
            {
                throw new ArgumentException(
                    $"Label {data.Labels[i]} of example {i} is outside the network's classes 0 .. {network.OutputLength - 1}.", nameof(data));
            }
        }
    }

    private static int CountEqual(ReadOnlySpan<int> predictions, ReadOnlySpan<int> labels)
    {
        int equal = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            equal += predictions[i] == labels[i] ? 1 : 0;
        }

        return equal;
    }

    /// <summary>Switches L2 and L1 off for its lifetime and restores both on dispose, even when a check throws.</summary>
    private readonly struct RegularizationOff : IDisposable
    {
        private readonly INetwork _network;
        private readonly float _l2;
        private readonly float _l1;

        public RegularizationOff(INetwork network)
        {
            _network = network;
            _l2 = network.L2Regularization;
            _l1 = network.L1Regularization;
            network.L2Regularization = 0f;
            network.L1Regularization = 0f;
        }

        public void Dispose()
        {
            _network.L2Regularization = _l2;
            _network.L1Regularization = _l1;
        }
    }
}
