using System;
using System.Linq;
using StaticNets.Data;
using StaticNets.Training;
using Xunit.Abstractions;

namespace StaticNets.Runtime.Tests.Training;

/// <summary>The notes' §6.5 checks as API.</summary>
public class SanityChecksTests(ITestOutputHelper output)
{
    [Fact]
    public void InitialSoftmaxLossIsCloseToLnThreeWithRegularisationOffThenRestored()
    {
        var network = new BlobNet(64);
        network.InitializeParameters(1);
        network.L2Regularization = 0.5f; // large enough to spoil the check if it stayed on
        network.L1Regularization = 0.25f;

        InitialLossCheck check = SanityChecks.InitialLoss(network, TrainingData.Blobs(64, seed: 1), batch: 64);

        output.WriteLine(check.ToString());
        Assert.True(check.Passed, check.ToString());
        Assert.Equal(LayerOperation.SoftmaxLoss, check.Loss);
        Assert.Equal(3, check.Classes);
        Assert.Equal(Math.Log(3), check.Expected, 1e-6);
        Assert.InRange(check.Measured, Math.Log(3) - 0.1, Math.Log(3) + 0.1);
        Assert.Equal(0.5f, network.L2Regularization);
        Assert.Equal(0.25f, network.L1Regularization);
        Assert.StartsWith("initial loss 1.", check.ToString(), StringComparison.Ordinal);
        Assert.EndsWith("expected ln(3) = 1.0986 +- 0.1099: passed", check.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void InitialSvmLossIsClassesMinusOneTimesTheMargin()
    {
        var network = new LinearSvmNetwork(inputs: 2, classes: 4, maxBatch: 32, margin: 1.5f);
        network.InitializeParameters(1);

        InitialLossCheck check = SanityChecks.InitialLoss(network, FourClassPoints(32), batch: 32);

        output.WriteLine(check.ToString());
        Assert.Equal(LayerOperation.SvmLoss, check.Loss);
        Assert.Equal(4.5f, check.Expected); // (4 - 1) * 1.5
        Assert.True(check.Passed, check.ToString());
        Assert.Contains("(4 - 1) x margin = 4.5000", check.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AMisScaledInitialisationFailsTheInitialLossCheck()
    {
        var network = new BlobNet(64);
        network.InitializeParameters(1);
        // Scores twenty times too large: the network starts confidently wrong about most examples.
        System.Numerics.Tensors.TensorPrimitives.Multiply(network.Parameters, 20f, network.Parameters);

        InitialLossCheck check = SanityChecks.InitialLoss(network, TrainingData.Blobs(64, seed: 1), batch: 64);

        output.WriteLine(check.ToString());
        Assert.False(check.Passed);
        Assert.EndsWith("FAILED", check.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void OverfitsTwentySeparablePointsToFullAccuracy()
    {
        var network = new BlobNet(20);
        network.InitializeParameters(1);
        network.L2Regularization = 0.5f;

        OverfitCheck check = SanityChecks.OverfitSmallSubset(network, n => new Adam(n, 1e-2f), TrainingData.Blobs(100, seed: 1), examples: 20);

        output.WriteLine(check.ToString());
        Assert.True(check.Passed, check.ToString());
        Assert.Equal(1f, check.Accuracy);
        Assert.Equal(20, check.Examples);
        Assert.InRange(check.Steps, 0, check.MaxSteps);
        Assert.Equal(0.5f, network.L2Regularization);
        Assert.EndsWith("passed", check.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void MemorisesTwentyRandomlyLabelledPoints()
    {
        // Harder than separable blobs: labels carry no pattern, so full accuracy means the network memorised them.
        var network = new BlobNet(20);
        network.InitializeParameters(1);

        OverfitCheck check = SanityChecks.OverfitSmallSubset(network, n => new Adam(n, 5e-2f), RandomlyLabelled(20), examples: 20, maxSteps: 1000);

        output.WriteLine(check.ToString());
        Assert.True(check.Passed, check.ToString());
        Assert.True(check.Steps > 10, "random labels should take real work to fit");
    }

    [Fact]
    public void OverfitReportsFailureWhenTheBudgetRunsOut()
    {
        var network = new BlobNet(20);
        network.InitializeParameters(1);
        // Random labels cannot be fitted in 3 tiny steps.
        OverfitCheck check = SanityChecks.OverfitSmallSubset(network, n => new Sgd(n, 1e-4f), RandomlyLabelled(20), examples: 20, maxSteps: 3);

        output.WriteLine(check.ToString());
        Assert.False(check.Passed);
        Assert.Equal(3, check.Steps);
        Assert.True(check.Accuracy < 1f);
        Assert.EndsWith("FAILED", check.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ArgumentsOutOfRangeAreRefused()
    {
        var network = new BlobNet(16);
        ImageDataset data = TrainingData.Blobs(20, seed: 1);
        Assert.Contains("between 1 and 16", Assert.Throws<ArgumentOutOfRangeException>(() => SanityChecks.InitialLoss(network, data, batch: 17)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => SanityChecks.InitialLoss(network, data, batch: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SanityChecks.InitialLoss(network, data, batch: 8, relativeTolerance: 0f));
        Assert.Contains("between 1 and 10", Assert.Throws<ArgumentOutOfRangeException>(() => SanityChecks.OverfitSmallSubset(network, n => new Sgd(n, 0.1f), TrainingData.Blobs(10, 1), examples: 11)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => SanityChecks.OverfitSmallSubset(network, n => new Sgd(n, 0.1f), data, examples: 10, maxSteps: 0));
        Assert.Contains("3 features", Assert.Throws<ArgumentException>(() => SanityChecks.InitialLoss(network, new ImageDataset(new float[30], new int[10], 3, 1, 1), batch: 8)).Message, StringComparison.Ordinal);
        var noLoss = new InstrumentedClassifier(network) { LayersOverride = BlobNet.Layers.Take(3).ToArray() };
        Assert.Contains("SOFTMAX or SVM", Assert.Throws<ArgumentException>(() => SanityChecks.InitialLoss(noLoss, data, batch: 8)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => SanityChecks.OverfitSmallSubset(network, null!, data));
    }

    /// <summary>Overlapping blob points whose labels are drawn at random.</summary>
    private static ImageDataset RandomlyLabelled(int count)
    {
        ImageDataset blobs = TrainingData.Blobs(count, seed: 1, spread: 1.5f);
        var random = new Random(1);
        return new ImageDataset(blobs.Features, blobs.Labels.Select(_ => random.Next(3)).ToArray(), 2, 1, 1);
    }

    /// <summary>Four clusters at the corners of a square, example i in class i % 4.</summary>
    private static ImageDataset FourClassPoints(int count)
    {
        var random = new Random(2);
        var features = new float[count * 2];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = i % 4;
            features[2 * i] = (labels[i] % 2 == 0 ? -1 : 1) + (float)(0.2 * (random.NextDouble() - 0.5));
            features[2 * i + 1] = (labels[i] < 2 ? -1 : 1) + (float)(0.2 * (random.NextDouble() - 0.5));
        }

        return new ImageDataset(features, labels, 2, 1, 1);
    }
}
