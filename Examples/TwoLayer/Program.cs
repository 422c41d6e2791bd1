using System;
using StaticNets;
using StaticNets.Training;

// The lecture's "neural net in 20 lines": a sigmoid hidden layer and an L2 (squared error) loss, trained by plain
// gradient descent, here on the classic XOR problem that no linear model can fit. The step stays small because the
// squared error's curvature along the output weights is about 2·Σh² (up to 16 here): 1 already diverges.
float[] inputs = { 0, 0, 0, 1, 1, 0, 1, 1 };
float[] targets = { 0, 1, 1, 0 };
const int Examples = 4;

var network = new XorNet(Examples);
network.InitializeParameters(seed: 3);
var descent = new Sgd(network, learningRate: 0.1f);
Console.WriteLine(XorNet.Summary);
Console.WriteLine();
for (int step = 0; step <= 3_000; step++)
{
    float loss = network.ForwardBackward(inputs, targets, Examples);
    if (step % 500 == 0)
    {
        Console.WriteLine($"step {step,5}: loss {loss:F5}");
    }
    descent.Step();
}

var outputs = new float[Examples];
network.Forward(inputs, outputs, Examples);
int right = 0;
for (int i = 0; i < Examples; i++)
{
    right += (outputs[i] > 0.5f) == (targets[i] > 0.5f) ? 1 : 0;
    Console.WriteLine($"{inputs[2 * i]} xor {inputs[2 * i + 1]} = {targets[i]}  predicted {outputs[i]:F3}");
}
Console.WriteLine($"{right} of {Examples} right");
return right == Examples ? 0 : 1;

[Network("FC(8)+SIGMOID+FC(1)+L2", Input = "2")]
internal partial class XorNet { }
