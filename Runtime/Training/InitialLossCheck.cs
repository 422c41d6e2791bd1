using System;
using System.Globalization;

namespace StaticNets.Training;

/// <summary>
/// The notes' first sanity check (§6.5): with regularisation off, a freshly initialised classifier's loss should be that
/// of a random predictor.
/// </summary>
/// <param name="Loss">The network's loss layer: <see cref="LayerOperation.SoftmaxLoss"/> or <see cref="LayerOperation.SvmLoss"/>.</param>
/// <param name="Classes">Number of classes.</param>
/// <param name="Measured">The mean training loss measured on the batch, regularisation off.</param>
/// <param name="Expected">ln(classes) for SOFTMAX; (classes - 1) * margin for SVM.</param>
/// <param name="Tolerance">Largest accepted |measured - expected|.</param>
public sealed record InitialLossCheck(LayerOperation Loss, int Classes, float Measured, float Expected, float Tolerance)
{
    /// <summary>Whether the measured loss is within <see cref="Tolerance"/> of the expected one.</summary>
    public bool Passed => Math.Abs(Measured - Expected) <= Tolerance;

    /// <summary>e.g. <c>initial loss 1.0991, expected ln(3) = 1.0986 +- 0.1099: passed</c>.</summary>
    public override string ToString()
    {
        string formula = Loss == LayerOperation.SoftmaxLoss ? $"ln({Classes})" : $"({Classes} - 1) x margin";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"initial loss {Measured:0.0000}, expected {formula} = {Expected:0.0000} +- {Tolerance:0.0000}: {(Passed ? "passed" : "FAILED")}");
    }
}
