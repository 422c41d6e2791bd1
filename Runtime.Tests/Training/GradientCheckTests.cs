using System;
using System.Linq;
using StaticNets.Training;
using Xunit.Abstractions;

namespace StaticNets.Runtime.Tests.Training;

public class GradientCheckTests(ITestOutputHelper output)
{
    private const int Inputs = 6, Classes = 4, Batch = 5;

    [Fact]
    public void CorrectGradientPassesWithSmallRelativeError()
    {
        (LinearSoftmaxNetwork network, float[] input, int[] labels) = CreateProblem();

        // The loss is float32: rounding L(w +- h) (~1.6 here) costs up to ~1.2e-7 each, ~1.2e-7 / h in the numeric
        // gradient. h = 1e-2 keeps that near 1e-5 while the centred difference's O(h^2) truncation stays ~1e-6 for
        // this smooth loss (h = 1e-4 would make the rounding term 1e-3). Measured: a few 1e-6 absolute, so the
        // smallest gradient here (2.8e-3) gives the worst relative error, 9e-4: ten times under the 1e-2 bound.
        GradientCheckResult result = GradientCheck.Run(network, input, labels, Batch, parameterSamples: 1000, seed: 1, step: 1e-2f);

        output.WriteLine($"max relative error {result.MaxRelativeError:E2} at {result.WorstIndex} (analytic {result.WorstAnalytic:E3}, numeric {result.WorstNumeric:E3}); smallest |gradient| {result.Entries.Min(e => Math.Abs(e.Analytic)):E2}");
        Assert.Equal(network.ParameterCount, result.Entries.Count);
        Assert.True(result.MaxRelativeError < 1e-2, $"max relative error {result.MaxRelativeError} at {result.WorstIndex}: analytic {result.WorstAnalytic}, numeric {result.WorstNumeric}");
    }

    [Fact]
    public void BiasGradientScaledByTwoIsDetected()
    {
        (LinearSoftmaxNetwork network, float[] input, int[] labels) = CreateProblem();
        network.BiasGradientScale = 2f;

        GradientCheckResult result = GradientCheck.Run(network, input, labels, Batch, parameterSamples: 1000, seed: 1);

        output.WriteLine($"planted bug: max relative error {result.MaxRelativeError:F4} at {result.WorstIndex}");
        // |2g - g| / |2g| = 0.5 at every bias; the weights stay correct.
        Assert.Equal(0.5, result.MaxRelativeError, 0.02);
        Assert.InRange(result.WorstIndex, Classes * Inputs, network.ParameterCount - 1);
        Assert.Equal(2.0, result.WorstAnalytic / result.WorstNumeric, 0.05);
        Assert.All(result.Entries.Where(e => e.Index < Classes * Inputs), e => Assert.True(e.RelativeError < 1e-2));
    }

    [Fact]
    public void SampledIndicesAreDistinctSortedAndDeterministicForASeed()
    {
        (LinearSoftmaxNetwork network, float[] input, int[] labels) = CreateProblem();

        int[] first = GradientCheck.Run(network, input, labels, Batch, parameterSamples: 10, seed: 3).Entries.Select(e => e.Index).ToArray();
        int[] again = GradientCheck.Run(network, input, labels, Batch, parameterSamples: 10, seed: 3).Entries.Select(e => e.Index).ToArray();
        int[] other = GradientCheck.Run(network, input, labels, Batch, parameterSamples: 10, seed: 4).Entries.Select(e => e.Index).ToArray();

        Assert.Equal(10, first.Length);
        Assert.Equal(first.Order().Distinct(), first);
        Assert.All(first, i => Assert.InRange(i, 0, network.ParameterCount - 1));
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void ParametersAndAnalyticGradientsAreRestoredExactly()
    {
        (LinearSoftmaxNetwork network, float[] input, int[] labels) = CreateProblem();
        float[] parametersBefore = network.Parameters.ToArray();
        network.ForwardBackward(input, labels, Batch);
        float[] analytic = network.Gradients.ToArray();

        GradientCheckResult result = GradientCheck.Run(network, input, labels, Batch, parameterSamples: 1000, seed: 1);

        Assert.Equal(parametersBefore, network.Parameters.ToArray());
        Assert.Equal(analytic, network.Gradients.ToArray());
        Assert.All(result.Entries, e => Assert.Equal(analytic[e.Index], e.Analytic));
        // One analytic pass, then two per checked parameter (plus the one this test made).
        Assert.Equal(2 + 2 * network.ParameterCount, network.ForwardBackwardCalls);
    }

    [Fact]
    public void RegularizationTermIsCheckedToo()
    {
        (LinearSoftmaxNetwork network, float[] input, int[] labels) = CreateProblem();
        network.L2Regularization = 0.05f;

        GradientCheckResult result = GradientCheck.Run(network, input, labels, Batch, parameterSamples: 1000, seed: 1);

        output.WriteLine($"with L2: max relative error {result.MaxRelativeError:E2} at {result.WorstIndex}");
        Assert.True(result.MaxRelativeError < 1e-2, $"max relative error {result.MaxRelativeError} at {result.WorstIndex}");
    }

    [Theory]
    [InlineData(0.0, 0.0, 0.0)]
    [InlineData(1.0, 1.0, 0.0)]
    [InlineData(2.0, 1.0, 0.5)]
    [InlineData(1.0, 2.0, 0.5)]
    [InlineData(-1.0, 1.0, 2.0)]
    [InlineData(1e-9, 0.0, 1.0)]
    public void RelativeErrorIsDifferenceOverLargerMagnitude(double analytic, double numeric, double expected)
    {
        Assert.Equal(expected, GradientCheck.RelativeError(analytic, numeric), 1e-12);
    }

    [Fact]
    public void RelativeErrorPropagatesNaN()
    {
        Assert.True(double.IsNaN(GradientCheck.RelativeError(double.NaN, 1.0)));
    }

    [Fact]
    public void InvalidArgumentsAreRefused()
    {
        (LinearSoftmaxNetwork network, float[] input, int[] labels) = CreateProblem();

        Assert.Throws<ArgumentNullException>(() => GradientCheck.Run(null!, input, labels, Batch, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.Run(network, input, labels, 0, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.Run(network, input, labels, network.MaxBatch + 1, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.Run(network, input, labels, Batch, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => GradientCheck.Run(network, input, labels, Batch, 1, 0, step: 0f));
        Assert.Contains($"at least {Batch * Inputs} floats",
            Assert.Throws<ArgumentException>(() => GradientCheck.Run(network, input.AsSpan(1), labels, Batch, 1, 0)).Message,
            StringComparison.Ordinal);
        Assert.Contains($"at least {Batch} entries",
            Assert.Throws<ArgumentException>(() => GradientCheck.Run(network, input, labels.AsSpan(1), Batch, 1, 0)).Message,
            StringComparison.Ordinal);
    }

    private static (LinearSoftmaxNetwork Network, float[] Input, int[] Labels) CreateProblem()
    {
        var network = new LinearSoftmaxNetwork(Inputs, Classes, maxBatch: 8);
        network.InitializeParameters(seed: 17);
        var random = new Random(23);
        for (int c = 0; c < Classes; c++)
        {
            network.Parameters[Classes * Inputs + c] = (float)(random.NextDouble() - 0.5); // non-zero biases
        }

        float[] input = Enumerable.Range(0, Batch * Inputs).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        int[] labels = Enumerable.Range(0, Batch).Select(n => n % Classes).ToArray();
        return (network, input, labels);
    }
}
