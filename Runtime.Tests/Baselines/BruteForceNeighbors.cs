using System;
using System.Linq;
using StaticNets.Baselines;

namespace StaticNets.Runtime.Tests.Baselines;

/// <summary>The slow twin of <see cref="NearestNeighbor.FindNeighbors"/>: every distance in double, a stable sort.</summary>
internal static class BruteForceNeighbors
{
    public static (int[] Indices, double[] Distances) Find(float[] train, float[] query, int featureLength, int k, DistanceMetric metric)
    {
        int count = train.Length / featureLength;
        var distances = new double[count];
        for (int j = 0; j < count; j++)
        {
            double sum = 0;
            for (int t = 0; t < featureLength; t++)
            {
                double difference = query[t] - (double)train[j * featureLength + t];
                sum += metric == DistanceMetric.L2 ? difference * difference : Math.Abs(difference);
            }

            distances[j] = sum;
        }

        int[] order = [.. Enumerable.Range(0, count).OrderBy(j => distances[j]).ThenBy(j => j).Take(k)];
        return (order, [.. order.Select(j => distances[j])]);
    }
}
