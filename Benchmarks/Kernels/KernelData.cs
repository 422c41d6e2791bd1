using System;

namespace StaticNets.Benchmarks.Kernels;

/// <summary>Arrays of reproducible values in [-0.5, 0.5), so that every run times the same arithmetic.</summary>
internal static class KernelData
{
    public static float[] Random(int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = (float)random.NextDouble() - 0.5f;
        }
        return values;
    }
}
