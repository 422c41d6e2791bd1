using System;
using System.Linq;
using StaticNets.Training;

namespace StaticNets.Runtime.Tests.Networks;

/// <summary>The notes' §6.5 checks before training for real.</summary>
public class NetworkSanityTests
{
    [Fact]
    public void InitialSoftmaxLossIsNearLnOfTheClassCount()
    {
        const int batch = 64;
        var digits = NetworkData.MnistTrain;
        var network = new LeNet5(batch);
        network.InitializeParameters(1);
        float loss = network.ForwardBackward(digits.Features.AsSpan(0, batch * LeNet5.InputLength), digits.Labels.AsSpan(0, batch), batch);
        Assert.InRange(loss, Math.Log(10) - 0.1, Math.Log(10) + 0.1);
    }

    [Fact]
    public void RegularisationRaisesTheInitialLoss()
    {
        const int batch = 16;
        var digits = NetworkData.MnistTrain;
        var network = new LeNet5(batch);
        network.InitializeParameters(1);
        var input = digits.Features.AsSpan(0, batch * LeNet5.InputLength);
        var labels = digits.Labels.AsSpan(0, batch);
        float plain = network.ForwardBackward(input, labels, batch);
        network.L2Regularization = 1e-3f;
        float regularised = network.ForwardBackward(input, labels, batch);
        double sumOfSquares = LeNet5.ParameterTensors.Where(t => t.IsWeight)
            .Sum(t => network.Parameters.Slice(t.Offset, t.Length).ToArray().Sum(w => (double)w * w));
        Assert.Equal(plain + 1e-3 * sumOfSquares, regularised, 3);
    }

    [Fact]
    public void OverfitsTwentyDigitsToFullTrainingAccuracy()
    {
        const int count = 20;
        var digits = NetworkData.MnistTrain;
        var input = digits.Features.AsSpan(0, count * LeNet5.InputLength).ToArray();
        var labels = digits.Labels.AsSpan(0, count).ToArray();
        var network = new LeNet5(count);
        network.InitializeParameters(1);
        var optimizer = new SgdMomentum(network, 0.05f, 0.9f);

        for (int step = 0; step < 60; step++)
        {
            network.ForwardBackward(input, labels, count);
            optimizer.Step();
        }

        var predictions = new int[count];
        network.Predict(input, predictions, count);
        Assert.Equal(labels, predictions);
        Assert.Equal(1.0, Classification.Accuracy(network, new StaticNets.Data.ImageDataset(input, labels, 1, 28, 28)));
        var shuffledLabels = labels.Select((label, i) => i < 5 ? (label + 1) % 10 : label).ToArray();
        Assert.Equal(0.75, Classification.Accuracy(network, new StaticNets.Data.ImageDataset(input, shuffledLabels, 1, 28, 28)));
        Assert.True(network.ForwardBackward(input, labels, count) < 0.05f);
    }
}
