using System;
using System.Linq;
using StaticNets.Training;

namespace StaticNets.Runtime.Tests.Networks;

/// <summary>What every network gradient test needs: a check point off the kinks, and a readable failure.</summary>
internal static class GradientAssert
{
    /// <summary>
    /// Sets every bias-like tensor (not a weight) to small seeded values in [-scale/2, scale/2): zero biases put
    /// ReLU-family units exactly on their kink, where a centred difference averages two one-sided slopes.
    /// </summary>
    public static void OffsetBiases(INetwork network, float scale, int seed)
    {
        var random = new Random(seed);
        foreach (var tensor in network.ParameterTensors.Where(t => !t.IsWeight))
        {
            foreach (ref float value in network.Parameters.Slice(tensor.Offset, tensor.Length))
            {
                value = scale * (float)(random.NextDouble() - 0.5);
            }
        }
    }

    /// <summary>
    /// Fails, naming the worst parameters and their tensors, unless every entry is below <paramref name="maxRelativeError"/>;
    /// also fails when fewer than one entry in <paramref name="nonZeroShare"/> has a gradient above <paramref name="nonZeroMagnitude"/>,
    /// since a check that compared zeros with zeros would prove nothing.
    /// </summary>
    public static void Within(INetwork network, GradientCheckResult result, double maxRelativeError, double nonZeroMagnitude, int nonZeroShare)
    {
        var failures = result.Entries.Where(e => !(e.RelativeError < maxRelativeError)).OrderByDescending(e => e.RelativeError).ToList();
        Assert.True(failures.Count == 0,
            $"{failures.Count} of {result.Entries.Count} parameters exceed relative error {maxRelativeError}; worst: " + string.Join("; ",
                failures.Take(8).Select(e => $"#{e.Index} {TensorOf(network, e.Index)} analytic {e.Analytic:E4} numeric {e.Numeric:E4} error {e.RelativeError:E2}")));
        Assert.True(result.Entries.Count(e => Math.Abs(e.Analytic) > nonZeroMagnitude) > result.Entries.Count / nonZeroShare,
            "most gradients are zero: the check proves little");
    }

    private static string TensorOf(INetwork network, int index) =>
        network.ParameterTensors.First(t => index >= t.Offset && index < t.Offset + t.Length).Name;
}
