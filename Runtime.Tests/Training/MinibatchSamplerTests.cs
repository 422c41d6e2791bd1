using System;
using System.Linq;
using StaticNets.Training;

namespace StaticNets.Runtime.Tests.Training;

public class MinibatchSamplerTests
{
    [Fact]
    public void OrderIsIdentityBeforeTheFirstShuffle()
    {
        var sampler = new MinibatchSampler(5, seed: 1);
        Assert.Equal([0, 1, 2, 3, 4], sampler.Order.ToArray());
    }

    [Fact]
    public void EveryEpochIsAPermutationDifferentFromThePrevious()
    {
        var sampler = new MinibatchSampler(200, seed: 7);
        int[] previous = sampler.Order.ToArray();
        for (int epoch = 0; epoch < 5; epoch++)
        {
            sampler.Shuffle();
            int[] order = sampler.Order.ToArray();

            Assert.Equal(Enumerable.Range(0, 200), order.OrderBy(i => i));
            Assert.NotEqual(previous, order);
            previous = order;
        }
    }

    [Fact]
    public void SameSeedGivesSameEpochsAndDifferentSeedsDiffer()
    {
        var first = new MinibatchSampler(100, seed: 3);
        var second = new MinibatchSampler(100, seed: 3);
        var other = new MinibatchSampler(100, seed: 4);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            first.Shuffle();
            second.Shuffle();
            other.Shuffle();

            Assert.Equal(first.Order.ToArray(), second.Order.ToArray());
            Assert.NotEqual(first.Order.ToArray(), other.Order.ToArray());
        }
    }

    [Fact]
    public void BatchesCoverEveryExampleExactlyOnceWithShortLastBatch()
    {
        const int count = 103, featureLength = 3, batchSize = 10;
        // Example e has features (e*3, e*3+1, e*3+2) and label e, so a batch shows exactly which examples it holds.
        float[] features = Enumerable.Range(0, count * featureLength).Select(i => (float)i).ToArray();
        int[] labels = Enumerable.Range(0, count).ToArray();
        var sampler = new MinibatchSampler(count, seed: 11);
        sampler.Shuffle();
        var batchFeatures = new float[batchSize * featureLength];
        var batchLabels = new int[batchSize];
        var seen = new int[count];

        Assert.Equal(11, sampler.BatchCount(batchSize));
        for (int b = 0; b < sampler.BatchCount(batchSize); b++)
        {
            int actual = sampler.Gather(b, batchSize, features, featureLength, labels, batchFeatures, batchLabels);

            Assert.Equal(b < 10 ? batchSize : 3, actual);
            for (int k = 0; k < actual; k++)
            {
                int example = batchLabels[k];
                Assert.Equal(sampler.Order[b * batchSize + k], example);
                for (int j = 0; j < featureLength; j++)
                {
                    Assert.Equal(example * featureLength + j, batchFeatures[k * featureLength + j]);
                }

                seen[example]++;
            }
        }

        Assert.All(seen, timesSeen => Assert.Equal(1, timesSeen));
    }

    [Fact]
    public void ShuffleAndGatherAllocateNothingAfterWarmUp()
    {
        const int count = 1000, featureLength = 784, batchSize = 64;
        var features = new float[count * featureLength];
        var labels = new int[count];
        var batchFeatures = new float[batchSize * featureLength];
        var batchLabels = new int[batchSize];
        var sampler = new MinibatchSampler(count, seed: 5);
        AllocationAssert.NothingAllocated(RunEpoch, "an epoch of Shuffle and Gather");

        void RunEpoch()
        {
            sampler.Shuffle();
            for (int b = 0; b < sampler.BatchCount(batchSize); b++)
            {
                sampler.Gather(b, batchSize, features, featureLength, labels, batchFeatures, batchLabels);
            }
        }
    }

    [Theory]
    [InlineData(1, 1, 1)]
    [InlineData(10, 10, 1)]
    [InlineData(10, 3, 4)]
    [InlineData(10, 100, 1)]
    public void BatchCountRoundsUp(int examples, int batchSize, int expected)
    {
        Assert.Equal(expected, new MinibatchSampler(examples, 0).BatchCount(batchSize));
    }

    [Fact]
    public void InvalidArgumentsAreRefusedWithTheExpectedSize()
    {
        var sampler = new MinibatchSampler(4, 0);
        var features = new float[8];
        var labels = new int[4];

        Assert.Throws<ArgumentOutOfRangeException>(() => new MinibatchSampler(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.BatchCount(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => sampler.Gather(2, 2, features, 2, labels, new float[4], new int[2]));
        Assert.Contains("hold 4 examples of 2 floats (8), but hold 6",
            Assert.Throws<ArgumentException>(() => sampler.Gather(0, 2, new float[6], 2, labels, new float[4], new int[2])).Message,
            StringComparison.Ordinal);
        Assert.Contains("4 entries, one per example, but hold 3",
            Assert.Throws<ArgumentException>(() => sampler.Gather(0, 2, features, 2, new int[3], new float[4], new int[2])).Message,
            StringComparison.Ordinal);
        Assert.Contains("at least 4 floats",
            Assert.Throws<ArgumentException>(() => sampler.Gather(0, 2, features, 2, labels, new float[3], new int[2])).Message,
            StringComparison.Ordinal);
        Assert.Contains("at least 2 entries",
            Assert.Throws<ArgumentException>(() => sampler.Gather(0, 2, features, 2, labels, new float[4], new int[1])).Message,
            StringComparison.Ordinal);
    }
}
