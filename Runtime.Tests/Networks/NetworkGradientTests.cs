using System;
using System.Collections.Generic;
using System.Linq;
using StaticNets.Training;

namespace StaticNets.Runtime.Tests.Networks;

/// <summary>
/// The generated backward pass against centred differences of the generated forward pass (notes §3.3),
/// whole networks at a time, so every layer's gradient is checked in the place it is used.
/// </summary>
public class NetworkGradientTests
{
    // Relative error bound from the issue: every checked parameter below 1e-2.
    private const double MaxRelativeError = 1e-2;

    [Fact]
    public void TinyMlpGradientMatchesOnEveryParameter()
    {
        var network = new TinyMlp(3);
        network.InitializeParameters(5);
        AssertGradientMatches(network, AllIndices(TinyMlp.ParameterCount), NetworkData.Uniform(3 * TinyMlp.InputLength, 1), NetworkData.Labels(3, 3, 2), 3);
    }

    [Fact]
    public void StridedPaddedConvolutionAndOverlappingPoolingGradientMatchesOnEveryParameter()
    {
        var network = new StridedConvNet(2);
        network.InitializeParameters(7);
        AssertGradientMatches(network, AllIndices(StridedConvNet.ParameterCount), NetworkData.Uniform(2 * StridedConvNet.InputLength, 3), NetworkData.Labels(2, 4, 4), 2);
    }

    [Fact]
    public void ImpliedScoringLayerGradientMatchesOnEveryParameter()
    {
        var network = new ImpliedScoringNet(2);
        network.InitializeParameters(11);
        AssertGradientMatches(network, AllIndices(ImpliedScoringNet.ParameterCount), NetworkData.Uniform(2 * ImpliedScoringNet.InputLength, 5), NetworkData.Labels(2, 3, 6), 2);
    }

    [Fact]
    public void LeNet5GradientMatchesOnEveryTensor()
    {
        const int batch = 2;
        var digits = NetworkData.MnistTrain;
        var network = new LeNet5(batch);
        network.InitializeParameters(1);
        // Zero biases on the digits' zero background put hundreds of conv1 outputs exactly on ReLU's kink, where
        // the centred difference averages two one-sided slopes (the notes' caveat). Check at a point off the kink.
        GradientAssert.OffsetBiases(network, 0.05f, seed: 4);
        // 40 parameters from every tensor (all of the small ones), so conv1's 156 are not drowned by fc1's 48,120.
        var random = new Random(9);
        var indices = new List<int>();
        foreach (var tensor in LeNet5.ParameterTensors)
        {
            indices.AddRange(Enumerable.Range(tensor.Offset, tensor.Length).OrderBy(_ => random.Next()).Take(40));
        }
        AssertGradientMatches(network, indices.ToArray(), digits.Features.AsSpan(0, batch * LeNet5.InputLength).ToArray(), digits.Labels.AsSpan(0, batch).ToArray(), batch);
    }

    [Fact]
    public void RegularisationGradientIsCheckedToo()
    {
        var network = new StridedConvNet(2);
        network.InitializeParameters(7);
        network.L2Regularization = 0.05f;
        AssertGradientMatches(network, AllIndices(StridedConvNet.ParameterCount), NetworkData.Uniform(2 * StridedConvNet.InputLength, 3), NetworkData.Labels(2, 4, 4), 2);
    }

    private static int[] AllIndices(int count) => Enumerable.Range(0, count).ToArray();

    private static void AssertGradientMatches(IClassifier network, int[] indices, float[] input, int[] labels, int batch)
    {
        var result = GradientCheck.RunFloat64(network, input, labels, batch, indices);
        GradientAssert.Within(network, result, MaxRelativeError, nonZeroMagnitude: 1e-4, nonZeroShare: 4);
    }
}
