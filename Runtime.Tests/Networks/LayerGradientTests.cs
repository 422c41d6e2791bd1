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
        var random = new Random(seed);
        foreach (var tensor in network.ParameterTensors.Where(t => !t.IsWeight))
        {
            foreach (ref float value in network.Parameters.Slice(tensor.Offset, tensor.Length))
            {
                value = 0.1f * (float)(random.NextDouble() - 0.5);
            }
        }
    }

    private static void AssertClassifierGradient(IClassifier network, int batch, int classes)
    {
        float[] input = NetworkData.Uniform(batch * network.InputLength, 7);
        int[] labels = NetworkData.Labels(batch, classes, 8);
        var result = GradientCheck.RunFloat64(network, input, labels, batch, Enumerable.Range(0, network.ParameterCount).ToArray());
        AssertWithin(network, result);
    }

    private static void AssertWithin(INetwork network, GradientCheckResult result)
    {
        var failures = result.Entries.Where(e => !(e.RelativeError < MaxRelativeError)).OrderByDescending(e => e.RelativeError).ToList();
        Assert.True(failures.Count == 0,
            $"{failures.Count} of {result.Entries.Count} parameters exceed relative error {MaxRelativeError}; worst: " + string.Join("; ",
                failures.Take(8).Select(e => $"#{e.Index} {network.ParameterTensors.First(t => e.Index >= t.Offset && e.Index < t.Offset + t.Length).Name} analytic {e.Analytic:E4} numeric {e.Numeric:E4}")));
        Assert.True(result.Entries.Count(e => Math.Abs(e.Analytic) > 1e-5) > result.Entries.Count / 3, "most gradients are zero: the check proves little");
    }
}
