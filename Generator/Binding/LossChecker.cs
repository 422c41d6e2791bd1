using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using StaticNets.Generator.Binding.Layers;

namespace StaticNets.Generator.Binding;

/// <summary>What the loss check decided: the number of classes, and whether a scoring FC must be inserted before the loss.</summary>
internal readonly record struct LossPlan(int Classes, bool ImpliesScoringLayer);

/// <summary>
/// The loss comes last and exactly once (SN0008). Its width is the FC right before it, which must equal
/// <c>Classes</c> when both are given; after any other layer the scoring <c>FC(Classes)</c> is implied,
/// as in the notes' notation (SN0010, info).
/// </summary>
internal static class LossChecker
{
    /// <param name="classes">The <c>Classes</c> argument, or null when it is not given (or was reported invalid).</param>
    /// <param name="classesReported">True when <c>Classes</c> was given but invalid, so its absence is not reported again.</param>
    public static LossPlan? Check(IReadOnlyList<BoundEntry> entries, int? classes, bool classesReported, DiagnosticBag diagnostics)
    {
        var losses = Enumerable.Range(0, entries.Count).Where(i => entries[i].Rule.IsLoss).ToList();
        int last = entries.Count - 1;
        if (losses.Count == 0)
        {
            diagnostics.Add(DiagnosticDescriptors.LossMisplaced, entries[last].NameAt,
                "the network has no loss: end it with SOFTMAX (softmax + cross-entropy), SVM (multiclass hinge) or L2 (squared error)");
            return null;
        }

        bool misplaced = false;
        foreach (int index in losses.Where(i => i != last))
        {
            var loss = entries[index];
            diagnostics.Add(DiagnosticDescriptors.LossMisplaced, loss.NameAt, losses.Count > 1
                ? "only one loss is allowed, as the last layer, but the network has " + Format(losses.Count)
                : loss.WrittenName + " must be the last layer, but " + Format(last - index) + " layer(s) follow it");
            misplaced = true;
        }
        if (misplaced)
        {
            return null;
        }

        var final = entries[last];
        // Every loss is a LossRule (IsLoss says so), and only a loss can be last here.
        var lossRule = (LossRule)final.Rule;
        var previous = last > 0 ? entries[last - 1] : null;
        if (previous?.Rule is FullyConnectedRule)
        {
            if (previous.Settings is not { } scoring)
            {
                return null;
            }
            if (classes is { } expected && scoring.Size != expected)
            {
                diagnostics.Add(DiagnosticDescriptors.LossMisplaced, scoring.SizeAt,
                    final.WrittenName + " gets " + Format(scoring.Size) + " " + lossRule.Inputs + " from " + scoring.SourceText + " but Classes = " + Format(expected)
                    + "; make the last FC FC(" + Format(expected) + ") or set Classes = " + Format(scoring.Size));
                return null;
            }
            return new LossPlan(scoring.Size, false);
        }

        if (classes is not { } width)
        {
            if (!classesReported)
            {
                diagnostics.Add(DiagnosticDescriptors.LossMisplaced, final.NameAt,
                    final.WrittenName + " needs " + lossRule.WidthMeaning + ": set Classes = n, or put FC(n) right before it");
            }
            return null;
        }
        int fcNumber = entries.Count(e => e.Rule is FullyConnectedRule) + 1;
        diagnostics.Add(DiagnosticDescriptors.ScoringLayerImplied, final.NameAt,
            final.WrittenName + " follows " + (previous is null ? "the input" : previous.WrittenName) + ", so the scoring FC("
            + Format(width) + ") is implied before it (fc" + Format(fcNumber) + ")");
        return new LossPlan(width, true);
    }

    private static string Format(int value) => value.ToString(CultureInfo.InvariantCulture);
}
