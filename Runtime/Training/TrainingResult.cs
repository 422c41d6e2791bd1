using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace StaticNets.Training;

/// <summary>
/// The outcome of a <see cref="Trainer"/> run: why it stopped, one report per evaluated epoch, and the best epoch,
/// whose parameters and buffers the network holds again when the run returns.
/// </summary>
public sealed class TrainingResult
{
    internal TrainingResult(
        StopReason stopReason,
        int stopEpoch,
        IReadOnlyList<EpochReport> history,
        int bestEpoch,
        float bestValidationAccuracy,
        float bestValidationLoss,
        float startingLoss,
        float runningLoss,
        float divergenceFactor,
        int? patience)
    {
        StopReason = stopReason;
        StopEpoch = stopEpoch;
        History = history;
        BestEpoch = bestEpoch;
        BestValidationAccuracy = bestValidationAccuracy;
        BestValidationLoss = bestValidationLoss;
        StartingLoss = startingLoss;
        RunningLoss = runningLoss;
        DivergenceFactor = divergenceFactor;
        Patience = patience;
    }

    /// <summary>Why the run ended.</summary>
    public StopReason StopReason { get; }

    /// <summary>The epoch (from 0) during or after which the run ended.</summary>
    public int StopEpoch { get; }

    /// <summary>
    /// One report per epoch that finished and was evaluated, in order. An epoch aborted by
    /// <see cref="StopReason.Diverged"/> or <see cref="StopReason.NotANumber"/> has none.
    /// </summary>
    public IReadOnlyList<EpochReport> History { get; }

    /// <summary>
    /// The epoch whose parameters and buffers were restored into the network, or -1 when no epoch produced a usable
    /// evaluation (the network then holds the parameters it started with).
    /// </summary>
    public int BestEpoch { get; }

    /// <summary>Validation accuracy of <see cref="BestEpoch"/>; NaN for a regressor or when there is no best epoch.</summary>
    public float BestValidationAccuracy { get; }

    /// <summary>Validation loss of <see cref="BestEpoch"/>; NaN when there is no best epoch.</summary>
    public float BestValidationLoss { get; }

    /// <summary>The first minibatch's training loss: the reference of the divergence rule. NaN if the run never trained.</summary>
    public float StartingLoss { get; }

    /// <summary>The running (exponentially smoothed) training loss when the run ended.</summary>
    public float RunningLoss { get; }

    /// <summary>The divergence factor the run used.</summary>
    public float DivergenceFactor { get; }

    /// <summary>The patience the run used (null: no early stopping).</summary>
    public int? Patience { get; }

    /// <summary>A sentence saying why the run stopped and what was kept.</summary>
    public override string ToString()
    {
        CultureInfo invariant = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        switch (StopReason)
        {
            case StopReason.Completed:
                text.Append(invariant, $"Completed {History.Count} epochs");
                break;
            case StopReason.EarlyStopped:
                text.Append(invariant, $"Stopped early after epoch {StopEpoch}: validation had not improved for {Patience} epochs");
                break;
            case StopReason.Diverged:
                text.Append(invariant, $"Diverged in epoch {StopEpoch}: the running training loss {RunningLoss:0.####} exceeded {DivergenceFactor} x the starting loss {StartingLoss:0.####}");
                break;
            default:
                text.Append(invariant, $"Stopped in epoch {StopEpoch}: the training loss became NaN or infinite");
                break;
        }

        if (BestEpoch < 0)
        {
            text.Append("; no epoch was evaluated, so the starting parameters were restored.");
        }
        else
        {
            text.Append(invariant, $"; restored epoch {BestEpoch} (");
            if (!float.IsNaN(BestValidationAccuracy))
            {
                text.Append(invariant, $"validation accuracy {BestValidationAccuracy:0.00%}, ");
            }

            text.Append(invariant, $"validation loss {BestValidationLoss:0.####}).");
        }

        return text.ToString();
    }
}
