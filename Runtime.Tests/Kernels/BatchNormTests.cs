using System;
using System.Collections.Generic;
using StaticNets.Kernels;

namespace StaticNets.Runtime.Tests.Kernels;

public class BatchNormTests
{
    private const float Momentum = 0.1f, Epsilon = 1e-5f;

    // (batch, channels, spatial): spatial 1 (FC features, vectorised across channels; 530 channels spans two stack
    // chunks) and runs around every width; batch·spatial >= 2 throughout.
    private static IEnumerable<(int Batch, int Channels, int Spatial)> Shapes()
    {
        foreach (int channels in (int[])[1, 3, 5, 17, 37, 530])
        {
            yield return (2 + channels % 2, channels, 1);
        }

        foreach (int spatial in (int[])[2, 3, 7, 16, 17, 33, 49])
        {
            foreach (int channels in (int[])[1, 3, 5])
            {
                yield return (1 + (spatial + channels) % 3, channels, spatial);
            }
        }
    }

    [Theory]
    [MemberData(nameof(VectorWidths.All), MemberType = typeof(VectorWidths))]
    public void TrainingForwardAndBackwardMatchTheReferenceForEveryShape(int bits) => VectorWidths.Run(bits, new SweepCheck());

    [Theory]
    [MemberData(nameof(VectorWidths.All), MemberType = typeof(VectorWidths))]
    public void InferenceMatchesTheReferenceForEveryShape(int bits) => VectorWidths.Run(bits, new InferenceCheck());

    [Fact]
    public void RunningStatisticsFollowPyTorchsUpdateWithTheUnbiasedVariance()
    {
        // One channel, batch 2, spatial 2: values 1, 2 | 3, 4. Mean 2.5, biased variance 1.25, unbiased 5/3.
        float[] input = [1, 2, 3, 4];
        float[] output = new float[4];
        float[] runningMean = [0f], runningVariance = [1f], savedMean = new float[1], savedInverseStd = new float[1];
        BatchNorm.ForwardTraining(output, input, [2f], [0.5f], runningMean, runningVariance, savedMean, savedInverseStd, 2, 1, 2, 0.1f, 1e-5f);

        Assert.Equal(2.5f, savedMean[0]);
        Assert.Equal((float)(1 / Math.Sqrt(1.25 + 1e-5)), savedInverseStd[0]);
        Assert.Equal(0.9f * 0 + 0.1f * 2.5f, runningMean[0], 6);
        Assert.Equal(0.9 * 1 + 0.1 * 5.0 / 3, runningVariance[0], 6);
        double inverseStd = 1 / Math.Sqrt(1.25 + 1e-5);
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(2 * (input[i] - 2.5) * inverseStd + 0.5, output[i], 5);
        }

        // Inference then uses the running statistics: (x - 0.25)/√(1.0666… + ε)·γ + β, even for a batch of one.
        float[] single = [3f, -1f];
        float[] inferred = new float[2];
        BatchNorm.ForwardInference(inferred, single, [2f], [0.5f], runningMean, runningVariance, 2, 1, 1, 1e-5f);
        double runningScale = 2 / Math.Sqrt(0.9 + 0.1 * 5.0 / 3 + 1e-5);
        Assert.Equal((3 - 0.25) * runningScale + 0.5, inferred[0], 5);
        Assert.Equal((-1 - 0.25) * runningScale + 0.5, inferred[1], 5);
    }

    [Fact]
    public void FullyConnectedFeaturesNormaliseEachFeatureOverTheBatch()
    {
        // Batch 3, two features: columns [1, 2, 6] (mean 3, biased variance 14/3) and [-1, -1, 5] (mean 1, variance 8).
        float[] input = [1, -1, 2, -1, 6, 5];
        float[] output = new float[6];
        float[] runningMean = [1f, -1f], runningVariance = [2f, 0.5f], savedMean = new float[2], savedInverseStd = new float[2];
        BatchNorm.ForwardTraining(output, input, [1f, 1f], [0f, 0f], runningMean, runningVariance, savedMean, savedInverseStd, 3, 2, 1, 0.25f, 1e-5f);

        Assert.Equal([3f, 1f], savedMean);
        Assert.Equal(1 / Math.Sqrt(14.0 / 3 + 1e-5), savedInverseStd[0], 6);
        Assert.Equal(1 / Math.Sqrt(8 + 1e-5), savedInverseStd[1], 6);
        Assert.Equal(0.75 * 1 + 0.25 * 3, runningMean[0], 6);
        Assert.Equal(0.75 * -1 + 0.25 * 1, runningMean[1], 6);
        Assert.Equal(0.75 * 2 + 0.25 * 7, runningVariance[0], 6);
        Assert.Equal(0.75 * 0.5 + 0.25 * 12, runningVariance[1], 6);
        Assert.Equal((1 - 3) / Math.Sqrt(14.0 / 3 + 1e-5), output[0], 5);
        Assert.Equal((5 - 1) / Math.Sqrt(8 + 1e-5), output[5], 5);
    }

    [Fact]
    public void VarianceSurvivesALargeMean()
    {
        // 10000 + {-1, 1}: E[x²] - E[x]² in float would be 1e8 - 1e8, all rounding; two passes give 1 exactly.
        float[] input = [9999f, 10001f, 9999f, 10001f];
        float[] savedMean = new float[1], savedInverseStd = new float[1];
        BatchNorm.ForwardTraining(new float[4], input, [1f], [0f], new float[1], new float[1], savedMean, savedInverseStd, 4, 1, 1, 0.1f, 1e-5f);
        Assert.Equal(10000f, savedMean[0]);
        Assert.Equal((float)(1 / Math.Sqrt(1 + 1e-5)), savedInverseStd[0]);
    }

    [Theory]
    [InlineData(4, 3, 1)]
    [InlineData(2, 2, 5)]
    public void ReferenceTrainingBackwardMatchesCentredDifferencesForGammaBetaAndInput(int batch, int channels, int spatial)
    {
        var random = new Random(51);
        int length = batch * channels * spatial;
        double[] input = KernelAssert.RandomDoubles(random, length, scale: 2);
        double[] gamma = KernelAssert.RandomWeights(random, channels);
        double[] beta = KernelAssert.RandomDoubles(random, channels);
        double[] r = KernelAssert.RandomWeights(random, length);
        var output = new double[length];
        var savedMean = new double[channels];
        var savedInverseStd = new double[channels];
        double Loss()
        {
            // Every probe recomputes the batch statistics, as training does; the running buffers are scratch here.
            BatchNormReference.ForwardTraining<double>(output, input, gamma, beta, new double[channels], new double[channels], savedMean, savedInverseStd,
                batch, channels, spatial, 0.1, 1e-5);
            return KernelAssert.Dot(r, output);
        }

        Loss();
        var dInput = new double[length];
        var dGamma = new double[channels];
        var dBeta = new double[channels];
        BatchNormReference.Backward<double>(dInput, dGamma, dBeta, r, input, gamma, savedMean, savedInverseStd, batch, channels, spatial);
        KernelAssert.GradientMatchesCentredDifferences(input, dInput, Loss, "dInput");
        KernelAssert.GradientMatchesCentredDifferences(gamma, dGamma, Loss, "dGamma");
        KernelAssert.GradientMatchesCentredDifferences(beta, dBeta, Loss, "dBeta");
    }

    [Fact]
    public void OneValuePerChannelCannotTrain()
    {
        var error = Assert.Throws<ArgumentException>(() => BatchNorm.ForwardTraining(new float[3], new float[3], new float[3], new float[3],
            new float[3], new float[3], new float[3], new float[3], 1, 3, 1, 0.1f, 1e-5f));
        Assert.Equal("batch", error.ParamName);
        Assert.Contains("more than 1 value per channel (batch*spatial = 1*1)", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<ArgumentException>(() => BatchNorm.Backward(new float[3], new float[3], new float[3], new float[3], new float[3],
            new float[3], new float[3], new float[3], 1, 3, 1));
        Assert.Equal("batch", error.ParamName);
    }

    [Fact]
    public void WrongLengthsAndHyperparametersThrow()
    {
        float[] x = new float[2 * 3 * 4], c = new float[3];
        KernelAssert.ThrowsForLength("output", "24 floats (batch*channels*spatial = 2*3*4), got 23.",
            () => BatchNorm.ForwardTraining(new float[23], x, c, c, c, c, c, c, 2, 3, 4, Momentum, Epsilon));
        KernelAssert.ThrowsForLength("gamma", "3 floats (channels = 3), got 2.",
            () => BatchNorm.ForwardTraining(x, x, new float[2], c, c, c, c, c, 2, 3, 4, Momentum, Epsilon));
        KernelAssert.ThrowsForLength("runningVariance", "3 floats",
            () => BatchNorm.ForwardTraining(x, x, c, c, c, new float[4], c, c, 2, 3, 4, Momentum, Epsilon));
        KernelAssert.ThrowsForLength("savedInverseStd", "3 floats",
            () => BatchNorm.ForwardTraining(x, x, c, c, c, c, c, new float[1], 2, 3, 4, Momentum, Epsilon));
        KernelAssert.ThrowsForLength("runningMean", "3 floats",
            () => BatchNorm.ForwardInference(x, x, c, c, new float[1], c, 2, 3, 4, Epsilon));
        KernelAssert.ThrowsForLength("input", "24 floats",
            () => BatchNorm.ForwardInference(x, new float[1], c, c, c, c, 2, 3, 4, Epsilon));
        KernelAssert.ThrowsForLength("dGamma", "3 floats",
            () => BatchNorm.Backward(x, new float[2], c, x, x, c, c, c, 2, 3, 4));
        KernelAssert.ThrowsForLength("dOutput", "24 floats",
            () => BatchNorm.Backward(x, c, c, new float[25], x, c, c, c, 2, 3, 4));
        KernelAssert.ThrowsForLength("savedMean", "3 floats",
            () => BatchNorm.Backward(x, c, c, x, x, c, new float[2], c, 2, 3, 4));
        KernelAssert.ThrowsForRange("momentum", "in [0, 1], got 1.5.",
            () => BatchNorm.ForwardTraining(x, x, c, c, c, c, c, c, 2, 3, 4, 1.5f, Epsilon));
        KernelAssert.ThrowsForRange("momentum", "in [0, 1], got NaN.",
            () => BatchNorm.ForwardTraining(x, x, c, c, c, c, c, c, 2, 3, 4, float.NaN, Epsilon));
        KernelAssert.ThrowsForRange("epsilon", "positive and finite, got 0.",
            () => BatchNorm.ForwardTraining(x, x, c, c, c, c, c, c, 2, 3, 4, Momentum, 0f));
        KernelAssert.ThrowsForRange("epsilon", "positive and finite, got -1E-05.",
            () => BatchNorm.ForwardInference(x, x, c, c, c, c, 2, 3, 4, -1e-5f));
    }

    // Inputs with a per-channel offset of a few times their spread, so the statistics are not trivially near 0.
    private static (float[] Input, float[] Gamma, float[] Beta) RandomLayer(Random random, int batch, int channels, int spatial)
    {
        float[] input = new float[batch * channels * spatial];
        float[] offsets = KernelAssert.RandomFloats(random, channels, scale: 5);
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = offsets[i / spatial % channels] + (float)(random.NextDouble() * 2 - 1);
        }

        float[] gamma = KernelAssert.RandomFloats(random, channels, scale: 2);
        return (input, gamma, KernelAssert.RandomFloats(random, channels));
    }

    private readonly struct SweepCheck : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector>
        {
            // Bounds are the float summation bound 2(terms + 2)·u·magnitude with terms = m = batch·spatial, the length
            // of every per-channel sum; magnitudes are the absolute values each result is built from (derived per line).
            var random = new Random(52);
            foreach ((int batch, int channels, int spatial) in Shapes())
            {
                string shape = $"batch {batch}, channels {channels}, spatial {spatial}";
                int length = batch * channels * spatial, m = batch * spatial;
                (float[] input, float[] gamma, float[] beta) = RandomLayer(random, batch, channels, spatial);
                float[] runningMean = KernelAssert.RandomFloats(random, channels), runningVariance = new float[channels];
                Array.Fill(runningVariance, 0.5f);
                double[] input64 = KernelAssert.ToDouble(input), gamma64 = KernelAssert.ToDouble(gamma);
                double[] expected = new double[length], expectedMean = new double[channels], expectedInverseStd = new double[channels];
                double[] expectedRunningMean = KernelAssert.ToDouble(runningMean), expectedRunningVariance = KernelAssert.ToDouble(runningVariance);
                BatchNormReference.ForwardTraining<double>(expected, input64, gamma64, KernelAssert.ToDouble(beta), expectedRunningMean, expectedRunningVariance,
                    expectedMean, expectedInverseStd, batch, channels, spatial, Momentum, Epsilon);

                float[] output = new float[length], savedMean = new float[channels], savedInverseStd = new float[channels];
                BatchNorm.ForwardTraining<TVector>(output, input, gamma, beta, runningMean, runningVariance, savedMean, savedInverseStd, batch, channels, spatial, Momentum, Epsilon);

                // Mean: a sum of m values, magnitude S = mean |x|. Inverse std: relative, the variance being a sum of m squares.
                double[] meanAbs = PerChannelMean(KernelAssert.Abs(input64), batch, channels, spatial);
                KernelAssert.CloseToReference(savedMean, expectedMean, meanAbs, m, $"savedMean {shape}");
                KernelAssert.CloseToReference(savedInverseStd, expectedInverseStd, expectedInverseStd, m, $"savedInverseStd {shape}");
                var runningMeanMagnitude = new double[channels];
                var runningVarianceMagnitude = new double[channels];
                for (int c = 0; c < channels; c++)
                {
                    runningMeanMagnitude[c] = (1 - Momentum) * Math.Abs(runningMean[c]) + Momentum * meanAbs[c];
                    runningVarianceMagnitude[c] = Math.Abs(expectedRunningVariance[c]);
                }

                KernelAssert.CloseToReference(runningMean, expectedRunningMean, runningMeanMagnitude, m, $"runningMean {shape}");
                KernelAssert.CloseToReference(runningVariance, expectedRunningVariance, runningVarianceMagnitude, m, $"runningVariance {shape}");

                // Output γ·istd·(x - μ) + β: μ's error is relative to S, istd's relative to itself, the rest one rounding each.
                var outputMagnitude = new double[length];
                for (int i = 0; i < length; i++)
                {
                    int c = i / spatial % channels;
                    outputMagnitude[i] = Math.Abs(gamma[c]) * expectedInverseStd[c] * (Math.Abs(input[i] - expectedMean[c]) + meanAbs[c]) + Math.Abs(beta[c]);
                }

                KernelAssert.CloseToReference(output, expected, outputMagnitude, m, $"output {shape}");
                float[] inPlace = (float[])input.Clone();
                BatchNorm.ForwardTraining<TVector>(inPlace, inPlace, gamma, beta, new float[channels], new float[channels], new float[channels], new float[channels], batch, channels, spatial, Momentum, Epsilon);
                Assert.Equal(output, inPlace);

                CheckBackward<TVector>(random, shape, input, gamma, savedMean, savedInverseStd, batch, channels, spatial);
            }
        }

        private static void CheckBackward<TVector>(Random random, string shape, float[] input, float[] gamma, float[] savedMean, float[] savedInverseStd, int batch, int channels, int spatial)
            where TVector : struct, IVector<TVector>
        {
            int length = input.Length, m = batch * spatial;
            float[] dOutput = KernelAssert.RandomFloats(random, length);
            double[] dOutput64 = KernelAssert.ToDouble(dOutput), input64 = KernelAssert.ToDouble(input);
            double[] mean = KernelAssert.ToDouble(savedMean), inverseStd = KernelAssert.ToDouble(savedInverseStd);
            double[] expectedDInput = new double[length], expectedDGamma = new double[channels], expectedDBeta = new double[channels];
            BatchNormReference.Backward<double>(expectedDInput, expectedDGamma, expectedDBeta, dOutput64, input64, KernelAssert.ToDouble(gamma), mean, inverseStd, batch, channels, spatial);

            float[] dInput = new float[length], dGamma = new float[channels], dBeta = new float[channels];
            Array.Fill(dGamma, float.NaN);
            BatchNorm.Backward<TVector>(dInput, dGamma, dBeta, dOutput, input, gamma, savedMean, savedInverseStd, batch, channels, spatial);

            // Σ|d|, Σ|d|·|x - μ| per channel: the magnitudes of dBeta and (over istd) dGamma.
            double[] sumAbsD = new double[channels], sumAbsDDeviation = new double[channels], meanAbs = PerChannelMean(KernelAssert.Abs(input64), batch, channels, spatial);
            for (int i = 0; i < length; i++)
            {
                int c = i / spatial % channels;
                sumAbsD[c] += Math.Abs(dOutput64[i]);
                sumAbsDDeviation[c] += Math.Abs(dOutput64[i]) * (Math.Abs(input64[i] - mean[c]) + meanAbs[c]);
            }

            var dGammaMagnitude = new double[channels];
            for (int c = 0; c < channels; c++)
            {
                dGammaMagnitude[c] = inverseStd[c] * sumAbsDDeviation[c];
            }

            KernelAssert.CloseToReference(dBeta, expectedDBeta, sumAbsD, m, $"dBeta {shape}");
            KernelAssert.CloseToReference(dGamma, expectedDGamma, dGammaMagnitude, m, $"dGamma {shape}");

            // dInput = k·((μ - x)·b + (d - a)), k = γ·istd, a = Σd/m, b = istd²·Σd(x - μ)/m; the reference's chain rule
            // through σ² and μ also keeps a term in Σ(x - μ), which the float mean's rounding leaves at m·u·S.
            var dInputMagnitude = new double[length];
            for (int i = 0; i < length; i++)
            {
                int c = i / spatial % channels;
                double b = inverseStd[c] * inverseStd[c] * sumAbsDDeviation[c] / m;
                dInputMagnitude[i] = Math.Abs(gamma[c]) * inverseStd[c] * ((Math.Abs(input64[i] - mean[c]) + meanAbs[c]) * b + Math.Abs(dOutput64[i]) + sumAbsD[c] / m);
            }

            KernelAssert.CloseToReference(dInput, expectedDInput, dInputMagnitude, m, $"dInput {shape}");

            // dInput may be dOutput itself: each channel's sums are finished before its gradients are written.
            float[] aliased = (float[])dOutput.Clone();
            float[] aliasedDGamma = new float[channels], aliasedDBeta = new float[channels];
            BatchNorm.Backward<TVector>(aliased, aliasedDGamma, aliasedDBeta, aliased, input, gamma, savedMean, savedInverseStd, batch, channels, spatial);
            Assert.Equal(dInput, aliased);
            Assert.Equal(dGamma, aliasedDGamma);
            Assert.Equal(dBeta, aliasedDBeta);
        }
    }

    private readonly struct InferenceCheck : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector>
        {
            // (x - μ)·scale + β with scale = γ/√(σ² + ε) rounded once: a few roundings over |scale|·(|x - μ| + |μ|) + |β|.
            var random = new Random(53);
            foreach ((int batch, int channels, int spatial) in Shapes())
            {
                int length = batch * channels * spatial;
                (float[] input, float[] gamma, float[] beta) = RandomLayer(random, batch, channels, spatial);
                float[] runningMean = KernelAssert.RandomFloats(random, channels, scale: 5);
                float[] runningVariance = new float[channels];
                for (int c = 0; c < channels; c++)
                {
                    runningVariance[c] = (float)(0.1 + random.NextDouble() * 3);
                }

                var expected = new double[length];
                BatchNormReference.ForwardInference<double>(expected, KernelAssert.ToDouble(input), KernelAssert.ToDouble(gamma), KernelAssert.ToDouble(beta),
                    KernelAssert.ToDouble(runningMean), KernelAssert.ToDouble(runningVariance), batch, channels, spatial, Epsilon);
                float[] output = new float[length];
                BatchNorm.ForwardInference<TVector>(output, input, gamma, beta, runningMean, runningVariance, batch, channels, spatial, Epsilon);

                var magnitude = new double[length];
                for (int i = 0; i < length; i++)
                {
                    int c = i / spatial % channels;
                    double scale = Math.Abs(gamma[c]) / Math.Sqrt(runningVariance[c] + Epsilon);
                    magnitude[i] = scale * (Math.Abs(input[i] - runningMean[c]) + Math.Abs(runningMean[c])) + Math.Abs(beta[c]);
                }

                KernelAssert.CloseToReference(output, expected, magnitude, 2, $"inference batch {batch}, channels {channels}, spatial {spatial}");
            }
        }
    }

    private static double[] PerChannelMean(double[] values, int batch, int channels, int spatial)
    {
        var means = new double[channels];
        for (int i = 0; i < values.Length; i++)
        {
            means[i / spatial % channels] += values[i] / (batch * spatial);
        }

        return means;
    }
}
