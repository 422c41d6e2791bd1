using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace StaticNets.Training;

/// <summary>The trials of a <see cref="HyperparameterSearch"/>, best first.</summary>
public sealed class HyperparameterSearchResult
{
    /// <summary>Ranks <paramref name="trials"/> (any order) best first.</summary>
    internal HyperparameterSearchResult(IEnumerable<HyperparameterTrial> trials)
    {
        var ranked = new List<HyperparameterTrial>(trials);
        // The comparison ends in the draw index, so it is a total order and the unstable sort stays deterministic.
        ranked.Sort(Compare);
        Trials = ranked;
    }

    /// <summary>
    /// Every trial, sorted by validation accuracy (highest first), then validation loss (lowest first), then draw order;
    /// trials that never finished an epoch come last.
    /// </summary>
    public IReadOnlyList<HyperparameterTrial> Trials { get; }

    /// <summary>The first of <see cref="Trials"/>.</summary>
    public HyperparameterTrial Best => Trials[0];

    /// <summary>
    /// The trials as a plain-text table, one row per trial in <see cref="Trials"/> order: rank, draw index, learning rate,
    /// L2 strength, validation accuracy and loss, best epoch, epochs run and stop reason.
    /// </summary>
    public string ToTable()
    {
        CultureInfo invariant = CultureInfo.InvariantCulture;
        var table = new StringBuilder();
        table.AppendLine("rank  trial  learning rate  L2 strength  val acc   val loss  best epoch  epochs  stopped");
        for (int rank = 0; rank < Trials.Count; rank++)
        {
            HyperparameterTrial trial = Trials[rank];
            TrainingResult result = trial.Result;
            table.Append(invariant, $"{rank + 1,4}  {trial.Index,5}  {trial.LearningRate,13:0.000E+00}  {trial.L2Regularization,11:0.000E+00}  ");
            table.Append(invariant, $"{Percent(trial.ValidationAccuracy),7}  {Loss(trial.ValidationLoss),9}  {result.BestEpoch,10}  {result.History.Count,6}  {result.StopReason}");
            table.AppendLine();
        }

        return table.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => ToTable();

    // A trial that never finished an epoch has neither number: a dash reads better than NaN.
    private static string Percent(float accuracy) =>
        float.IsNaN(accuracy) ? "-" : accuracy.ToString("0.00%", CultureInfo.InvariantCulture);

    private static string Loss(float loss) =>
        float.IsNaN(loss) ? "-" : loss.ToString("0.0000", CultureInfo.InvariantCulture);

    /// <summary>The table's order: accuracy descending, loss ascending, draw order; NaN after every number.</summary>
    private static int Compare(HyperparameterTrial a, HyperparameterTrial b)
    {
        int order = Descending(a.ValidationAccuracy, b.ValidationAccuracy);
        if (order == 0)
        {
            order = Ascending(a.ValidationLoss, b.ValidationLoss);
        }

        return order != 0 ? order : a.Index.CompareTo(b.Index);
    }

    private static int Ascending(float x, float y) =>
        float.IsNaN(x) || float.IsNaN(y) ? float.IsNaN(x).CompareTo(float.IsNaN(y)) : x.CompareTo(y);

    private static int Descending(float x, float y) =>
        float.IsNaN(x) || float.IsNaN(y) ? float.IsNaN(x).CompareTo(float.IsNaN(y)) : y.CompareTo(x);
}
