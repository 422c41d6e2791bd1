using System.Globalization;

namespace StaticNets.Training;

/// <summary>
/// The notes' second sanity check (§6.5): with regularisation off, a network should fit a tiny training set perfectly;
/// if it cannot, something prevents it from learning.
/// </summary>
/// <param name="Examples">Size of the subset trained on.</param>
/// <param name="Steps">Optimizer steps taken before the subset was fitted, or the step budget if it never was.</param>
/// <param name="MaxSteps">The step budget.</param>
/// <param name="Accuracy">Training accuracy on the subset reached, in [0, 1].</param>
/// <param name="FinalLoss">Training loss on the subset at that point (regularisation off).</param>
public sealed record OverfitCheck(int Examples, int Steps, int MaxSteps, float Accuracy, float FinalLoss)
{
    /// <summary>Whether every example of the subset is classified correctly.</summary>
    public bool Passed => Accuracy == 1f;

    /// <summary>e.g. <c>overfit 20 examples: accuracy 100.00% after 37 of 500 steps, loss 0.0412: passed</c>.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"overfit {Examples} examples: accuracy {Accuracy:0.00%} after {Steps} of {MaxSteps} steps, loss {FinalLoss:0.0000}: {(Passed ? "passed" : "FAILED")}");
}
