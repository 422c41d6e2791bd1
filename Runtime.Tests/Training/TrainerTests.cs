using System;
using System.Collections.Generic;
using System.Linq;
using StaticNets.Data;
using StaticNets.Training;
using Xunit.Abstractions;

namespace StaticNets.Runtime.Tests.Training;

/// <summary>The trainer on a generated network (FC(16)+RELU+FC(3)+SOFTMAX) and three blobs in the plane.</summary>
public class TrainerTests(ITestOutputHelper output)
{
    private const int MaxBatch = 32;

    [Fact]
    public void ConvergesOnSeparableBlobsAndReportsEveryEpoch()
    {
        ImageDataset training = TrainingData.Blobs(300, seed: 1), validation = TrainingData.Blobs(90, seed: 2);
        BlobNet network = CreateNetwork();
        var reports = new List<EpochReport>();
        var trainer = new Trainer(new TrainerOptions { Epochs = 8, BatchSize = 16, Seed = 4, OnEpoch = reports.Add });

        TrainingResult result = trainer.Train(network, new Sgd(network, 0.05f), training, validation);

        output.WriteLine(result.ToString());
        reports.ForEach(r => output.WriteLine(r.ToString()));
        Assert.Equal(StopReason.Completed, result.StopReason);
        Assert.Equal(8, result.History.Count);
        Assert.Equal(result.History, reports);
        Assert.Equal(Enumerable.Range(0, 8), reports.Select(r => r.Epoch));
        Assert.All(reports, r => Assert.Equal(0.05f, r.LearningRate));
        Assert.All(reports, r => Assert.True(r.Seconds >= 0));
        // Separable by a wide margin: the network must classify every held-out point and the loss must fall far
        // below the random predictor's ln(3) = 1.10.
        Assert.Equal(1f, result.BestValidationAccuracy);
        Assert.Equal(1f, reports[^1].TrainingAccuracy);
        Assert.True(reports[^1].TrainingLoss < 0.1f, $"final training loss {reports[^1].TrainingLoss}");
        Assert.True(reports[^1].TrainingLoss < reports[0].TrainingLoss);
        Assert.InRange(result.StartingLoss, Math.Log(3) - 0.2, Math.Log(3) + 0.2);
    }

    [Fact]
    public void RestoresTheBestEpochsParametersWhichReproduceItsValidationAccuracy()
    {
        // Overlapping blobs and a lively learning rate make validation accuracy wander, so the last epoch is not the
        // best one (checked below) and restoring is observable.
        ImageDataset training = TrainingData.Blobs(300, seed: 1, spread: 1.2f), validation = TrainingData.Blobs(90, seed: 2, spread: 1.2f);
        BlobNet network = CreateNetwork();
        var snapshots = new List<float[]>();
        var trainer = new Trainer(new TrainerOptions { Epochs = 12, BatchSize = 16, Seed = 4, OnEpoch = _ => snapshots.Add(network.Parameters.ToArray()) });

        TrainingResult result = trainer.Train(network, new SgdMomentum(network, 0.05f), training, validation);

        output.WriteLine(result.ToString());
        float best = result.History.Max(r => r.ValidationAccuracy);
        Assert.True(result.History[^1].ValidationAccuracy < best, "the run should end below its best epoch");
        Assert.Equal(best, result.BestValidationAccuracy);
        Assert.Equal(best, result.History[result.BestEpoch].ValidationAccuracy);
        Assert.Equal(result.BestEpoch, result.History.ToList().FindIndex(r => r.ValidationAccuracy == best));
        Assert.Equal(snapshots[result.BestEpoch], network.Parameters.ToArray());
        Assert.Equal(best, TrainingData.Accuracy(network, validation));
    }

    [Fact]
    public void RestoresTheBestEpochsBuffersToo()
    {
        ImageDataset training = TrainingData.Blobs(300, seed: 1, spread: 1.2f), validation = TrainingData.Blobs(90, seed: 2, spread: 1.2f);
        var network = new InstrumentedClassifier(CreateNetwork());
        var trainer = new Trainer(new TrainerOptions { Epochs = 12, BatchSize = 16, Seed = 4 });

        TrainingResult result = trainer.Train(network, new SgdMomentum(network, 0.05f), training, validation);

        // The buffer counts training passes: 19 minibatches of 16 per epoch over 300 examples.
        Assert.NotEqual(11, result.BestEpoch);
        Assert.Equal((result.BestEpoch + 1) * 19, network.Buffers[0]);
    }

    [Fact]
    public void StopsEarlyWithPatienceOneWhenValidationPlateaus()
    {
        ImageDataset training = TrainingData.Blobs(120, seed: 1, spread: 1.2f), validation = TrainingData.Blobs(60, seed: 2, spread: 1.2f);
        BlobNet network = CreateNetwork();
        var trainer = new Trainer(new TrainerOptions { Epochs = 10, BatchSize = 16, Patience = 1 });

        // A learning rate of 1e-9 cannot move any prediction: validation accuracy is flat from the first epoch.
        TrainingResult result = trainer.Train(network, new Sgd(network, 1e-9f), training, validation);

        output.WriteLine(result.ToString());
        Assert.Equal(StopReason.EarlyStopped, result.StopReason);
        Assert.Equal(2, result.History.Count);
        Assert.Equal(1, result.StopEpoch);
        Assert.Equal(0, result.BestEpoch);
        Assert.Equal(result.History[0].ValidationAccuracy, result.History[1].ValidationAccuracy);
        Assert.Contains("not improved for 1 epochs", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutPatienceEveryEpochRuns()
    {
        ImageDataset training = TrainingData.Blobs(60, seed: 1), validation = TrainingData.Blobs(30, seed: 2);
        BlobNet network = CreateNetwork();
        var trainer = new Trainer(new TrainerOptions { Epochs = 4, BatchSize = 16 });

        TrainingResult result = trainer.Train(network, new Sgd(network, 1e-9f), training, validation);

        Assert.Equal(StopReason.Completed, result.StopReason);
        Assert.Equal(4, result.History.Count);
    }

    [Fact]
    public void AbortsAsDivergedUnderAnAbsurdLearningRateAndRestoresTheStart()
    {
        ImageDataset training = TrainingData.Blobs(300, seed: 1, spread: 1f), validation = TrainingData.Blobs(90, seed: 2, spread: 1f);
        BlobNet network = CreateNetwork();
        float[] start = network.Parameters.ToArray();
        var trainer = new Trainer(new TrainerOptions { Epochs = 5, BatchSize = 16 });

        TrainingResult result = trainer.Train(network, new SgdMomentum(network, 50f), training, validation);

        output.WriteLine(result.ToString());
        Assert.Equal(StopReason.Diverged, result.StopReason);
        Assert.True(result.RunningLoss > 3 * result.StartingLoss, $"running {result.RunningLoss}, starting {result.StartingLoss}");
        Assert.True(float.IsFinite(result.RunningLoss));
        Assert.Equal(-1, result.BestEpoch);
        Assert.Empty(result.History);
        Assert.Equal(start, network.Parameters.ToArray());
        Assert.StartsWith("Diverged in epoch 0", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ReportsNotANumberWhenTheLossGoesNaN()
    {
        ImageDataset training = TrainingData.Blobs(300, seed: 1), validation = TrainingData.Blobs(90, seed: 2);
        training.Features[2 * 150] = float.NaN; // one poisoned example: its minibatch's loss is NaN
        BlobNet network = CreateNetwork();
        float[] start = network.Parameters.ToArray();
        var trainer = new Trainer(new TrainerOptions { Epochs = 3, BatchSize = 16 });

        TrainingResult result = trainer.Train(network, new Sgd(network, 0.05f), training, validation);

        output.WriteLine(result.ToString());
        Assert.Equal(StopReason.NotANumber, result.StopReason);
        Assert.True(float.IsNaN(result.RunningLoss));
        Assert.False(float.IsNaN(result.StartingLoss), "the poisoned example should not be in the first minibatch");
        Assert.Equal(0, result.StopEpoch);
        Assert.Equal(start, network.Parameters.ToArray());
        Assert.Contains("NaN", result.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TheScheduleSetsEachEpochsLearningRate()
    {
        ImageDataset training = TrainingData.Blobs(60, seed: 1), validation = TrainingData.Blobs(30, seed: 2);
        BlobNet network = CreateNetwork();
        var optimizer = new Sgd(network, 0.08f);
        var trainer = new Trainer(new TrainerOptions { Epochs = 5, BatchSize = 16, Schedule = new StepDecay(0.5f, 2) });

        TrainingResult result = trainer.Train(network, optimizer, training, validation);

        Assert.Equal([0.08f, 0.08f, 0.04f, 0.04f, 0.02f], result.History.Select(r => r.LearningRate));
        Assert.Equal(0.02f, optimizer.LearningRate);
    }

    [Fact]
    public void TheSameSeedGivesTheSameRunFromOneDataset()
    {
        ImageDataset data = TrainingData.Blobs(200, seed: 1, spread: 1.2f);
        var options = new TrainerOptions { Epochs = 3, BatchSize = 16, Seed = 7, ValidationFraction = 0.25f };

        TrainingResult first = Run(options), second = Run(options), other = Run(options with { Seed = 8 });

        Assert.Equal(first.History.Select(r => (r.TrainingLoss, r.ValidationAccuracy, r.ValidationLoss)), second.History.Select(r => (r.TrainingLoss, r.ValidationAccuracy, r.ValidationLoss)));
        Assert.NotEqual(first.History.Select(r => r.TrainingLoss), other.History.Select(r => r.TrainingLoss));

        TrainingResult Run(TrainerOptions runOptions)
        {
            BlobNet network = CreateNetwork();
            return new Trainer(runOptions).Train(network, new SgdMomentum(network, 0.05f), data);
        }
    }

    [Fact]
    public void EpochsAllocateNothingAfterSetup()
    {
        ImageDataset training = TrainingData.Blobs(300, seed: 1), validation = TrainingData.Blobs(90, seed: 2);
        var options = new TrainerOptions
        {
            Epochs = 6,
            BatchSize = 16,
            Schedule = new ExponentialDecay(0.1f),
        };

        // Epoch 0 pays for JIT and first calls; epochs 1 .. 5 must allocate nothing.
        long allocated = EpochAllocation.AfterFirstEpoch(options, measured =>
        {
            BlobNet network = CreateNetwork();
            new Trainer(measured).Train(network, new Adam(network, 1e-3f), training, validation);
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void DataThatDoNotFitTheNetworkAreRefused()
    {
        ImageDataset training = TrainingData.Blobs(30, seed: 1), validation = TrainingData.Blobs(30, seed: 2);
        BlobNet network = CreateNetwork();
        var optimizer = new Sgd(network, 0.1f);
        var trainer = new Trainer(new TrainerOptions { BatchSize = 16 });

        var wide = new ImageDataset(new float[30 * 3], new int[30], 3, 1, 1);
        Assert.Contains("3 features but the network takes 2", Assert.Throws<ArgumentException>(() => trainer.Train(network, optimizer, wide, validation)).Message, StringComparison.Ordinal);
        var badLabel = new ImageDataset(new float[4], [0, 3], 2, 1, 1);
        Assert.Contains("Label 3 of example 1", Assert.Throws<ArgumentException>(() => trainer.Train(network, optimizer, training, badLabel)).Message, StringComparison.Ordinal);
        var bigBatches = new Trainer(new TrainerOptions { BatchSize = MaxBatch + 1 });
        Assert.Contains("MaxBatch of 32", Assert.Throws<ArgumentException>(() => bigBatches.Train(network, optimizer, training, validation)).Message, StringComparison.Ordinal);
        var noLoss = new InstrumentedClassifier(network) { LayersOverride = BlobNet.Layers.Take(3).ToArray() };
        Assert.Contains("SOFTMAX or SVM", Assert.Throws<ArgumentException>(() => trainer.Train(noLoss, optimizer, training, validation)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => trainer.Train(network, null!, training, validation));
        Assert.Throws<ArgumentNullException>(() => trainer.Train(network, optimizer, training, null!));
    }

    [Fact]
    public void OptionsOutOfRangeAreRefusedByName()
    {
        Assert.Contains("Epochs", Assert.Throws<ArgumentException>(() => new Trainer(new TrainerOptions { Epochs = 0 })).Message, StringComparison.Ordinal);
        Assert.Contains("BatchSize", Assert.Throws<ArgumentException>(() => new Trainer(new TrainerOptions { BatchSize = 0 })).Message, StringComparison.Ordinal);
        Assert.Contains("Patience", Assert.Throws<ArgumentException>(() => new Trainer(new TrainerOptions { Patience = 0 })).Message, StringComparison.Ordinal);
        Assert.Contains("ValidationFraction", Assert.Throws<ArgumentException>(() => new Trainer(new TrainerOptions { ValidationFraction = 1f })).Message, StringComparison.Ordinal);
        Assert.Contains("DivergenceFactor", Assert.Throws<ArgumentException>(() => new Trainer(new TrainerOptions { DivergenceFactor = 1f })).Message, StringComparison.Ordinal);
        Assert.Contains("TrainingAccuracyExamples", Assert.Throws<ArgumentException>(() => new Trainer(new TrainerOptions { TrainingAccuracyExamples = -1 })).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => new Trainer(null!));
    }

    [Fact]
    public void EpochReportReadsAsOneProgressLine()
    {
        var report = new EpochReport(3, 0.01f, 0.512f, 0.91f, 0.9f, 0.43f, 0.02);
        Assert.Equal("epoch 3: lr 1.00E-002, train loss 0.5120, train acc 91.00%, val acc 90.00%, val loss 0.4300, 0.02 s", report.ToString());
        var regression = new EpochReport(0, 0.1f, 2f, float.NaN, float.NaN, 1.5f, 0.5);
        Assert.Equal("epoch 0: lr 1.00E-001, train loss 2.0000, val loss 1.5000, 0.50 s", regression.ToString());
    }

    private static BlobNet CreateNetwork()
    {
        var network = new BlobNet(MaxBatch);
        network.InitializeParameters(3);
        return network;
    }
}
