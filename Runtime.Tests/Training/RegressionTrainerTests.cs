using System;
using System.Linq;
using StaticNets.Training;
using Xunit.Abstractions;

namespace StaticNets.Runtime.Tests.Training;

/// <summary>The trainer's regressor variant on a hand-written linear regressor and y = 2 x0 - 3 x1 + 0.5 + noise.</summary>
public class RegressionTrainerTests(ITestOutputHelper output)
{
    [Fact]
    public void LearnsALinearMapAndKeepsTheLowestValidationLoss()
    {
        RegressionDataset training = TrainingData.Line(200, seed: 1), validation = TrainingData.Line(50, seed: 2);
        var network = new LinearRegressor(2, 1, maxBatch: 16);
        network.InitializeParameters(5);
        var trainer = new Trainer(new TrainerOptions { Epochs = 15, BatchSize = 10, Seed = 3 });

        TrainingResult result = trainer.Train(network, new Sgd(network, 0.05f), training, validation);

        output.WriteLine(result.ToString());
        foreach (EpochReport report in result.History)
        {
            output.WriteLine(report.ToString());
        }

        Assert.Equal(StopReason.Completed, result.StopReason);
        Assert.All(result.History, r => Assert.True(float.IsNaN(r.ValidationAccuracy) && float.IsNaN(r.TrainingAccuracy)));
        Assert.True(float.IsNaN(result.BestValidationAccuracy));
        float lowest = result.History.Min(r => r.ValidationLoss);
        Assert.Equal(lowest, result.BestValidationLoss);
        Assert.Equal(lowest, result.History[result.BestEpoch].ValidationLoss);
        // The noise has variance 0.05^2 = 0.0025: a fitted line's validation error is near that, far below the
        // starting error (the targets' spread is ~4).
        Assert.True(lowest < 0.01f, $"lowest validation loss {lowest}");
        Assert.Equal(lowest, ValidationLoss(network, validation), 1e-6);
        Assert.Equal(2.0, network.Parameters[0], 0.05);
        Assert.Equal(-3.0, network.Parameters[1], 0.05);
        Assert.Equal(0.5, network.Parameters[2], 0.05);
    }

    [Fact]
    public void RestoresTheEpochWithTheLowestValidationLossNotTheLast()
    {
        // Heavy noise and a large step keep the fit jumping around the optimum, so the last epoch is not the best.
        RegressionDataset training = TrainingData.Line(200, seed: 1, noise: 1f), validation = TrainingData.Line(50, seed: 2, noise: 1f);
        var network = new LinearRegressor(2, 1, maxBatch: 4);
        network.InitializeParameters(5);
        var trainer = new Trainer(new TrainerOptions { Epochs = 10, BatchSize = 4, Seed = 3 });

        TrainingResult result = trainer.Train(network, new Sgd(network, 0.2f), training, validation);

        output.WriteLine(string.Join(" ", result.History.Select(r => r.ValidationLoss.ToString("0.0000"))));
        Assert.Equal(StopReason.Completed, result.StopReason);
        Assert.NotEqual(result.History.Count - 1, result.BestEpoch);
        Assert.Equal(result.History.Min(r => r.ValidationLoss), result.BestValidationLoss);
        Assert.Equal(result.BestValidationLoss, ValidationLoss(network, validation), 1e-5);
    }

    [Fact]
    public void DivergesUnderAnAbsurdLearningRate()
    {
        RegressionDataset data = TrainingData.Line(100, seed: 1);
        var network = new LinearRegressor(2, 1, maxBatch: 10);
        network.InitializeParameters(5);
        var trainer = new Trainer(new TrainerOptions { Epochs = 5, BatchSize = 10, ValidationFraction = 0.2f });

        TrainingResult result = trainer.Train(network, new Sgd(network, 5f), data);

        output.WriteLine(result.ToString());
        Assert.Equal(StopReason.Diverged, result.StopReason);
        Assert.Equal(-1, result.BestEpoch);
    }

    [Fact]
    public void TargetsThatDoNotFitTheNetworkAreRefused()
    {
        var network = new LinearRegressor(2, 1, maxBatch: 10);
        var twoTargets = new RegressionDataset(new float[20], new float[20], 2, 2);
        var trainer = new Trainer(new TrainerOptions { BatchSize = 10 });
        Assert.Contains("2 targets but the network predicts 1",
            Assert.Throws<ArgumentException>(() => trainer.Train(network, new Sgd(network, 0.1f), twoTargets, twoTargets)).Message, StringComparison.Ordinal);
    }

    /// <summary>Mean over examples of the squared error, computed here independently of the trainer.</summary>
    private static double ValidationLoss(LinearRegressor network, RegressionDataset data)
    {
        var predictions = new float[data.Count];
        double sum = 0;
        for (int first = 0; first < data.Count; first += network.MaxBatch)
        {
            int batch = Math.Min(network.MaxBatch, data.Count - first);
            network.Forward(data.Features.AsSpan(first * 2, batch * 2), predictions.AsSpan(first, batch), batch);
        }

        for (int i = 0; i < data.Count; i++)
        {
            double error = predictions[i] - (double)data.Targets[i];
            sum += error * error;
        }

        return sum / data.Count;
    }
}
