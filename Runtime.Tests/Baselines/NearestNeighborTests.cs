using System;
using StaticNets.Baselines;
using StaticNets.Data;

namespace StaticNets.Runtime.Tests.Baselines;

public class NearestNeighborTests
{
    // Five 2-D points (shape 2 x 1 x 1). Seen from the query (0, 0):
    //   index  point     label  L1   L2 (squared)
    //   0      (3, 0)    0      3    9
    //   1      (2, 2)    1      4    8
    //   2      (-4, 0)   1      4    16
    //   3      (0, -1)   2      1    1
    //   4      (10, 10)  0      20   200
    // L1 order: 3, 0, 1, 2, 4 (1 and 2 tie at 4: the lower index first). L2 order: 3, 1, 0, 2, 4.
    private static ImageDataset Points() => new([3, 0, 2, 2, -4, 0, 0, -1, 10, 10], [0, 1, 1, 2, 0], channels: 2, height: 1, width: 1);

    private static readonly float[] Origin = [0, 0];

    [Theory]
    [InlineData(DistanceMetric.L1, new[] { 3, 0, 1, 2, 4 }, new[] { 1f, 3, 4, 4, 20 })]
    [InlineData(DistanceMetric.L2, new[] { 3, 1, 0, 2, 4 }, new[] { 1f, 8, 9, 16, 200 })]
    public void FindNeighborsRanksTrainingImagesNearestFirstWithTheirDistances(DistanceMetric metric, int[] expectedIndices, float[] expectedDistances)
    {
        var classifier = new NearestNeighbor(metric);
        classifier.Train(Points());
        var indices = new int[5];
        var distances = new float[5];

        classifier.FindNeighbors(indices, distances, Origin, 1, 5);

        Assert.Equal(expectedIndices, indices);
        Assert.Equal(expectedDistances, distances);
    }

    [Theory]
    // k = 1: the nearest, (0, -1), label 2. k = 2: labels 2 and 0 (L1) or 2 and 1 (L2) tie, the nearer label 2 wins.
    // k = 3: three labels with one vote each, 2 again. k = 4: label 1 has two votes under both metrics.
    // k = 5: labels 0 and 1 both have two votes, 2 only one: the tie is between 0 and 1, and the one whose nearest
    // member is nearer wins: 0 under L1 (index 0 at rank 2 before index 1 at rank 3), 1 under L2 (index 1 at rank 2).
    [InlineData(DistanceMetric.L1, 1, 2)]
    [InlineData(DistanceMetric.L1, 2, 2)]
    [InlineData(DistanceMetric.L1, 3, 2)]
    [InlineData(DistanceMetric.L1, 4, 1)]
    [InlineData(DistanceMetric.L1, 5, 0)]
    [InlineData(DistanceMetric.L2, 1, 2)]
    [InlineData(DistanceMetric.L2, 2, 2)]
    [InlineData(DistanceMetric.L2, 3, 2)]
    [InlineData(DistanceMetric.L2, 4, 1)]
    [InlineData(DistanceMetric.L2, 5, 1)]
    public void PredictTakesTheMajorityAndBreaksTiesByTheNearestNeighbourAmongTheTiedLabels(DistanceMetric metric, int k, int expected)
    {
        var classifier = new NearestNeighbor(metric);
        classifier.Train(Points());

        Assert.Equal([expected], classifier.Predict(Origin, 1, k));
    }

    [Fact]
    public void PredictClassifiesEveryQueryOfABatch()
    {
        var classifier = new NearestNeighbor(DistanceMetric.L2);
        classifier.Train(Points());
        var predictions = new int[3];

        // Near (10, 10) → 0; near (-4, 0) → 1; near (0, -1) → 2.
        classifier.Predict(predictions, [9, 9, -3, 0, 0, -2], 3, 1);

        Assert.Equal([0, 1, 2], predictions);
    }

    [Theory]
    [InlineData(DistanceMetric.L1, 1)]
    [InlineData(DistanceMetric.L1, 7)]
    [InlineData(DistanceMetric.L1, 8)]
    [InlineData(DistanceMetric.L1, 33)]
    [InlineData(DistanceMetric.L2, 1)]
    [InlineData(DistanceMetric.L2, 7)]
    [InlineData(DistanceMetric.L2, 8)]
    [InlineData(DistanceMetric.L2, 33)]
    public void FindNeighborsMatchesBruteForceAcrossBlocksAndVectorTails(DistanceMetric metric, int featureLength)
    {
        // 300 training images span two training blocks (256 + 44) and 70 queries two query blocks (64 + 6); the
        // feature lengths leave every possible vector tail.
        const int trainCount = 300, queryCount = 70, k = 7;
        var random = new Random(featureLength);
        float[] train = RandomFloats(random, trainCount * featureLength);
        float[] queries = RandomFloats(random, queryCount * featureLength);
        var classifier = new NearestNeighbor(metric);
        classifier.Train(new ImageDataset(train, new int[trainCount], featureLength, 1, 1));
        var indices = new int[queryCount * k];
        var distances = new float[queryCount * k];

        classifier.FindNeighbors(indices, distances, queries, queryCount, k);

        for (int q = 0; q < queryCount; q++)
        {
            (int[] expectedIndices, double[] expectedDistances) =
                BruteForceNeighbors.Find(train, queries[(q * featureLength)..((q + 1) * featureLength)], featureLength, k, metric);
            Assert.Equal(expectedIndices, indices[(q * k)..((q + 1) * k)]);
            for (int r = 0; r < k; r++)
            {
                // L2 from ||a||² + ||b||² - 2a·b loses about 1e-6 of the norms (up to featureLength here) to rounding.
                Assert.Equal(expectedDistances[r], distances[q * k + r], 1e-5 * (1 + featureLength));
            }
        }
    }

    [Fact]
    public void QueryIdenticalToATrainingImageIsAtDistanceZeroUnderBothMetrics()
    {
        float[] image = [0.1f, 0.7f, 0.3f, 0.9f, 0.2f, 0.4f, 0.8f, 0.6f, 0.5f];
        var train = new ImageDataset([.. new float[9], .. image], [0, 1], 1, 3, 3);
        foreach (DistanceMetric metric in new[] { DistanceMetric.L1, DistanceMetric.L2 })
        {
            var classifier = new NearestNeighbor(metric);
            classifier.Train(train);
            var indices = new int[1];
            var distances = new float[1];

            classifier.FindNeighbors(indices, distances, image, 1, 1);

            // L2 subtracts nearly equal norms; the result is clamped so rounding cannot make it negative.
            Assert.Equal(1, indices[0]);
            Assert.InRange(distances[0], 0f, 1e-6f);
        }
    }

    [Fact]
    public void AccuracyIsTheFractionOfCorrectPredictions()
    {
        var classifier = new NearestNeighbor(DistanceMetric.L1);
        classifier.Train(Points());
        var test = new ImageDataset([9, 9, -3, 0, 0, -2, 3, 1], [0, 1, 1, 0], 2, 1, 1);

        // Predictions 0, 1, 2, 0: three of four right.
        Assert.Equal(0.75, classifier.Accuracy(test, 1));
    }

    [Fact]
    public void PredictAllocatesNothingOnceItsBuffersExist()
    {
        var random = new Random(3);
        var classifier = new NearestNeighbor(DistanceMetric.L2);
        classifier.Train(new ImageDataset(RandomFloats(random, 500 * 16), new int[500], 16, 1, 1));
        float[] queries = RandomFloats(random, 100 * 16);
        var predictions = new int[100];
        classifier.Predict(predictions, queries, 100, 5);

        long before = GC.GetAllocatedBytesForCurrentThread();
        classifier.Predict(predictions, queries, 100, 5);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void MisuseIsRefusedWithTheExpectedValues()
    {
        var untrained = new NearestNeighbor(DistanceMetric.L1);
        var notTrained = Assert.Throws<InvalidOperationException>(() => untrained.Predict(Origin, 1, 1));
        Assert.Contains("call Train", notTrained.Message, StringComparison.Ordinal);

        var classifier = new NearestNeighbor(DistanceMetric.L1);
        classifier.Train(Points());
        var k = Assert.Throws<ArgumentOutOfRangeException>(() => classifier.Predict(Origin, 1, 6));
        Assert.Contains("k must be between 1 and the 5 training images searched, got 6", k.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => classifier.Predict(Origin, 1, 0));
        var length = Assert.Throws<ArgumentException>(() => classifier.Predict(new float[3], 1, 1));
        Assert.Contains("features must hold count * 2 = 1 * 2 = 2 floats, got 3", length.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => classifier.Predict(new int[1], new float[4], 2, 1));
        Assert.Throws<ArgumentException>(() => classifier.FindNeighbors(new int[2], new float[3], Origin, 1, 2));
        var shape = Assert.Throws<ArgumentException>(() => classifier.Accuracy(new ImageDataset(new float[3], [0], 3, 1, 1), 1));
        Assert.Contains("trained on images of 2 floats", shape.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => classifier.Train(new ImageDataset([], [], 2, 1, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new NearestNeighbor((DistanceMetric)7));
    }

    private static float[] RandomFloats(Random random, int count)
    {
        var values = new float[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = random.NextSingle();
        }

        return values;
    }
}
