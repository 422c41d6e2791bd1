using System;

namespace StaticNets.Runtime.Tests.Training;

public class RegularizationTests
{
    [Fact]
    public void AddL2ReturnsPenaltyAndAddsTwiceStrengthTimesWeight()
    {
        float[] weights = [1f, -2f, 3f];
        float[] gradients = [0.5f, 0.5f, 0.5f];

        float penalty = Regularization.AddL2(weights, gradients, strength: 0.1f);

        // 0.1 * (1 + 4 + 9) = 1.4; gradient += 2 * 0.1 * w = (0.2, -0.4, 0.6).
        Assert.Equal(1.4f, penalty, 1e-6f);
        Assert.Equal(0.7f, gradients[0], 1e-6f);
        Assert.Equal(0.1f, gradients[1], 1e-6f);
        Assert.Equal(1.1f, gradients[2], 1e-6f);
    }

    [Fact]
    public void ZeroStrengthReturnsZeroAndLeavesGradientsUntouched()
    {
        float[] weights = [1f, -2f, 3f];
        float[] gradients = [0.25f, -0.5f, 7f];

        float penalty = Regularization.AddL2(weights, gradients, strength: 0f);

        Assert.Equal(0f, penalty);
        Assert.Equal([0.25f, -0.5f, 7f], gradients);
    }

    [Fact]
    public void EveryLengthMatchesScalarReference()
    {
        // Lengths 0..130 and one past a chunk boundary hit every vector width, every tail, and the chunked widening.
        var random = new Random(11);
        int[] lengths = [.. System.Linq.Enumerable.Range(0, 131), 511, 512, 513, 1537];
        foreach (int length in lengths)
        {
            var weights = new float[length];
            var gradients = new float[length];
            for (int i = 0; i < length; i++)
            {
                weights[i] = (float)(random.NextDouble() * 2 - 1);
                gradients[i] = (float)(random.NextDouble() * 2 - 1);
            }

            float[] expectedGradients = (float[])gradients.Clone();
            double expectedSum = 0;
            for (int i = 0; i < length; i++)
            {
                expectedSum += (double)weights[i] * weights[i];
                expectedGradients[i] += 2f * 0.3f * weights[i];
            }

            float penalty = Regularization.AddL2(weights, gradients, 0.3f);

            Assert.Equal((float)(0.3 * expectedSum), penalty, Math.Max(1e-6f, 1e-6f * penalty));
            for (int i = 0; i < length; i++)
            {
                Assert.Equal(expectedGradients[i], gradients[i], 1e-6f);
            }
        }
    }

    [Fact]
    public void LargeTensorPenaltyIsTheDoubleSumRoundedOnce()
    {
        // Accumulated in double, the only error left is the final rounding to float (half an ulp, 6e-8 relative).
        const int count = 100_003;
        var random = new Random(3);
        var weights = new float[count];
        double expectedSum = 0;
        for (int i = 0; i < count; i++)
        {
            weights[i] = (float)(random.NextDouble() * 2 - 1);
            expectedSum += (double)weights[i] * weights[i];
        }

        float penalty = Regularization.AddL2(weights, new float[count], 0.5f);

        double expected = 0.5 * expectedSum;
        Assert.Equal(expected, penalty, expected * 1e-7);
    }

    [Fact]
    public void MismatchedLengthsAreRefused()
    {
        var exception = Assert.Throws<ArgumentException>(() => Regularization.AddL2(new float[3], new float[2], 0.1f));
        Assert.Contains("expected 3, got 2", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void InvalidStrengthIsRefused(float strength)
    {
        var exception = Assert.Throws<ArgumentException>(() => Regularization.AddL2(new float[3], new float[3], strength));
        Assert.Contains("finite and not negative", exception.Message, StringComparison.Ordinal);
    }
}
