using System;
using System.Linq;
using StaticNets.Training;

namespace StaticNets.Runtime.Tests.Networks;

/// <summary>Batch norm and dropout behave differently in training and inference, as the notes describe.</summary>
public class TrainingModeTests
{
    [Fact]
    public void InferenceMatchesTheFloat64TwinWithRunningStatistics()
    {
        const int batch = 4;
        var network = new MaxoutDropoutNet(batch);
        LayerGradientTests.Prepare(network, seed: 6);
        float[] input = NetworkData.Uniform(batch * MaxoutDropoutNet.InputLength, 1);
        int[] labels = NetworkData.Labels(batch, 3, 2);
        var sgd = new SgdMomentum(network, 0.05f);
        for (int i = 0; i < 5; i++)
        {
            network.ForwardBackward(input, labels, batch);
            sgd.Step();
        }

        var output = new float[batch * MaxoutDropoutNet.OutputLength];
        network.Forward(input, output, batch);
        double[] expected = new ReferenceNetwork(network).Outputs(network.Parameters.ToArray().Select(p => (double)p).ToArray(), input, batch);
        for (int i = 0; i < output.Length; i++)
        {
            Assert.Equal(expected[i], output[i], 4);
        }
    }

    [Fact]
    public void BatchNormUpdatesRunningStatisticsOnlyWhenTraining()
    {
        const int batch = 4;
        var network = new NormalizedConvNet(batch);
        network.InitializeParameters(1);
        var mean = NormalizedConvNet.BufferTensors.Single(t => t.Name == "bn1.running_mean");
        var variance = NormalizedConvNet.BufferTensors.Single(t => t.Name == "bn1.running_var");
        Assert.All(network.Buffers.Slice(mean.Offset, mean.Length).ToArray(), v => Assert.Equal(0f, v));
        Assert.All(network.Buffers.Slice(variance.Offset, variance.Length).ToArray(), v => Assert.Equal(1f, v));

        float[] input = NetworkData.Uniform(batch * NormalizedConvNet.InputLength, 3, 0f, 2f);
        network.Forward(input, new float[batch * 3], batch);
        Assert.All(network.Buffers.Slice(mean.Offset, mean.Length).ToArray(), v => Assert.Equal(0f, v));

        network.ForwardBackward(input, NetworkData.Labels(batch, 3, 4), batch);
        Assert.Contains(network.Buffers.Slice(mean.Offset, mean.Length).ToArray(), v => v != 0f);
        Assert.Contains(network.Buffers.Slice(variance.Offset, variance.Length).ToArray(), v => v != 1f);
    }

    [Fact]
    public void DropoutIsOffAtInferenceAndReplaysFromItsState()
    {
        const int batch = 4;
        var network = new MaxoutDropoutNet(batch);
        network.InitializeParameters(2);
        float[] input = NetworkData.Uniform(batch * MaxoutDropoutNet.InputLength, 5);
        int[] labels = NetworkData.Labels(batch, 3, 6);

        var first = new float[batch * 3];
        var second = new float[batch * 3];
        network.Forward(input, first, batch);
        network.Forward(input, second, batch);
        Assert.Equal(first, second);

        ulong state = network.RandomState;
        float lossA = network.ForwardBackward(input, labels, batch);
        float[] gradientsA = network.Gradients.ToArray();
        Assert.NotEqual(state, network.RandomState);
        float lossB = network.ForwardBackward(input, labels, batch);
        Assert.NotEqual(lossA, lossB);

        network.RandomState = state;
        Assert.Equal(lossA, network.ForwardBackward(input, labels, batch));
        Assert.Equal(gradientsA, network.Gradients.ToArray());
    }

    [Fact]
    public void TheSameSeedGivesTheSameTrainingRun()
    {
        float Run()
        {
            var network = new MaxoutDropoutNet(4);
            network.InitializeParameters(9);
            var sgd = new SgdMomentum(network, 0.05f);
            float loss = 0;
            for (int i = 0; i < 4; i++)
            {
                loss = network.ForwardBackward(NetworkData.Uniform(4 * MaxoutDropoutNet.InputLength, i), NetworkData.Labels(4, 3, i), 4);
                sgd.Step();
            }
            return loss;
        }
        Assert.Equal(Run(), Run());
    }

    [Fact]
    public void LossIsReportedWithAndWithoutRegularisation()
    {
        var network = new SaturatingSvmNet(2);
        network.InitializeParameters(3);
        float[] input = NetworkData.Uniform(2 * SaturatingSvmNet.InputLength, 1);
        int[] labels = { 0, 3 };
        float plain = network.ForwardBackward(input, labels, 2);
        Assert.Equal(plain, network.DataLoss);
        network.L1Regularization = 1e-2f;
        network.L2Regularization = 1e-2f;
        float total = network.ForwardBackward(input, labels, 2);
        Assert.Equal(plain, network.DataLoss);
        Assert.True(total > plain);
    }
}
