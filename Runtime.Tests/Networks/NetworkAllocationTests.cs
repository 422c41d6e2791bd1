using System;
using StaticNets.Training;

namespace StaticNets.Runtime.Tests.Networks;

/// <summary>After one warm-up call (JIT, static initialisers), a network never allocates.</summary>
public class NetworkAllocationTests
{
    [Fact]
    public void LeNet5ForwardPredictAndTrainingStepAllocateNothing()
    {
        const int batch = 8;
        var network = new LeNet5(batch);
        network.InitializeParameters(1);
        network.L2Regularization = 1e-4f;
        var optimizer = new SgdMomentum(network, 0.01f);
        float[] input = NetworkData.Uniform(batch * LeNet5.InputLength, 1, 0f, 1f);
        int[] labels = NetworkData.Labels(batch, 10, 2);
        float[] output = new float[batch * LeNet5.OutputLength];
        int[] predictions = new int[batch];

        void Step()
        {
            network.Forward(input, output, batch);
            network.Predict(input, predictions, batch);
            network.ForwardBackward(input, labels, batch);
            optimizer.Step();
            network.ForwardBackward(input.AsSpan(0, 3 * LeNet5.InputLength), labels.AsSpan(0, 3), 3);
        }

        AllocationAssert.NothingAllocated(Step, "LeNet5 Forward, Predict, ForwardBackward and SgdMomentum.Step");
    }

    [Fact]
    public void CifarForwardAndTrainingStepAllocateNothing()
    {
        const int batch = 2;
        var network = new Cifar(batch);
        network.InitializeParameters(1);
        var optimizer = new SgdMomentum(network, 0.01f);
        float[] input = NetworkData.Uniform(batch * Cifar.InputLength, 1);
        int[] labels = NetworkData.Labels(batch, 10, 2);
        float[] output = new float[batch * Cifar.OutputLength];

        AllocationAssert.NothingAllocated(() =>
        {
            network.Forward(input, output, batch);
            network.ForwardBackward(input, labels, batch);
            optimizer.Step();
        }, "Cifar Forward, ForwardBackward and SgdMomentum.Step", callsPerWindow: 1);
    }
}
