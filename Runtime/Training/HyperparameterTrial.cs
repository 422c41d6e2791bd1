namespace StaticNets.Training;

/// <summary>One setting a <see cref="HyperparameterSearch"/> tried, and how its short training run went.</summary>
/// <param name="Index">Position in the order of the draws (0 is the first setting drawn).</param>
/// <param name="LearningRate">The optimizer's learning rate.</param>
/// <param name="L2Regularization">The network's L2 strength.</param>
/// <param name="Result">The trial's training run: best epoch, history, stop reason.</param>
public sealed record HyperparameterTrial(int Index, float LearningRate, float L2Regularization, TrainingResult Result)
{
    /// <summary>Best validation accuracy reached (NaN when no epoch was evaluated).</summary>
    public float ValidationAccuracy => Result.BestValidationAccuracy;

    /// <summary>Validation loss of the best epoch (NaN when no epoch was evaluated).</summary>
    public float ValidationLoss => Result.BestValidationLoss;
}
