namespace StaticNets.Training;

/// <summary>An update rule that moves a network's parameters along its last computed gradients.</summary>
public interface IOptimizer
{
    /// <summary>
    /// Applies one update to the network's <see cref="INetwork.Parameters"/> from its current
    /// <see cref="INetwork.Gradients"/> (call after <see cref="IClassifier.ForwardBackward"/>). Allocates nothing.
    /// </summary>
    void Step();
}
