using System;
using System.Collections.Generic;

namespace StaticNets.Training;

/// <summary>
/// The data loss of a classifier recomputed from its inference output (<see cref="INetwork.Forward"/>), so validation
/// needs no training pass: cross-entropy from SOFTMAX's probabilities, the multiclass hinge from SVM's scores.
/// </summary>
internal readonly struct ClassifierLoss
{
    // A probability of exactly 0 would give an infinite loss for one example and swamp the mean;
    // the smallest normal float caps an example's loss at ~87.3 instead.
    private const float SmallestProbability = 1.17549435e-38f;

    private ClassifierLoss(LayerOperation operation, float margin)
    {
        Operation = operation;
        Margin = margin;
    }

    /// <summary><see cref="LayerOperation.SoftmaxLoss"/> or <see cref="LayerOperation.SvmLoss"/>.</summary>
    public LayerOperation Operation { get; }

    /// <summary>SVM's margin (unused for SOFTMAX).</summary>
    public float Margin { get; }

    /// <summary>Reads the loss from the network's last layer.</summary>
    /// <exception cref="ArgumentException">The network does not end in SOFTMAX or SVM.</exception>
    public static ClassifierLoss ReadFrom(IClassifier network, string parameterName)
    {
        IReadOnlyList<LayerInfo> layers = network.Layers;
        LayerInfo? last = layers.Count > 0 ? layers[^1] : null;
        if (last is null || (last.Operation != LayerOperation.SoftmaxLoss && last.Operation != LayerOperation.SvmLoss))
        {
            throw new ArgumentException(
                $"The classifier's last layer must be a SOFTMAX or SVM loss (Layers[^1].Operation), but is {(last is null ? "missing" : last.Operation.ToString())}.",
                parameterName);
        }

        return new ClassifierLoss(last.Operation, last.Margin);
    }

    /// <summary>One example's loss from its output row (probabilities or scores) and label.</summary>
    public double ExampleLoss(ReadOnlySpan<float> output, int label)
    {
        if (Operation == LayerOperation.SoftmaxLoss)
        {
            return -Math.Log(Math.Max(output[label], SmallestProbability));
        }

        // sum over j != y of max(0, s_j - s_y + margin) (notes §3.1)
        double loss = 0;
        float correct = output[label];
        for (int j = 0; j < output.Length; j++)
        {
            if (j != label)
            {
                loss += Math.Max(0.0, (double)output[j] - correct + Margin);
            }
        }

        return loss;
    }
}
