using System;

namespace StaticNets.Runtime.Tests.Training;

public class InitializersTests
{
    private const int Draws = 100_000;

    [Fact]
    public void HeDrawsZeroMeanWithStandardDeviationSqrtTwoOverFanIn() =>
        AssertNormalStatistics(Initializers.He, fanIn: 50, expectedStd: Math.Sqrt(2.0 / 50));

    [Fact]
    public void XavierDrawsZeroMeanWithStandardDeviationSqrtOneOverFanIn() =>
        AssertNormalStatistics(Initializers.Xavier, fanIn: 50, expectedStd: Math.Sqrt(1.0 / 50));

    [Fact]
    public void SigmoidVariantDrawsZeroMeanWithStandardDeviationSqrtTwelvePointEightOverFanIn() =>
        AssertNormalStatistics(Initializers.Sigmoid, fanIn: 784, expectedStd: Math.Sqrt(12.8 / 784));

    [Fact]
    public void ScoringDrawsZeroMeanWithStandardDeviationOneHundredthWhateverTheFanIn() =>
        AssertNormalStatistics((weights, _, random) => Initializers.Scoring(weights, random), fanIn: 50, expectedStd: 0.01);

    [Fact]
    public void SameSeedGivesSameWeightsAndDifferentSeedsDiffer()
    {
        var first = new float[1001];
        var second = new float[1001];
        var other = new float[1001];

        Initializers.He(first, 25, new Random(42));
        Initializers.He(second, 25, new Random(42));
        Initializers.He(other, 25, new Random(43));

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void OddLengthFillsEveryWeightConsistentlyWithEvenLength()
    {
        var odd = new float[7];
        var even = new float[8];

        Initializers.Xavier(odd, 10, new Random(9));
        Initializers.Xavier(even, 10, new Random(9));

        Assert.Equal(even.AsSpan(0, 7).ToArray(), odd);
        Assert.DoesNotContain(0f, odd);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void NonPositiveFanInIsRefused(int fanIn)
    {
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => Initializers.He(new float[4], fanIn, new Random(1)));
        Assert.Contains("fan-in", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NullRandomIsRefused()
    {
        Assert.Throws<ArgumentNullException>(() => Initializers.Xavier(new float[4], 3, null!));
    }

    private delegate void Initializer(Span<float> weights, int fanIn, Random random);

    private static void AssertNormalStatistics(Initializer initializer, int fanIn, double expectedStd)
    {
        var weights = new float[Draws];
        initializer(weights, fanIn, new Random(2024));

        double sum = 0, sumOfSquares = 0;
        int withinOneStd = 0;
        foreach (float w in weights)
        {
            sum += w;
            sumOfSquares += (double)w * w;
            if (Math.Abs(w) <= expectedStd)
            {
                withinOneStd++;
            }
        }

        double mean = sum / Draws;
        double std = Math.Sqrt(sumOfSquares / Draws - mean * mean);

        // Standard error of the mean is std / sqrt(100k) = 0.3% of std: 5 of those still catches any real bias.
        Assert.InRange(mean, -0.016 * expectedStd, 0.016 * expectedStd);
        // The sample std's relative standard error is 1 / sqrt(2n) = 0.22%: within 2% is about 9 of them.
        Assert.InRange(std / expectedStd, 0.98, 1.02);
        // A normal puts 68.27% within one std (a uniform of the same std would put 57.7%).
        Assert.InRange(withinOneStd / (double)Draws, 0.6727, 0.6927);
    }
}
