using System;
using System.Globalization;
using System.Text;
using StaticNets.Training;

namespace StaticNets.ConsoleProgress;

/// <summary>The text of one finished epoch, shared by the quiet line and the live summary so both read the same.</summary>
internal static class EpochLine
{
    /// <summary>
    /// e.g. <c>epoch 3/8: loss 0.1234, train acc 97.12%, val acc 96.50%, 12.3 s, 5432 examples/s</c>; a measurement
    /// that is NaN is left out, as is the total when unknown and the speed when no batch was reported.
    /// </summary>
    public static string Format(EpochReport report, int? epochs, string validationName, double examplesPerSecond)
    {
        CultureInfo invariant = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.Append(invariant, $"epoch {EpochLabel(report.Epoch, epochs)}: loss {report.TrainingLoss:0.0000}");
        if (!float.IsNaN(report.TrainingAccuracy))
        {
            text.Append(invariant, $", train acc {report.TrainingAccuracy:0.00%}");
        }

        if (!float.IsNaN(report.ValidationAccuracy))
        {
            text.Append(invariant, $", {validationName} acc {report.ValidationAccuracy:0.00%}");
        }
        else if (!float.IsNaN(report.ValidationLoss))
        {
            text.Append(invariant, $", {validationName} loss {report.ValidationLoss:0.0000}");
        }

        text.Append(invariant, $", {report.Seconds:0.0} s");
        if (double.IsFinite(examplesPerSecond) && examplesPerSecond > 0)
        {
            text.Append(invariant, $", {examplesPerSecond:0} examples/s");
        }

        return text.ToString();
    }

    /// <summary>The 1-based epoch, with the total when known: "3/8" or "3".</summary>
    public static string EpochLabel(int epoch, int? epochs) =>
        epochs is int total
            ? string.Create(CultureInfo.InvariantCulture, $"{epoch + 1}/{total}")
            : (epoch + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>m:ss, or h:mm:ss from an hour on.</summary>
    public static string Duration(double seconds)
    {
        var time = TimeSpan.FromSeconds(Math.Max(0, Math.Round(seconds)));
        return time.TotalHours >= 1
            ? time.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture)
            : time.ToString(@"m\:ss", CultureInfo.InvariantCulture);
    }
}
