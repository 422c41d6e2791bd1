using System;
using StaticNets.Kernels;

namespace StaticNets.Runtime.Tests.Kernels;

public class MulticlassSvmTests
{
    [Fact]
    public void LossAndBackwardMatchFloat64Reference()
    {
        var random = new Random(61);
        foreach ((int batch, int classes) in (ReadOnlySpan<(int, int)>)[(1, 1), (1, 2), (3, 10), (64, 10), (2, 17), (5, 33), (4, 100)])
        {
            float[] scores = KernelAssert.RandomFloats(random, batch * classes, scale: 2);
            int[] labels = new int[batch];
            for (int n = 0; n < batch; n++)
            {
                labels[n] = random.Next(classes);
            }

            foreach (float margin in (ReadOnlySpan<float>)[1f, 0.3f])
            {
                // Both sum in double from the same float inputs: equal up to the final rounding to float.
                double expectedLoss = MulticlassSvmReference.Loss<double>(KernelAssert.ToDouble(scores), labels, batch, classes, margin);
                float loss = MulticlassSvm.Loss(scores, labels, batch, classes, margin);
                Assert.True(Math.Abs(loss - expectedLoss) <= KernelAssert.FloatRoundoff * expectedLoss, $"loss {loss:R} vs {expectedLoss:R}");

                // The same margin terms are active in both (formed identically in double); each gradient is ±count/batch, rounded once.
                var expected = new double[scores.Length];
                MulticlassSvmReference.Backward<double>(expected, KernelAssert.ToDouble(scores), labels, batch, classes, margin);
                float[] dScores = new float[scores.Length];
                MulticlassSvm.Backward(dScores, scores, labels, batch, classes, margin);
                KernelAssert.WithinRoundoff(dScores, expected, 1, $"dScores batch={batch} classes={classes} margin={margin}");
            }
        }
    }

    [Fact]
    public void NotesExampleGivesTheHandComputedLoss()
    {
        // CS231n's example: scores (3.2, 5.1, -1.7) with the first class correct: max(0, 2.9) + max(0, -3.9) = 2.9.
        float[] scores = [3.2f, 5.1f, -1.7f];
        Assert.Equal(2.9f, MulticlassSvm.Loss(scores, [0], 1, 3, 1f), 5);
        float[] dScores = new float[3];
        MulticlassSvm.Backward(dScores, scores, [0], 1, 3, 1f);
        Assert.Equal([-1f, 1f, 0f], dScores);
    }

    [Fact]
    public void MarginTermOfExactlyZeroIsInactiveAndBackwardMayOverwriteTheScores()
    {
        // Second row: 1 - 2 + 1 = 0 exactly, so neither loss nor gradient. First row: two active terms, mean over 2 examples.
        float[] scores = [0f, 0.5f, 0.5f, 2f, 1f, -5f];
        int[] labels = [0, 0];
        Assert.Equal((1.5f + 1.5f) / 2, MulticlassSvm.Loss(scores, labels, 2, 3, 1f));
        MulticlassSvm.Backward(scores, scores, labels, 2, 3, 1f);
        Assert.Equal([-1f, 0.5f, 0.5f, 0f, 0f, 0f], scores);
    }

    [Fact]
    public void GradientOfTheRealLossMatchesCentredDifferences()
    {
        // Scores redrawn until every margin term is at least 0.05 from the hinge, far more than the step.
        const int Batch = 4, Classes = 6;
        var random = new Random(62);
        int[] labels = [0, 5, 2, 2];
        double[] scores;
        do
        {
            scores = KernelAssert.RandomDoubles(random, Batch * Classes, scale: 2);
        }
        while (HasTermNearHinge(scores, labels, Classes, 1.0, 0.05));

        double Loss() => MulticlassSvmReference.Loss<double>(scores, labels, Batch, Classes, 1.0);
        var dScores = new double[scores.Length];
        MulticlassSvmReference.Backward<double>(dScores, scores, labels, Batch, Classes, 1.0);
        KernelAssert.GradientMatchesCentredDifferences(scores, dScores, Loss, "dScores");
    }

    [Fact]
    public void LabelsMarginAndLengthsAreChecked()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => MulticlassSvm.Loss(new float[12], [0, 3, 4], 3, 4, 1f));
        Assert.Equal("labels", error.ParamName);
        Assert.Contains("labels[2] is 4, outside [0, 4)", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<ArgumentOutOfRangeException>(() => MulticlassSvm.Backward(new float[12], new float[12], [-1, 0, 0], 3, 4, 1f));
        Assert.Contains("labels[0] is -1", error.Message, StringComparison.Ordinal);

        KernelAssert.ThrowsForRange("margin", "positive and finite, got 0.", () => MulticlassSvm.Loss(new float[4], [0], 1, 4, 0f));
        KernelAssert.ThrowsForRange("margin", "positive and finite, got -1.", () => MulticlassSvm.Backward(new float[4], new float[4], [0], 1, 4, -1f));
        KernelAssert.ThrowsForRange("margin", "positive and finite, got NaN.", () => MulticlassSvm.Loss(new float[4], [0], 1, 4, float.NaN));
        KernelAssert.ThrowsForLength("scores", "640 floats (batch*classes = 64*10), got 639.", () => MulticlassSvm.Loss(new float[639], new int[64], 64, 10, 1f));
        KernelAssert.ThrowsForLength("labels", "64 labels (batch = 64), got 63.", () => MulticlassSvm.Loss(new float[640], new int[63], 64, 10, 1f));
        KernelAssert.ThrowsForLength("dScores", "640 floats", () => MulticlassSvm.Backward(new float[1], new float[640], new int[64], 64, 10, 1f));
    }

    private static bool HasTermNearHinge(double[] scores, int[] labels, int classes, double margin, double distance)
    {
        for (int n = 0; n < labels.Length; n++)
        {
            for (int j = 0; j < classes; j++)
            {
                if (j != labels[n] && Math.Abs(scores[n * classes + j] - scores[n * classes + labels[n]] + margin) < distance)
                {
                    return true;
                }
            }
        }

        return false;
    }
}
