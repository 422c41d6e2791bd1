using System;
using StaticNets.Data;
using StaticNets.Training;

namespace StaticNets.Runtime.Tests.Training;

/// <summary>Synthetic problems for trainer tests, generated from a seed.</summary>
internal static class TrainingData
{
    /// <summary>
    /// Three Gaussian blobs in the plane, centred on a circle of radius 2 at 0, 120 and 240 degrees (centres ~3.5
    /// apart), example i in class i % 3. With <paramref name="spread"/> 0.3 the classes are separable by a wide margin;
    /// with 1.5 they overlap.
    /// </summary>
    public static ImageDataset Blobs(int count, int seed, float spread = 0.3f)
    {
        var random = new Random(seed);
        var features = new float[count * 2];
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            int label = i % 3;
            double angle = 2 * Math.PI * label / 3;
            features[2 * i] = (float)(2 * Math.Cos(angle) + spread * Normal(random));
            features[2 * i + 1] = (float)(2 * Math.Sin(angle) + spread * Normal(random));
            labels[i] = label;
        }

        return new ImageDataset(features, labels, 2, 1, 1);
    }

    /// <summary>y = 2 x0 - 3 x1 + 0.5 + noise, x uniform in [-1, 1]^2; noise standard deviation <paramref name="noise"/>.</summary>
    public static RegressionDataset Line(int count, int seed, float noise = 0.05f)
    {
        var random = new Random(seed);
        var features = new float[count * 2];
        var targets = new float[count];
        for (int i = 0; i < count; i++)
        {
            float x0 = (float)(random.NextDouble() * 2 - 1), x1 = (float)(random.NextDouble() * 2 - 1);
            features[2 * i] = x0;
            features[2 * i + 1] = x1;
            targets[i] = (float)(2 * x0 - 3 * x1 + 0.5 + noise * Normal(random));
        }

        return new RegressionDataset(features, targets, 2, 1);
    }

    /// <summary>Share of <paramref name="data"/> the network classifies correctly, through <see cref="IClassifier.Predict"/>.</summary>
    public static float Accuracy(IClassifier network, ImageDataset data)
    {
        int correct = 0;
        var predictions = new int[network.MaxBatch];
        for (int first = 0; first < data.Count; first += network.MaxBatch)
        {
            int batch = Math.Min(network.MaxBatch, data.Count - first);
            network.Predict(data.Features.AsSpan(first * data.FeatureLength, batch * data.FeatureLength), predictions.AsSpan(0, batch), batch);
            for (int n = 0; n < batch; n++)
            {
                correct += predictions[n] == data.Labels[first + n] ? 1 : 0;
            }
        }

        return (float)correct / data.Count;
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
