using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Spectre.Console;
using Spectre.Console.Testing;
using StaticNets.ConsoleProgress;
using StaticNets.Data;
using StaticNets.Training;

namespace StaticNets.ConsoleProgress.Tests;

/// <summary>The quiet lines, the live columns and the automatic choice between them.</summary>
public class TrainingProgressTests
{
    [Fact]
    public void QuietModeWritesOnePlainLinePerEpochAndNothingPerBatch()
    {
        var writer = new StringWriter();
        TrainingProgress progress = TrainingProgress.Quiet(writer, epochs: 2);

        progress.Run(() =>
        {
            progress.ReportBatch(new BatchReport(0, 0, 2, 100, 200, 0.9f, 0.5));
            progress.ReportBatch(new BatchReport(0, 1, 2, 200, 200, 0.7f, 1.0));
            Assert.Equal(string.Empty, writer.ToString());
            progress.ReportEpoch(new EpochReport(0, 0.1f, 0.7f, 0.8f, 0.75f, 0.6f, 1.25));
            progress.ReportBatch(new BatchReport(1, 1, 2, 200, 200, 0.5f, 0.5));
            progress.ReportEpoch(new EpochReport(1, 0.1f, 0.5f, float.NaN, 0.875f, 0.4f, 0.75));
        });

        Assert.False(progress.IsLive);
        Assert.Equal(
            [
                "epoch 1/2: loss 0.7000, train acc 80.00%, val acc 75.00%, 1.3 s, 200 examples/s",
                "epoch 2/2: loss 0.5000, val acc 87.50%, 0.8 s, 400 examples/s",
            ],
            Lines(writer));
    }

    [Fact]
    public void QuietLinesNameTheHeldOutSetAndShowARegressorsLoss()
    {
        var writer = new StringWriter();
        TrainingProgress progress = TrainingProgress.Quiet(writer, validationName: "test");

        // No batch reports (a loop that only reports epochs): the speed is left out rather than guessed.
        progress.ReportEpoch(new EpochReport(0, 0.1f, 0.25f, 0.5f, 0.625f, 0.3f, 2));
        progress.ReportEpoch(new EpochReport(1, 0.1f, 0.25f, float.NaN, float.NaN, 0.125f, 2));

        Assert.Equal(
            [
                "epoch 1: loss 0.2500, train acc 50.00%, test acc 62.50%, 2.0 s",
                "epoch 2: loss 0.2500, test loss 0.1250, 2.0 s",
            ],
            Lines(writer));
    }

    [Fact]
    public void OneLineRunWithATrainerWritesAPlainLinePerEpochAndKeepsTheUsersCallbacks()
    {
        ImageDataset training = Blobs(120, seed: 1), validation = Blobs(60, seed: 2);
        var network = new TinyClassifier(maxBatch: 16);
        network.InitializeParameters(1);
        var writer = new StringWriter();
        var ownReports = new List<EpochReport>();
        int ownBatches = 0;
        var options = new TrainerOptions { Epochs = 3, BatchSize = 16, OnEpoch = ownReports.Add, OnBatch = _ => ownBatches++ };

        TrainingResult result = TrainingProgress.Quiet(writer).Run(options, o => new Trainer(o).Train(network, new Sgd(network, 0.1f), training, validation));

        string[] lines = Lines(writer);
        Assert.Equal(3, result.History.Count);
        Assert.Equal(result.History, ownReports);
        Assert.Equal(3 * 8, ownBatches);
        Assert.Equal(3, lines.Length);
        Assert.DoesNotContain('\u001b', writer.ToString());
        for (int epoch = 0; epoch < 3; epoch++)
        {
            // The epoch count comes from the options; the line carries the report's own numbers.
            EpochReport report = result.History[epoch];
            string expectedStart = FormattableString.Invariant(
                $"epoch {epoch + 1}/3: loss {report.TrainingLoss:0.0000}, train acc {report.TrainingAccuracy:0.00%}, val acc {report.ValidationAccuracy:0.00%}, {report.Seconds:0.0} s");
            Assert.StartsWith(expectedStart, lines[epoch], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void LiveModeDrawsTheEpochsBarWithLossAccuracySpeedAndTimeLeft()
    {
        var console = new TestConsole().Interactive().SupportsAnsi(true).Width(160);
        TrainingProgress progress = TrainingProgress.Live(console, epochs: 2);
        string duringFirstEpoch = string.Empty, duringSecondEpoch = string.Empty;

        progress.Run(() =>
        {
            // A quarter of 400 examples in 2 s: 50 examples/s, 6 s left.
            progress.ReportBatch(new BatchReport(0, 0, 4, 100, 400, 0.5f, 2.0));
            duringFirstEpoch = console.Output;
            progress.ReportBatch(new BatchReport(0, 3, 4, 400, 400, 0.25f, 8.0));
            progress.ReportEpoch(new EpochReport(0, 0.1f, 0.25f, 0.9f, 0.85f, 0.3f, 9.0));
            progress.ReportBatch(new BatchReport(1, 1, 4, 200, 400, 0.125f, 1.0));
            duringSecondEpoch = console.Output[duringFirstEpoch.Length..];
        });

        Assert.True(progress.IsLive);
        Assert.Contains("epoch 1/2", duringFirstEpoch, StringComparison.Ordinal);
        Assert.Contains("25%", duringFirstEpoch, StringComparison.Ordinal);
        Assert.Contains("loss 0.5000", duringFirstEpoch, StringComparison.Ordinal);
        Assert.Contains("50 ex/s", duringFirstEpoch, StringComparison.Ordinal);
        Assert.Contains("0:06 left", duringFirstEpoch, StringComparison.Ordinal);
        // No training accuracy is known before the first epoch ends.
        Assert.DoesNotContain("train acc", duringFirstEpoch, StringComparison.Ordinal);

        Assert.Contains("epoch 1/2: loss 0.2500, train acc 90.00%, val acc 85.00%, 9.0 s, 50 examples/s", duringSecondEpoch, StringComparison.Ordinal);
        Assert.Contains("epoch 2/2", duringSecondEpoch, StringComparison.Ordinal);
        Assert.Contains("50%", duringSecondEpoch, StringComparison.Ordinal);
        Assert.Contains("loss 0.1250", duringSecondEpoch, StringComparison.Ordinal);
        Assert.Contains("train acc 90.00%", duringSecondEpoch.Split("examples/s")[1], StringComparison.Ordinal);
        Assert.Contains("200 ex/s", duringSecondEpoch, StringComparison.Ordinal);
        Assert.Contains("0:01 left", duringSecondEpoch, StringComparison.Ordinal);
    }

    [Fact]
    public void LiveModeOutsideRunStillWritesTheSummaryLines()
    {
        var console = new TestConsole().Width(160);
        TrainingProgress progress = TrainingProgress.Live(console, epochs: 1);

        progress.ReportBatch(new BatchReport(0, 0, 1, 10, 10, 0.5f, 1.0));
        progress.ReportEpoch(new EpochReport(0, 0.1f, 0.5f, 0.5f, 0.5f, 0.5f, 1.0));

        Assert.Equal(["epoch 1/1: loss 0.5000, train acc 50.00%, val acc 50.00%, 1.0 s, 10 examples/s"], console.Lines.Where(line => line.Length > 0));
    }

    [Theory]
    [InlineData(false, null, true, true, true)]
    [InlineData(false, "", true, true, true)]
    [InlineData(true, null, true, true, false)]
    [InlineData(false, "true", true, true, false)]
    [InlineData(false, null, false, true, false)]
    [InlineData(false, null, true, false, false)]
    public void AutoModeIsLiveOnlyOnAnInteractiveAnsiTerminalOutsideCi(bool redirected, string? ci, bool interactive, bool ansi, bool live)
    {
        var capabilities = new TestConsole().Profile.Capabilities;
        capabilities.Interactive = interactive;
        capabilities.Ansi = ansi;

        Assert.Equal(live, TrainingProgress.ChooseLive(redirected, ci, capabilities));
    }

    [Fact]
    public void ExplicitModesAndBadArgumentsAreHonoured()
    {
        Assert.False(TrainingProgress.Create(mode: ProgressMode.Quiet).IsLive);
        Assert.True(TrainingProgress.Create(mode: ProgressMode.Live).IsLive);
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainingProgress.Quiet(new StringWriter(), epochs: 0));
        Assert.Throws<ArgumentNullException>(() => TrainingProgress.Live(null!));
        Assert.Throws<ArgumentNullException>(() => TrainingProgress.Quiet(null!));
    }

    private static string[] Lines(StringWriter writer) =>
        writer.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Two classes in the plane, left and right of the y axis with a margin: learnable in a few epochs.</summary>
    private static ImageDataset Blobs(int count, int seed)
    {
        var random = new Random(seed);
        var features = new float[count * 2];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = i % 2;
            features[2 * i] = (labels[i] == 0 ? -1f : 1f) + 0.3f * (float)(random.NextDouble() - 0.5);
            features[2 * i + 1] = (float)(random.NextDouble() - 0.5);
        }

        return new ImageDataset(features, labels, 2, 1, 1);
    }
}
