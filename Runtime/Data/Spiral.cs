using System;

namespace StaticNets.Data;

/// <summary>
/// The CS231n spiral toy dataset: K classes of N two-dimensional points, each class an arm of a spiral, so that no
/// linear classifier separates them. For class j, point i has radius r = i / (N - 1) (numpy's linspace(0, 1, N)) and
/// angle t = 4j + 4i / (N - 1) plus Gaussian noise of standard deviation <c>noise</c>, and lies at (r sin t, r cos t).
/// </summary>
public static class Spiral
{
    /// <summary>The noise of the CS231n example, 0.2 radians.</summary>
    public const double DefaultNoise = 0.2;

    /// <summary>Generates the points, class after class: examples j*N .. j*N + N - 1 are class j, in order of increasing radius.</summary>
    /// <param name="classes">Number of classes K (spiral arms); at least 1.</param>
    /// <param name="pointsPerClass">Points per class N; at least 1 (a single point sits at the origin).</param>
    /// <param name="noise">Standard deviation of the angle noise in radians; finite and at least 0.</param>
    /// <param name="seed">Seed of the noise: the same arguments give the same points.</param>
    /// <returns>K * N examples of shape 2 x 1 x 1: features (r sin t, r cos t), labels 0 to K - 1.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range, or K * N * 2 floats do not fit an array.</exception>
    public static ImageDataset Generate(int classes, int pointsPerClass, double noise = DefaultNoise, int seed = 0)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(pointsPerClass, 1);
        if (!double.IsFinite(noise) || noise < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(noise), noise, $"The noise must be finite and at least 0, got {noise}.");
        }

        long count = (long)classes * pointsPerClass;
        if (2 * count > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(pointsPerClass), pointsPerClass,
                $"{classes} classes x {pointsPerClass} points x 2 features = {2 * count} floats exceed the {Array.MaxLength} of one array.");
        }

        var features = new float[2 * count];
        var labels = new int[count];
        var random = new Random(seed); // a seeded System.Random runs a fixed algorithm: reproducible everywhere
        double step = pointsPerClass > 1 ? 1.0 / (pointsPerClass - 1) : 0;
        for (int j = 0; j < classes; j++)
        {
            for (int i = 0; i < pointsPerClass; i++)
            {
                int example = j * pointsPerClass + i;
                double radius = i * step;
                double angle = 4.0 * (j + i * step) + noise * StandardNormal(random);
                features[2 * example] = (float)(radius * Math.Sin(angle));
                features[2 * example + 1] = (float)(radius * Math.Cos(angle));
                labels[example] = j;
            }
        }

        return new ImageDataset(features, labels, channels: 2, height: 1, width: 1);
    }

    // Box–Muller: one standard normal from two uniforms; 1 - NextDouble() lies in (0, 1], so the logarithm is finite.
    private static double StandardNormal(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
}
