using System;
using System.Collections.Generic;
using System.Linq;
using StaticNets.Data;
using StaticNets.Training;
using Xunit.Abstractions;

namespace StaticNets.Runtime.Tests.Training;

public class HyperparameterSearchTests(ITestOutputHelper output)
{
    [Fact]
    public void SamplesFallInsideTheRangesSpreadEvenlyOverTheDecades()
    {
        var options = new HyperparameterSearchOptions { Trials = 3000, Seed = 1 };

        IReadOnlyList<(float LearningRate, float L2Regularization)> samples = HyperparameterSearch.DrawSamples(options);

        Assert.Equal(3000, samples.Count);
        Assert.All(samples, s => Assert.InRange(s.LearningRate, 1e-4f, 1e-1f));
        Assert.All(samples, s => Assert.InRange(s.L2Regularization, 1e-6f, 1e-2f));
        // Log-uniform: each decade gets the same share, 1/3 of the learning rates (3 decades) and 1/4 of the L2
        // strengths (4 decades). A linear draw would put ~90% in the top decade. With 3000 draws a share's standard
        // deviation is ~0.009, so 0.04 is more than four of them.
        for (int decade = 0; decade < 3; decade++)
        {
            double share = samples.Count(s => Math.Floor(Math.Log10(s.LearningRate)) == -4 + decade) / 3000.0;
            Assert.Equal(1 / 3.0, share, 0.04);
        }

        for (int decade = 0; decade < 4; decade++)
        {
            double share = samples.Count(s => Math.Floor(Math.Log10(s.L2Regularization)) == -6 + decade) / 3000.0;
            Assert.Equal(0.25, share, 0.04);
        }
    }

    [Fact]
    public void TheSameSeedDrawsTheSameSettingsAndAnotherSeedOthers()
    {
        var options = new HyperparameterSearchOptions { Trials = 5, Seed = 2 };
        Assert.Equal(HyperparameterSearch.DrawSamples(options), HyperparameterSearch.DrawSamples(options));
        Assert.NotEqual(HyperparameterSearch.DrawSamples(options), HyperparameterSearch.DrawSamples(options with { Seed = 3 }));
    }

    [Fact]
    public void RunTriesEveryDrawnSettingAndRanksThemBestFirstDeterministically()
    {
        ImageDataset training = TrainingData.Blobs(150, seed: 1, spread: 1.2f), validation = TrainingData.Blobs(60, seed: 2, spread: 1.2f);
        var options = new HyperparameterSearchOptions
        {
            Trials = 6,
            MinLearningRate = 1e-4f,
            MaxLearningRate = 1f,
            Seed = 5,
            Training = new TrainerOptions { Epochs = 3, BatchSize = 16, Seed = 1 },
        };
        var seen = new List<(float LearningRate, float L2)>();

        HyperparameterSearchResult result = Search(options, seen);
        HyperparameterSearchResult again = Search(options, []);

        output.WriteLine(result.ToTable());
        IReadOnlyList<(float LearningRate, float L2Regularization)> drawn = HyperparameterSearch.DrawSamples(options);
        Assert.Equal(drawn, seen);
        Assert.Equal(6, result.Trials.Count);
        Assert.Equal(Enumerable.Range(0, 6), result.Trials.Select(t => t.Index).Order());
        Assert.All(result.Trials, t => Assert.Equal(drawn[t.Index], (t.LearningRate, t.L2Regularization)));
        for (int i = 1; i < result.Trials.Count; i++)
        {
            Assert.True(result.Trials[i - 1].ValidationAccuracy >= result.Trials[i].ValidationAccuracy);
        }

        Assert.Same(result.Trials[0], result.Best);
        // The range reaches learning rates that diverge (up to 1): the ranking must put the best above them.
        Assert.True(result.Best.ValidationAccuracy > result.Trials[^1].ValidationAccuracy);
        Assert.Equal(
            result.Trials.Select(t => (t.Index, t.ValidationAccuracy, t.ValidationLoss)),
            again.Trials.Select(t => (t.Index, t.ValidationAccuracy, t.ValidationLoss)));
    }

    [Fact]
    public void TheTableListsTrialsInRankOrderWithTheirSettings()
    {
        var result = new HyperparameterSearchResult(new[]
        {
            Trial(0, 1e-3f, 1e-5f, accuracy: 0.5f, loss: 0.9f),
            Trial(1, 2e-2f, 3e-4f, accuracy: 0.75f, loss: 0.6f),
            Trial(2, 5e-4f, 1e-6f, accuracy: float.NaN, loss: float.NaN),
            Trial(3, 1e-2f, 1e-3f, accuracy: 0.75f, loss: 0.4f),
        });

        string[] lines = result.ToTable().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);

        output.WriteLine(result.ToTable());
        Assert.Equal(5, lines.Length);
        Assert.StartsWith("rank  trial  learning rate  L2 strength  val acc", lines[0], StringComparison.Ordinal);
        // Equal accuracy falls back to the lower loss; a trial that never finished an epoch comes last.
        Assert.Equal([3, 1, 0, 2], result.Trials.Select(t => t.Index));
        Assert.Equal("   1      3      1.000E-02    1.000E-03   75.00%     0.4000           0       1  Completed", lines[1]);
        Assert.Equal("   2      1      2.000E-02    3.000E-04   75.00%     0.6000           0       1  Completed", lines[2]);
        Assert.StartsWith("   3      0      1.000E-03    1.000E-05   50.00%", lines[3], StringComparison.Ordinal);
        Assert.Equal("   4      2      5.000E-04    1.000E-06        -          -          -1       0  NotANumber", lines[4]);
    }

    [Fact]
    public void OptionsOutOfRangeAreRefused()
    {
        Assert.Contains("Trials", Assert.Throws<ArgumentException>(() => HyperparameterSearch.DrawSamples(new HyperparameterSearchOptions { Trials = 0 })).Message, StringComparison.Ordinal);
        Assert.Contains("learning-rate range", Assert.Throws<ArgumentException>(() => HyperparameterSearch.DrawSamples(new HyperparameterSearchOptions { MinLearningRate = 0f })).Message, StringComparison.Ordinal);
        Assert.Contains("[0.1, 0.01]", Assert.Throws<ArgumentException>(() => HyperparameterSearch.DrawSamples(new HyperparameterSearchOptions { MinLearningRate = 0.1f, MaxLearningRate = 0.01f })).Message, StringComparison.Ordinal);
        Assert.Contains("regularisation range", Assert.Throws<ArgumentException>(() => HyperparameterSearch.DrawSamples(new HyperparameterSearchOptions { MaxRegularization = float.PositiveInfinity })).Message, StringComparison.Ordinal);
        Assert.Contains("Epochs", Assert.Throws<ArgumentException>(() => HyperparameterSearch.DrawSamples(new HyperparameterSearchOptions { Training = new TrainerOptions { Epochs = 0 } })).Message, StringComparison.Ordinal);
    }

    private static HyperparameterSearchResult Search(HyperparameterSearchOptions options, List<(float LearningRate, float L2)> seen)
    {
        return HyperparameterSearch.Run(() => new BlobNet(16), CreateOptimizer, TrainingData.Blobs(150, seed: 1, spread: 1.2f), TrainingData.Blobs(60, seed: 2, spread: 1.2f), options);

        IOptimizer CreateOptimizer(INetwork network, float learningRate)
        {
            seen.Add((learningRate, network.L2Regularization));
            return new SgdMomentum(network, learningRate);
        }
    }

    private static HyperparameterTrial Trial(int index, float learningRate, float l2, float accuracy, float loss)
    {
        bool evaluated = !float.IsNaN(accuracy);
        EpochReport[] history = evaluated ? [new EpochReport(0, learningRate, 1f, accuracy, accuracy, loss, 0.1)] : [];
        var result = new TrainingResult(
            evaluated ? StopReason.Completed : StopReason.NotANumber, 0, history, evaluated ? 0 : -1, accuracy, loss, 1.1f, 1f, 3f, null);
        return new HyperparameterTrial(index, learningRate, l2, result);
    }
}
