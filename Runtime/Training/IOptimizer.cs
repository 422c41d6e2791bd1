namespace StaticNets.Training;

/// <summary>An update rule that moves a network's parameters along its last computed gradients.</summary>
public interface IOptimizer
{
    /// <summary>
    /// The learning rate the next <see cref="Step"/> uses; finite and greater than 0. A trainer may change it between
    /// steps (a learning-rate schedule).
    /// </summary>
    /// <exception cref="System.ArgumentOutOfRangeException">Set to a value that is not finite or not positive.</exception>
    float LearningRate { get; set; }

    /// <summary>
    /// Applies one update to the network's <see cref="INetwork.Parameters"/> from its current
    /// <see cref="INetwork.Gradients"/> (call after <see cref="IClassifier.ForwardBackward"/>). Allocates nothing.
    /// </summary>
    void Step();
}
