using System.Collections.Generic;

namespace StaticNets.Training;

/// <summary>One checked parameter: its analytic and numeric gradients and their relative error.</summary>
/// <param name="Index">Index into <see cref="INetwork.Parameters"/>.</param>
/// <param name="Analytic">The gradient from <see cref="IClassifier.ForwardBackward"/>.</param>
/// <param name="Numeric">The centred finite difference (L(w+h) - L(w-h)) / 2h.</param>
/// <param name="RelativeError">|a - n| / max(|a|, |n|), 0 when both are 0 (see <see cref="GradientCheck.RelativeError"/>).</param>
public readonly record struct GradientCheckEntry(int Index, double Analytic, double Numeric, double RelativeError);

/// <summary>The outcome of <see cref="O:StaticNets.Training.GradientCheck.Run"/>: the worst relative error and every checked parameter.</summary>
public sealed class GradientCheckResult
{
    /// <summary>Wraps the per-parameter entries and locates the worst one (NaN counts as worst).</summary>
    /// <param name="loss">The loss at the unperturbed parameters.</param>
    /// <param name="entries">The checked parameters, in the order they were checked; at least one.</param>
    internal GradientCheckResult(float loss, GradientCheckEntry[] entries)
    {
        Loss = loss;
        Entries = entries;
        GradientCheckEntry worst = entries[0];
        foreach (GradientCheckEntry entry in entries)
        {
            if (double.IsNaN(entry.RelativeError) || entry.RelativeError > worst.RelativeError)
            {
                worst = entry;
                if (double.IsNaN(entry.RelativeError))
                {
                    break;
                }
            }
        }

        Worst = worst;
    }

    /// <summary>The loss returned by <see cref="IClassifier.ForwardBackward"/> at the unperturbed parameters.</summary>
    public float Loss { get; }

    /// <summary>Every checked parameter, in increasing index order.</summary>
    public IReadOnlyList<GradientCheckEntry> Entries { get; }

    /// <summary>The entry with the largest relative error.</summary>
    public GradientCheckEntry Worst { get; }

    /// <summary>The largest relative error over the checked parameters (NaN if any gradient was NaN).</summary>
    public double MaxRelativeError => Worst.RelativeError;

    /// <summary>The parameter index where <see cref="MaxRelativeError"/> occurs.</summary>
    public int WorstIndex => Worst.Index;

    /// <summary>The analytic gradient at <see cref="WorstIndex"/>.</summary>
    public double WorstAnalytic => Worst.Analytic;

    /// <summary>The numeric gradient at <see cref="WorstIndex"/>.</summary>
    public double WorstNumeric => Worst.Numeric;
}
