using System.Globalization;
using System.Text;

namespace StaticNets.Training;

/// <summary>What one epoch of training achieved; a measurement that does not apply (accuracy for a regressor) is NaN.</summary>
/// <param name="Epoch">The epoch, counted from 0.</param>
/// <param name="LearningRate">The learning rate used throughout the epoch.</param>
/// <param name="TrainingLoss">Mean of the epoch's minibatch losses (each including the regularisation term), as the parameters moved.</param>
/// <param name="TrainingAccuracy">
/// Classifier accuracy in [0, 1] on the first <see cref="TrainerOptions.TrainingAccuracyExamples"/> training examples
/// at the end of the epoch; NaN for a regressor or when that option is 0.
/// </param>
/// <param name="ValidationAccuracy">Classifier accuracy in [0, 1] on the validation set at the end of the epoch; NaN for a regressor.</param>
/// <param name="ValidationLoss">
/// Mean data loss (no regularisation) on the validation set at the end of the epoch, in inference mode: cross-entropy
/// for SOFTMAX, hinge loss for SVM, the sum of squared errors per example for a regressor.
/// </param>
/// <param name="Seconds">Wall-clock time of the epoch, training and evaluation together.</param>
public readonly record struct EpochReport(
    int Epoch,
    float LearningRate,
    float TrainingLoss,
    float TrainingAccuracy,
    float ValidationAccuracy,
    float ValidationLoss,
    double Seconds)
{
    /// <summary>One progress line, e.g. <c>epoch 3: lr 1.00E-002, train loss 0.5120, train acc 91.00%, val acc 90.00%, val loss 0.4300, 0.02 s</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"epoch {Epoch}: lr {LearningRate:0.00E+000}, train loss {TrainingLoss:0.0000}");
        if (!float.IsNaN(TrainingAccuracy))
        {
            text.Append(CultureInfo.InvariantCulture, $", train acc {TrainingAccuracy:0.00%}");
        }

        if (!float.IsNaN(ValidationAccuracy))
        {
            text.Append(CultureInfo.InvariantCulture, $", val acc {ValidationAccuracy:0.00%}");
        }

        text.Append(CultureInfo.InvariantCulture, $", val loss {ValidationLoss:0.0000}, {Seconds:0.00} s");
        return text.ToString();
    }
}
