using System;
using StaticNets.Data;
using StaticNets.Runtime.Tests.Data;

namespace StaticNets.Runtime.Tests.Networks;

/// <summary>Inputs for network tests: real digits where the notes' checks are about real data, seeded noise elsewhere.</summary>
internal static class NetworkData
{
    private static readonly Lazy<ImageDataset> s_mnistTrain = new(() => Mnist.Load(
        RepositoryPaths.ExampleData(Mnist.TrainImagesFileName), RepositoryPaths.ExampleData(Mnist.TrainLabelsFileName)));

    public static ImageDataset MnistTrain => s_mnistTrain.Value;

    public static float[] Uniform(int count, int seed, float low = -1f, float high = 1f)
    {
        var random = new Random(seed);
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = low + (float)random.NextDouble() * (high - low);
        }
        return values;
    }

    public static int[] Labels(int count, int classes, int seed)
    {
        var random = new Random(seed);
        var labels = new int[count];
        for (int i = 0; i < count; i++)
        {
            labels[i] = random.Next(classes);
        }
        return labels;
    }
}
