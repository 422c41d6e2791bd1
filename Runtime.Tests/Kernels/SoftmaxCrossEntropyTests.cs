using System;
using StaticNets.Kernels;

namespace StaticNets.Runtime.Tests.Kernels;

public class SoftmaxCrossEntropyTests
{
    [Fact]
    public void ForwardLossAndBackwardMatchFloat64Reference()
    {
        var random = new Random(6);
        foreach ((int batch, int classes) in (ReadOnlySpan<(int, int)>)[(1, 1), (1, 2), (3, 10), (64, 10), (2, 17), (5, 33), (4, 100)])
        {
            float[] scores = KernelAssert.RandomFloats(random, batch * classes, scale: 5);
            int[] labels = new int[batch];
            for (int n = 0; n < batch; n++)
            {
                labels[n] = random.Next(classes);
            }

            var expected = new double[scores.Length];
            SoftmaxCrossEntropyReference.Forward<double>(expected, KernelAssert.ToDouble(scores), batch, classes);
            float[] probabilities = new float[scores.Length];
            SoftmaxCrossEntropy.Forward(probabilities, scores, batch, classes);

            // Each p is exp(s - max) / Σ: float exp is good to a few ulps, and s - max (|s - max| <= 10) carries one
            // rounding into the exponent, i.e. up to 10u relative; the sum adds `classes` roundings. Hence a relative
            // bound of (classes + 16)·2u per probability.
            KernelAssert.CloseToReference(probabilities, expected, expected, classes + 14, $"probabilities batch={batch} classes={classes}");

            double expectedLoss = SoftmaxCrossEntropyReference.Loss<double>(expected, labels, batch, classes);
            float loss = SoftmaxCrossEntropy.Loss(probabilities, labels, batch, classes);
            Assert.True(Math.Abs(loss - expectedLoss) <= 1e-5 * Math.Max(1, expectedLoss), $"loss {loss} vs {expectedLoss}");

            var expectedGradient = new double[scores.Length];
            SoftmaxCrossEntropyReference.Backward<double>(expectedGradient, expected, labels, batch, classes);
            float[] dScores = new float[scores.Length];
            SoftmaxCrossEntropy.Backward(dScores, probabilities, labels, batch, classes);
            var scale = new double[scores.Length];
            Array.Fill(scale, 1.0 / batch);
            KernelAssert.CloseToReference(dScores, expectedGradient, scale, classes + 14, $"dScores batch={batch} classes={classes}");
        }
    }

    [Fact]
    public void ForwardIsStableForHugeScoresAndWorksInPlace()
    {
        float[] scores = [1000f, 1000f, -1000f, 88.8f, 89f, 88.7f];
        SoftmaxCrossEntropy.Forward(scores, scores, 2, 3);
        Assert.All(scores, p => Assert.True(float.IsFinite(p)));
        Assert.Equal(0.5f, scores[0], 6);
        Assert.Equal(0.5f, scores[1], 6);
        Assert.Equal(0f, scores[2]);
        Assert.Equal(1f, scores[3] + scores[4] + scores[5], 6);
    }

    [Fact]
    public void InitialLossOfUniformScoresIsLnClasses()
    {
        // Notes §6.5 sanity check: equal scores give p = 1/C, so the loss is ln C (2.30 for 10 classes).
        float[] probabilities = new float[4 * 10];
        SoftmaxCrossEntropy.Forward(probabilities, new float[40], 4, 10);
        Assert.Equal(Math.Log(10), SoftmaxCrossEntropy.Loss(probabilities, [0, 3, 9, 5], 4, 10), 5);
    }

    [Fact]
    public void LossStaysFiniteWhenTheLabelsProbabilityIsZero()
    {
        float loss = SoftmaxCrossEntropy.Loss([1f, 0f], [1], 1, 2);
        Assert.True(float.IsFinite(loss) && loss > 80, $"loss {loss}");
    }

    [Fact]
    public void BackwardMayOverwriteTheProbabilities()
    {
        float[] p = [0.25f, 0.75f, 0.5f, 0.5f];
        SoftmaxCrossEntropy.Backward(p, p, [1, 0], 2, 2);
        Assert.Equal([0.125f, -0.125f, -0.25f, 0.25f], p);
    }

    [Fact]
    public void GradientOfTheRealLossMatchesCentredDifferences()
    {
        const int Batch = 4, Classes = 7;
        var random = new Random(12);
        double[] scores = KernelAssert.RandomDoubles(random, Batch * Classes, scale: 3);
        int[] labels = [0, 6, 3, 3];
        var probabilities = new double[scores.Length];
        double Loss()
        {
            SoftmaxCrossEntropyReference.Forward<double>(probabilities, scores, Batch, Classes);
            return SoftmaxCrossEntropyReference.Loss<double>(probabilities, labels, Batch, Classes);
        }

        Loss();
        var dScores = new double[scores.Length];
        SoftmaxCrossEntropyReference.Backward<double>(dScores, probabilities, labels, Batch, Classes);
        KernelAssert.GradientMatchesCentredDifferences(scores, dScores, Loss, "dScores");
    }

    [Fact]
    public void LabelOutsideTheClassesThrowsNamingTheExample()
    {
        float[] p = new float[3 * 4];
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => SoftmaxCrossEntropy.Loss(p, [0, 3, 4], 3, 4));
        Assert.Equal("labels", error.ParamName);
        Assert.Contains("labels[2] is 4, outside [0, 4)", error.Message, StringComparison.Ordinal);

        error = Assert.Throws<ArgumentOutOfRangeException>(() => SoftmaxCrossEntropy.Backward(new float[12], p, [-1, 0, 0], 3, 4));
        Assert.Contains("labels[0] is -1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongSpanLengthsThrow()
    {
        KernelAssert.ThrowsForLength("probabilities", "640 floats (batch*classes = 64*10), got 639.", () => SoftmaxCrossEntropy.Forward(new float[639], new float[640], 64, 10));
        KernelAssert.ThrowsForLength("scores", "640 floats", () => SoftmaxCrossEntropy.Forward(new float[640], new float[641], 64, 10));
        KernelAssert.ThrowsForLength("labels", "64 labels (batch = 64), got 63.", () => SoftmaxCrossEntropy.Loss(new float[640], new int[63], 64, 10));
        KernelAssert.ThrowsForLength("probabilities", "640 floats", () => SoftmaxCrossEntropy.Loss(new float[64], new int[64], 64, 10));
        KernelAssert.ThrowsForLength("dScores", "640 floats", () => SoftmaxCrossEntropy.Backward(new float[1], new float[640], new int[64], 64, 10));
        KernelAssert.ThrowsForLength("probabilities", "640 floats", () => SoftmaxCrossEntropy.Backward(new float[640], new float[1], new int[64], 64, 10));
    }
}
