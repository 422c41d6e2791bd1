using System;
using StaticNets.Kernels;

namespace StaticNets.Runtime.Tests.Kernels;

public class SquaredErrorTests
{
    [Fact]
    public void LossAndBackwardMatchFloat64Reference()
    {
        var random = new Random(71);
        foreach ((int batch, int width) in (ReadOnlySpan<(int, int)>)[(1, 1), (3, 1), (2, 7), (64, 10), (5, 33), (3, 100)])
        {
            float[] predictions = KernelAssert.RandomFloats(random, batch * width, scale: 3);
            float[] targets = KernelAssert.RandomFloats(random, batch * width, scale: 3);
            double[] p64 = KernelAssert.ToDouble(predictions), t64 = KernelAssert.ToDouble(targets);

            // Both sum exact float differences squared in double: equal up to the final rounding to float.
            double expectedLoss = SquaredErrorReference.Loss<double>(p64, t64, batch, width);
            float loss = SquaredError.Loss(predictions, targets, batch, width);
            Assert.True(Math.Abs(loss - expectedLoss) <= KernelAssert.FloatRoundoff * expectedLoss, $"loss {loss:R} vs {expectedLoss:R}");

            // (p - t)·(2/batch): three roundings.
            var expected = new double[predictions.Length];
            SquaredErrorReference.Backward<double>(expected, p64, t64, batch, width);
            float[] dPredictions = new float[predictions.Length];
            SquaredError.Backward(dPredictions, predictions, targets, batch, width);
            KernelAssert.WithinRoundoff(dPredictions, expected, 3, $"dPredictions batch={batch} width={width}");

            SquaredError.Backward(predictions, predictions, targets, batch, width);
            Assert.Equal(dPredictions, predictions);
        }
    }

    [Fact]
    public void LossIsTheLecturesSumOfSquaresWithoutAHalf()
    {
        // Two examples: (1 - 0)² + (2 - 4)² = 5 and (0 - 3)² + (1 - 1)² = 9; mean 7. Gradient 2(p - t)/2.
        float[] predictions = [1, 2, 0, 1], targets = [0, 4, 3, 1];
        Assert.Equal(7f, SquaredError.Loss(predictions, targets, 2, 2));
        float[] dPredictions = new float[4];
        SquaredError.Backward(dPredictions, predictions, targets, 2, 2);
        Assert.Equal([1f, -2f, -3f, 0f], dPredictions);
    }

    [Fact]
    public void GradientOfTheRealLossMatchesCentredDifferences()
    {
        const int Batch = 3, Width = 5;
        var random = new Random(72);
        double[] predictions = KernelAssert.RandomDoubles(random, Batch * Width, scale: 2);
        double[] targets = KernelAssert.RandomDoubles(random, Batch * Width, scale: 2);
        double Loss() => SquaredErrorReference.Loss<double>(predictions, targets, Batch, Width);
        var dPredictions = new double[predictions.Length];
        SquaredErrorReference.Backward<double>(dPredictions, predictions, targets, Batch, Width);
        KernelAssert.GradientMatchesCentredDifferences(predictions, dPredictions, Loss, "dPredictions");
    }

    [Fact]
    public void WrongSpanLengthsThrow()
    {
        KernelAssert.ThrowsForLength("predictions", "20 floats (batch*width = 4*5), got 19.", () => SquaredError.Loss(new float[19], new float[20], 4, 5));
        KernelAssert.ThrowsForLength("targets", "20 floats", () => SquaredError.Loss(new float[20], new float[21], 4, 5));
        KernelAssert.ThrowsForLength("dPredictions", "20 floats", () => SquaredError.Backward(new float[2], new float[20], new float[20], 4, 5));
        KernelAssert.ThrowsForLength("targets", "20 floats", () => SquaredError.Backward(new float[20], new float[20], new float[2], 4, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => SquaredError.Loss([], [], 0, 5));
    }
}
