using System;
using StaticNets.Kernels;

namespace StaticNets.Runtime.Tests.Kernels;

public class KernelAllocationTests
{
    private delegate void KernelCall();

    [Fact]
    public void EveryKernelAllocatesNothingAfterWarmUp()
    {
        // LeNet-5's layer shapes at batch 4: every public kernel, forward and backward.
        const int Batch = 4;
        var random = new Random(1);
        float[] image = KernelAssert.RandomFloats(random, Batch * 28 * 28);
        float[] w1 = KernelAssert.RandomFloats(random, 6 * 25), b1 = new float[6], dW1 = new float[150], dB1 = new float[6];
        float[] c1 = new float[Batch * 6 * 28 * 28], dC1 = new float[c1.Length];
        float[] p1 = new float[Batch * 6 * 14 * 14], dP1 = new float[p1.Length];
        float[] w2 = KernelAssert.RandomFloats(random, 16 * 6 * 25), b2 = new float[16], dW2 = new float[w2.Length], dB2 = new float[16];
        float[] c2 = new float[Batch * 16 * 10 * 10], dC2 = KernelAssert.RandomFloats(random, c2.Length);
        float[] workspace = new float[Math.Max(Conv2d.WorkspaceLength(1, 5, 28, 28), Conv2d.WorkspaceLength(6, 5, 10, 10))];
        float[] f = KernelAssert.RandomFloats(random, Batch * 400), w3 = KernelAssert.RandomFloats(random, 10 * 400), b3 = new float[10];
        float[] dF = new float[f.Length], dW3 = new float[w3.Length], dB3 = new float[10];
        float[] scores = new float[Batch * 10], probabilities = new float[Batch * 10], dScores = new float[Batch * 10];
        int[] labels = [1, 2, 3, 9];

        (string Name, KernelCall Call)[] kernels =
        [
            ("Conv2d.Forward", () => Conv2d.Forward(c1, image, w1, b1, workspace, Batch, 1, 28, 28, 6, 5, 1, 2)),
            ("Conv2d.Backward without dInput", () => Conv2d.Backward([], dW1, dB1, dC1, image, w1, workspace, Batch, 1, 28, 28, 6, 5, 1, 2)),
            ("Conv2d.Backward", () => Conv2d.Backward(dP1, dW2, dB2, dC2, p1, w2, workspace, Batch, 6, 14, 14, 16, 5, 1, 0)),
            ("Relu.Forward", () => Relu.Forward(c1, c1)),
            ("Relu.Backward", () => Relu.Backward(dC1, dC1, c1)),
            ("MaxPool2d.Forward", () => MaxPool2d.Forward(p1, c1, Batch, 6, 28, 28, 2, 2)),
            ("MaxPool2d.Backward", () => MaxPool2d.Backward(dC1, dP1, c1, p1, Batch, 6, 28, 28, 2, 2)),
            ("FullyConnected.Forward", () => FullyConnected.Forward(scores, f, w3, b3, Batch, 400, 10)),
            ("FullyConnected.Backward", () => FullyConnected.Backward(dF, dW3, dB3, dScores, f, w3, Batch, 400, 10)),
            ("SoftmaxCrossEntropy.Forward", () => SoftmaxCrossEntropy.Forward(probabilities, scores, Batch, 10)),
            ("SoftmaxCrossEntropy.Loss", () => SoftmaxCrossEntropy.Loss(probabilities, labels, Batch, 10)),
            ("SoftmaxCrossEntropy.Backward", () => SoftmaxCrossEntropy.Backward(dScores, probabilities, labels, Batch, 10)),
        ];

        foreach ((string name, KernelCall call) in kernels)
        {
            AllocationAssert.NothingAllocated(() => call(), name);
        }
    }
}
