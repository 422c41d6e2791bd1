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
        float[] workspace = new float[Math.Max(Conv2d.WorkspaceLength(1, 28, 28, 6, 5, 1, 2), Conv2d.WorkspaceLength(6, 14, 14, 16, 5, 1, 0))];
        float[] f = KernelAssert.RandomFloats(random, Batch * 400), w3 = KernelAssert.RandomFloats(random, 10 * 400), b3 = new float[10];
        float[] dF = new float[f.Length], dW3 = new float[w3.Length], dB3 = new float[10];
        float[] scores = new float[Batch * 10], probabilities = new float[Batch * 10], dScores = new float[Batch * 10];
        int[] labels = [1, 2, 3, 9];

        // The rest of the layer set on the same shapes: conv maps (6 channels of 28x28) and FC features (400).
        float[] a1 = new float[c1.Length], dA1 = new float[c1.Length], slopes = [0.25f, 0.1f, -0.2f, 0.3f, 0.5f, 0.05f], dSlopes = new float[6];
        float[] gamma6 = [1, 2, 3, 1, 2, 3], beta6 = new float[6], mean6 = new float[6], variance6 = [1, 1, 1, 1, 1, 1], saved6 = new float[6], inverse6 = new float[6];
        float[] gamma400 = new float[400], beta400 = new float[400], mean400 = new float[400], variance400 = new float[400], saved400 = new float[400], inverse400 = new float[400];
        Array.Fill(gamma400, 1f);
        Array.Fill(variance400, 1f);
        float[] g6 = new float[6], g400 = new float[400], h6 = new float[6], h400 = new float[400];
        float[] pieces = KernelAssert.RandomFloats(random, Batch * 120 * 2), dPieces = new float[pieces.Length], units = new float[Batch * 120], dUnits = KernelAssert.RandomFloats(random, Batch * 120);
        float[] mask = new float[f.Length], dropped = new float[f.Length];
        float[] targets = KernelAssert.RandomFloats(random, Batch * 10);
        ulong state = Dropout.InitialState(1);

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
            ("AvgPool2d.Forward", () => AvgPool2d.Forward(p1, c1, Batch, 6, 28, 28, 2, 2)),
            ("AvgPool2d.Backward", () => AvgPool2d.Backward(dC1, dP1, Batch, 6, 28, 28, 2, 2)),
            ("AvgPool2d.Backward overlapping", () => AvgPool2d.Backward(dC1, dC2.AsSpan(0, Batch * 6 * 13 * 13), Batch, 6, 28, 28, 4, 2)),
            ("LeakyRelu.Forward", () => LeakyRelu.Forward(a1, c1, 0.01f)),
            ("LeakyRelu.Backward", () => LeakyRelu.Backward(dA1, dC1, a1, 0.01f)),
            ("Elu.Forward", () => Elu.Forward(a1, c1, 1f)),
            ("Elu.Backward", () => Elu.Backward(dA1, dC1, a1, 1f)),
            ("Sigmoid.Forward", () => Sigmoid.Forward(a1, c1)),
            ("Sigmoid.Backward", () => Sigmoid.Backward(dA1, dC1, a1)),
            ("Tanh.Forward", () => Tanh.Forward(a1, c1)),
            ("Tanh.Backward", () => Tanh.Backward(dA1, dC1, a1)),
            ("Softplus.Forward", () => Softplus.Forward(a1, c1)),
            ("Softplus.Backward", () => Softplus.Backward(dA1, dC1, a1)),
            ("Prelu.Forward", () => Prelu.Forward(a1, c1, slopes, Batch, 6, 28 * 28)),
            ("Prelu.Backward", () => Prelu.Backward(dA1, dSlopes, dC1, c1, slopes, Batch, 6, 28 * 28)),
            ("Prelu.Forward on features", () => Prelu.Forward(dF, f, gamma400, Batch, 400, 1)),
            ("Prelu.Backward on features", () => Prelu.Backward(dF, g400, dF, f, gamma400, Batch, 400, 1)),
            ("Maxout.Forward", () => Maxout.Forward(units, pieces, Batch, 120, 2)),
            ("Maxout.Backward", () => Maxout.Backward(dPieces, dUnits, pieces, Batch, 120, 2)),
            ("Maxout.Backward with 3 pieces", () => Maxout.Backward(dPieces.AsSpan(0, Batch * 80 * 3), dUnits.AsSpan(0, Batch * 80), pieces.AsSpan(0, Batch * 80 * 3), Batch, 80, 3)),
            ("BatchNorm.ForwardTraining", () => BatchNorm.ForwardTraining(a1, c1, gamma6, beta6, mean6, variance6, saved6, inverse6, Batch, 6, 28 * 28, 0.1f, 1e-5f)),
            ("BatchNorm.ForwardInference", () => BatchNorm.ForwardInference(a1, c1, gamma6, beta6, mean6, variance6, Batch, 6, 28 * 28, 1e-5f)),
            ("BatchNorm.Backward", () => BatchNorm.Backward(dA1, g6, h6, dC1, c1, gamma6, saved6, inverse6, Batch, 6, 28 * 28)),
            ("BatchNorm.ForwardTraining on features", () => BatchNorm.ForwardTraining(dropped, f, gamma400, beta400, mean400, variance400, saved400, inverse400, Batch, 400, 1, 0.1f, 1e-5f)),
            ("BatchNorm.ForwardInference on features", () => BatchNorm.ForwardInference(dropped, f, gamma400, beta400, mean400, variance400, Batch, 400, 1, 1e-5f)),
            ("BatchNorm.Backward on features", () => BatchNorm.Backward(dF, g400, h400, dF, f, gamma400, saved400, inverse400, Batch, 400, 1)),
            ("Dropout.ForwardTraining", () => Dropout.ForwardTraining(dropped, mask, f, 0.5f, ref state)),
            ("Dropout.Backward", () => Dropout.Backward(dF, dF, mask)),
            ("MulticlassSvm.Loss", () => MulticlassSvm.Loss(scores, labels, Batch, 10, 1f)),
            ("MulticlassSvm.Backward", () => MulticlassSvm.Backward(dScores, scores, labels, Batch, 10, 1f)),
            ("SquaredError.Loss", () => SquaredError.Loss(scores, targets, Batch, 10)),
            ("SquaredError.Backward", () => SquaredError.Backward(dScores, scores, targets, Batch, 10)),
        ];

        foreach ((string name, KernelCall call) in kernels)
        {
            AllocationAssert.NothingAllocated(() => call(), name);
        }
    }
}
