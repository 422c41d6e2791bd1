using System;
using System.Linq;
using StaticNets.Training;

namespace StaticNets.Runtime.Tests.Networks;

/// <summary>
/// Every layer of the notes in a generated network, its analytic gradient checked on every parameter against
/// centred differences of the float64 twin (training mode: batch statistics, the same dropout masks).
/// </summary>
public class LayerGradientTests
{
    private const double MaxRelativeError = 1e-2;

    [Fact]
    public void BatchNormLeakyReluAveragePoolingAndEluGradientsMatch()
    {
        var network = new NormalizedConvNet(3);
        Prepare(network, seed: 1);
        AssertClassifierGradient(network, 3, classes: 3);
    }

    [Fact]
    public void SigmoidTanhSoftplusAndSvmGradientsMatch()
    {
        var network = new SaturatingSvmNet(4);
        Prepare(network, seed: 2);
        AssertClassifierGradient(network, 4, classes: 4);
    }

    [Fact]
    public void PreluMaxoutBatchNormAndDropoutGradientsMatch()
    {
        var network = new MaxoutDropoutNet(4);
        Prepare(network, seed: 3);
        AssertClassifierGradient(network, 4, classes: 3);
    }

    [Fact]
    public void RegressorWithDropoutAndSquaredErrorGradientsMatch()
    {
        const int batch = 3;
        var network = new ConvRegressor(batch);
        Prepare(network, seed: 4);
        network.L2Regularization = 0.02f;
        network.L1Regularization = 0.01f;
        float[] input = NetworkData.Uniform(batch * ConvRegressor.InputLength, 11);
        float[] targets = NetworkData.Uniform(batch * ConvRegressor.OutputLength, 12);
        var result = GradientCheck.RunFloat64(network, input, targets, batch, Enumerable.Range(0, ConvRegressor.ParameterCount).ToArray());
        AssertWithin(network, result);
    }

    [Fact]
    public void ElasticNetPenaltyGradientsMatch()
    {
        var network = new NormalizedConvNet(3);
        Prepare(network, seed: 5);
        network.L2Regularization = 0.03f;
        network.L1Regularization = 0.02f;
        AssertClassifierGradient(network, 3, classes: 3);
    }

    // Biases and slopes off zero so no ReLU-family unit sits exactly on its kink (the notes' caveat about kinks).
    internal static void Prepare(INetwork network, int seed)
    {
        network.InitializeParameters(seed);
        GradientAssert.OffsetBiases(network, 0.1f, seed);
    }

    private static void AssertClassifierGradient(IClassifier network, int batch, int classes)
    {
        float[] input = NetworkData.Uniform(batch * network.InputLength, 7);
        int[] labels = NetworkData.Labels(batch, classes, 8);
        var result = GradientCheck.RunFloat64(network, input, labels, batch, Enumerable.Range(0, network.ParameterCount).ToArray());
        AssertWithin(network, result);
    }

    private static void AssertWithin(INetwork network, GradientCheckResult result) =>
        GradientAssert.Within(network, result, MaxRelativeError, nonZeroMagnitude: 1e-5, nonZeroShare: 3);
}
