using System;
using System.Linq;

namespace StaticNets.Runtime.Tests.Networks;

public class NetworkShapeTests
{
    [Fact]
    public void ReferenceNetworksHaveTheParameterCountsOfDesign()
    {
        Assert.Equal(308_310, Mlp2.ParameterCount);
        Assert.Equal(61_706, LeNet5.ParameterCount);
        Assert.Equal(814_122, Cifar.ParameterCount);
        Assert.Equal(3 * 32 * 32, Cifar.InputLength);
        Assert.Equal(10, Cifar.OutputLength);
        Assert.Equal(784, LeNet5.InputLength);
    }

    [Fact]
    public void LeNet5TensorsFollowStateDictOrderAndLayout()
    {
        string[] expected =
        {
            "conv1.weight [6, 1, 5, 5] at 0", "conv1.bias [6] at 150",
            "conv2.weight [16, 6, 5, 5] at 156", "conv2.bias [16] at 2556",
            "fc1.weight [120, 400] at 2572", "fc1.bias [120] at 50572",
            "fc2.weight [84, 120] at 50692", "fc2.bias [84] at 60772",
            "fc3.weight [10, 84] at 60856", "fc3.bias [10] at 61696",
        };
        Assert.Equal(expected, LeNet5.ParameterTensors.Select(t => t.ToString()));
        Assert.Equal(LeNet5.ParameterCount, LeNet5.ParameterTensors.Sum(t => t.Length));
    }

    [Fact]
    public void EveryTensorShapeMatchesItsLengthAndTheTensorsTileTheParameters()
    {
        foreach (INetwork network in new INetwork[] { new MaxoutDropoutNet(1), new ConvRegressor(1), new NormalizedConvNet(1), new LeNet5BatchNorm(1) })
        {
            int next = 0;
            foreach (var tensor in network.ParameterTensors)
            {
                Assert.Equal(next, tensor.Offset);
                Assert.Equal(tensor.Length, tensor.Shape.Aggregate(1, (product, dimension) => product * dimension));
                next += tensor.Length;
            }
            Assert.Equal(network.ParameterCount, next);
        }
        Assert.Equal("maxout1.weight [12, 8] at 64", MaxoutDropoutNet.ParameterTensors.Single(t => t.Name == "maxout1.weight").ToString());
        Assert.Equal(new[] { 8 }, MaxoutDropoutNet.ParameterTensors.Single(t => t.Name == "prelu1.weight").Shape);
        Assert.Equal(new[] { 3 }, ConvRegressor.ParameterTensors.Single(t => t.Name == "bn1.weight").Shape);
    }

    [Fact]
    public void SeedPatternCifarHasTheExplicitLayerTensors()
    {
        Assert.Equal(
            new[] { "conv1.weight [32, 3, 3, 3]", "conv2.weight [32, 32, 3, 3]", "conv3.weight [64, 32, 3, 3]", "conv4.weight [64, 64, 3, 3]",
                    "conv5.weight [128, 64, 3, 3]", "conv6.weight [128, 128, 3, 3]", "fc1.weight [256, 2048]", "fc2.weight [10, 256]" },
            Cifar.ParameterTensors.Where(t => t.IsWeight).Select(t => $"{t.Name} [{string.Join(", ", t.Shape)}]"));
    }

    [Fact]
    public void SummaryListsEveryLayerWithItsOutputShape()
    {
        string[] lines = LeNet5.Summary.Split('\n');
        Assert.StartsWith("layer", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("conv1", StringComparison.Ordinal) && l.Contains("6x28x28") && l.Contains("156"));
        Assert.Contains(lines, l => l.StartsWith("pool2", StringComparison.Ordinal) && l.Contains("16x5x5"));
        Assert.Contains(lines, l => l.StartsWith("total", StringComparison.Ordinal) && l.Contains("61,706"));
    }

    [Fact]
    public void SummaryForABatchAddsParameterAndArenaMemory()
    {
        string summary = LeNet5BatchNorm.SummaryFor(64);
        Assert.StartsWith(LeNet5BatchNorm.Summary, summary, StringComparison.Ordinal);
        Assert.Contains($"parameters: {LeNet5BatchNorm.ParameterCount:N0}", summary);
        Assert.Contains("buffers: 284", summary); // running mean and variance of 6 + 16 + 120 features
        Assert.Contains($"({LeNet5BatchNorm.ArenaBytes(64):N0} bytes)", summary);
        Assert.Contains("for batch 64", summary);
    }

    [Fact]
    public void ArenaBytesIsWhatTheConstructorAllocates()
    {
        foreach (int maxBatch in new[] { 1, 7, 64 })
        {
            long expected = LeNet5.ArenaBytes(maxBatch);
            long before = GC.GetAllocatedBytesForCurrentThread();
            var network = new LeNet5(maxBatch);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            GC.KeepAlive(network);
            // The object itself and the array header add a few dozen bytes to the floats.
            Assert.InRange(allocated - expected, 0, 128);
        }
    }

    [Fact]
    public void InitializationIsDeterministicForASeedAndZeroesBiases()
    {
        var a = new LeNet5(1);
        var b = new LeNet5(1);
        a.InitializeParameters(42);
        b.InitializeParameters(42);
        Assert.True(a.Parameters.SequenceEqual(b.Parameters));
        b.InitializeParameters(43);
        Assert.False(a.Parameters.SequenceEqual(b.Parameters));

        foreach (var tensor in LeNet5.ParameterTensors.Where(t => !t.IsWeight))
        {
            Assert.All(a.Parameters.Slice(tensor.Offset, tensor.Length).ToArray(), value => Assert.Equal(0f, value));
        }
    }

    [Fact]
    public void ConvolutionWeightsFollowedByReluAreHeInitialised()
    {
        var network = new Cifar(1);
        network.InitializeParameters(3);
        var fc1 = Cifar.ParameterTensors.Single(t => t.Name == "fc1.weight");
        float[] weights = network.Parameters.Slice(fc1.Offset, fc1.Length).ToArray();
        double std = Math.Sqrt(weights.Select(w => (double)w * w).Average());
        // fc1 sees 2048 inputs and feeds a ReLU: He std sqrt(2/2048); 524,288 draws pin it within 1%.
        Assert.InRange(std, Math.Sqrt(2.0 / 2048) * 0.99, Math.Sqrt(2.0 / 2048) * 1.01);
    }
}
