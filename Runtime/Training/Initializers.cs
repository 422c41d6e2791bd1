using System;

namespace StaticNets;

/// <summary>
/// Zero-mean normal weight initialisation scaled by the fan-in (notes §6.3). Generated
/// <c>InitializeParameters</c> calls one of these per weight tensor; biases are zeroed separately.
/// </summary>
/// <remarks>
/// <para>
/// The notes' §6.3 table (after Kumar 2017) lists 1/sqrt(N) for tanh (Xavier), sqrt(12.8)/sqrt(N) for sigmoid
/// and 2/sqrt(N) for ReLU (He), calling them "variances". We read every entry as a <b>standard deviation</b>,
/// and for ReLU use He et al.'s std = sqrt(2/N) (variance 2/N), not 2/sqrt(N): He et al. derive that a ReLU
/// layer keeps the activation variance constant when Var(w) = 2/N, so the standard deviation is its square root.
/// The same reading gives Xavier std = sqrt(1/N) (variance 1/N) and the sigmoid variant std = sqrt(12.8/N)
/// (Kumar's variance 12.8/N), which is how those two rows of the table are already written.
/// </para>
/// <para>
/// Normals come from the Box–Muller transform over <see cref="Random.NextDouble"/>, so a
/// <see cref="Random"/> created with a seed always produces the same weights.
/// </para>
/// </remarks>
public static class Initializers
{
    /// <summary>
    /// He initialisation for ReLU-family layers: fills <paramref name="weights"/> with draws from
    /// N(0, sigma^2), sigma = sqrt(2 / <paramref name="fanIn"/>).
    /// </summary>
    /// <param name="weights">The weight tensor to fill.</param>
    /// <param name="fanIn">Inputs into each neuron (N in the notes): <c>in</c> for FC, <c>in*kh*kw</c> for conv.</param>
    /// <param name="random">The source of uniform draws; seed it for reproducible weights.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fanIn"/> is not positive.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public static void He(Span<float> weights, int fanIn, Random random) =>
        FillNormal(weights, StandardDeviation(2.0, fanIn), random);

    /// <summary>
    /// Xavier initialisation for tanh layers (the notes' 1/sqrt(N)): fills <paramref name="weights"/> with draws
    /// from N(0, sigma^2), sigma = sqrt(1 / <paramref name="fanIn"/>).
    /// </summary>
    /// <param name="weights">The weight tensor to fill.</param>
    /// <param name="fanIn">Inputs into each neuron (N in the notes): <c>in</c> for FC, <c>in*kh*kw</c> for conv.</param>
    /// <param name="random">The source of uniform draws; seed it for reproducible weights.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fanIn"/> is not positive.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public static void Xavier(Span<float> weights, int fanIn, Random random) =>
        FillNormal(weights, StandardDeviation(1.0, fanIn), random);

    /// <summary>
    /// The notes' sigmoid variant (Kumar 2017, sqrt(12.8)/sqrt(N)): fills <paramref name="weights"/> with draws from
    /// N(0, sigma^2), sigma = sqrt(12.8 / <paramref name="fanIn"/>).
    /// </summary>
    /// <param name="weights">The weight tensor to fill.</param>
    /// <param name="fanIn">Inputs into each neuron (N in the notes): <c>in</c> for FC, <c>in*kh*kw</c> for conv.</param>
    /// <param name="random">The source of uniform draws; seed it for reproducible weights.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fanIn"/> is not positive.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public static void Sigmoid(Span<float> weights, int fanIn, Random random) =>
        FillNormal(weights, StandardDeviation(12.8, fanIn), random);

    /// <summary>Standard deviation of <see cref="Scoring"/>: the notes' "small random numbers".</summary>
    public const double ScoringStandardDeviation = 0.01;

    /// <summary>
    /// For the layer that produces the scores a loss reads: N(0, 0.01^2) whatever the fan-in, so an untrained
    /// network gives near-equal scores and its softmax loss starts at ln(classes), as the notes' first sanity check
    /// (§6.5) expects of a random predictor. Scaling by the fan-in here would pass the hidden activations' full
    /// variance to the scores and start the loss well above ln(classes).
    /// </summary>
    /// <param name="weights">The weight tensor to fill.</param>
    /// <param name="random">The source of uniform draws; seed it for reproducible weights.</param>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public static void Scoring(Span<float> weights, Random random) =>
        FillNormal(weights, ScoringStandardDeviation, random);

    private static double StandardDeviation(double gain, int fanIn)
    {
        if (fanIn <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(fanIn), fanIn, "The fan-in (inputs per neuron) must be at least 1.");
        }

        return Math.Sqrt(gain / fanIn);
    }

    private static void FillNormal(Span<float> weights, double standardDeviation, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);

        // Box–Muller yields two independent normals per pair of uniforms; using both halves the draws.
        int i = 0;
        for (; i + 1 < weights.Length; i += 2)
        {
            NextNormalPair(random, out double z0, out double z1);
            weights[i] = (float)(z0 * standardDeviation);
            weights[i + 1] = (float)(z1 * standardDeviation);
        }

        if (i < weights.Length)
        {
            NextNormalPair(random, out double z0, out _);
            weights[i] = (float)(z0 * standardDeviation);
        }
    }

    private static void NextNormalPair(Random random, out double z0, out double z1)
    {
        // NextDouble is in [0, 1); 1 - u is in (0, 1], so the logarithm never sees zero.
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        double radius = Math.Sqrt(-2.0 * Math.Log(u1));
        double angle = 2.0 * Math.PI * u2;
        z0 = radius * Math.Cos(angle);
        z1 = radius * Math.Sin(angle);
    }
}
