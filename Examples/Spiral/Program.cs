using System;
using StaticNets;
using StaticNets.Data;
using StaticNets.Training;

// The notes' §4.2 point: a linear classifier cannot separate a three-class spiral (it gets about half right),
// while one hidden ReLU layer classifies it almost perfectly. Full-batch gradient descent, as in the notes.
const int PointsPerClass = 100, Classes = 3, Steps = 10_000;
var data = Spiral.Generate(Classes, PointsPerClass, noise: 0.2, seed: 0);
int count = data.Count;

var linear = new LinearSpiral(count);
var twoLayer = new TwoLayerSpiral(count);
Console.WriteLine($"Spiral: {count} points in {Classes} classes");
Console.WriteLine($"{"model",-28} {"parameters",10} {"final loss",10} {"accuracy",9}");
Report("linear: FC(3)+SOFTMAX", linear, LinearSpiral.ParameterCount, learningRate: 1f);
Report("two-layer: FC(100)+RELU+FC(3)", twoLayer, TwoLayerSpiral.ParameterCount, learningRate: 1f);

void Report(string name, IClassifier network, int parameters, float learningRate)
{
    network.InitializeParameters(seed: 1);
    network.L2Regularization = 5e-4f; // λΣw², i.e. the notes' 0.5·reg·Σw² with reg = 1e-3
    var descent = new Sgd(network, learningRate);
    float loss = 0;
    for (int step = 0; step < Steps; step++)
    {
        loss = network.ForwardBackward(data.Features, data.Labels, count);
        descent.Step();
    }
    var predictions = new int[count];
    network.Predict(data.Features, predictions, count);
    int correct = 0;
    for (int i = 0; i < count; i++)
    {
        correct += predictions[i] == data.Labels[i] ? 1 : 0;
    }
    Console.WriteLine($"{name,-28} {parameters,10} {loss,10:F4} {(double)correct / count,9:P1}");
}

[Network("FC(3)+SOFTMAX", Input = "2")]
internal partial class LinearSpiral { }

[Network("FC(100)+RELU+FC(3)+SOFTMAX", Input = "2")]
internal partial class TwoLayerSpiral { }
