using System;
using System.Diagnostics;
using System.IO;
using StaticNets;
using StaticNets.Baselines;
using StaticNets.Data;
using StaticNets.Plots;
using StaticNets.Preprocessing;
using StaticNets.Training;

// The notes' progression on the same digits: k-nearest neighbours (§2.1), linear classifiers (§2.3, §3.1),
// then neural networks: an MLP with dropout and LeNet-5 with batch normalisation.
string data = args.Length > 0 ? args[0] : ExampleData.Folder();
var train = Mnist.Load(Path.Combine(data, Mnist.TrainImagesFileName), Path.Combine(data, Mnist.TrainLabelsFileName));
var test = Mnist.Load(Path.Combine(data, Mnist.TestImagesFileName), Path.Combine(data, Mnist.TestLabelsFileName));
Console.WriteLine($"MNIST: {train.Count} training and {test.Count} test digits");
var results = new System.Collections.Generic.List<(string Model, string Detail, int Parameters, double Accuracy, double Seconds)>();

// kNN: k chosen by 5-fold cross-validation on the training digits, for each distance.
foreach (var metric in new[] { DistanceMetric.L1, DistanceMetric.L2 })
{
    var clock = Stopwatch.StartNew();
    var selection = NearestNeighbor.CrossValidate(train, folds: 5, ks: new[] { 1, 3, 5, 7, 10 }, metric);
    var knn = new NearestNeighbor(metric);
    knn.Train(train);
    results.Add(($"kNN, {metric} distance", $"k = {selection.BestK} by 5-fold CV ({selection.BestAccuracy:P1})", 0, knn.Accuracy(test, selection.BestK), clock.Elapsed.TotalSeconds));
}

// Networks see mean-subtracted images (notes §6.2): the mean image is computed on the training digits only.
var mean = MeanImage.Compute(train);
mean.Subtract(train);
mean.Subtract(test);

// Pictures of what was learned go to out/ under the current directory.
string outFolder = Directory.CreateDirectory("out").FullName;
string[] digitNames = { "0", "1", "2", "3", "4", "5", "6", "7", "8", "9" };

results.Add(Train("linear softmax", new LinearSoftmax(64), epochs: 10, learningRate: 0.01f, l2: 1e-4f, (n, lr) => new SgdMomentum(n, lr),
    (network, _) => TrainingPlots.SaveClassTemplates(network, 1, 28, 28, Path.Combine(outFolder, "linear-softmax-templates.png"), digitNames)));
results.Add(Train("linear SVM", new LinearSvm(64), epochs: 10, learningRate: 0.002f, l2: 1e-4f, (n, lr) => new SgdMomentum(n, lr)));
results.Add(Train("MLP with dropout", new DropoutMlp(64), epochs: 20, learningRate: 1e-3f, l2: 0f, (n, lr) => new Adam(n, lr)));
results.Add(Train("LeNet-5 with batch norm", new LeNet5BatchNorm(64), epochs: 12, learningRate: 2e-3f, l2: 1e-4f, (n, lr) => new Adam(n, lr),
    (network, result) =>
    {
        TrainingPlots.SaveCurves(result, Path.Combine(outFolder, "lenet5-curves.png"));
        TrainingPlots.SaveFilters(network, Path.Combine(outFolder, "lenet5-filters.png"));
        TrainingPlots.SaveConfusionMatrix(PredictAll(network, test), test.Labels, Mnist.ClassCount, Path.Combine(outFolder, "lenet5-confusion.png"), digitNames);
    }));

Console.WriteLine();
Console.WriteLine($"{"model",-26} {"parameters",10} {"test accuracy",14} {"seconds",8}  detail");
foreach (var r in results)
{
    Console.WriteLine($"{r.Model,-26} {r.Parameters,10:N0} {r.Accuracy,14:P2} {r.Seconds,8:F1}  {r.Detail}");
}
bool met = results[^1].Accuracy >= 0.98 && results[^2].Accuracy >= 0.95;
Console.WriteLine(met ? "Targets met: LeNet-5 with batch norm >= 98%, MLP with dropout >= 95%." : "Targets missed.");
return met ? 0 : 1;

(string, string, int, double, double) Train(string name, IClassifier network, int epochs, float learningRate, float l2, Func<INetwork, float, IOptimizer> optimizer, Action<IClassifier, TrainingResult>? plot = null)
{
    var clock = Stopwatch.StartNew();
    network.InitializeParameters(seed: 1);
    network.L2Regularization = l2;
    var options = new TrainerOptions
    {
        Epochs = epochs,
        BatchSize = 64,
        Seed = 1,
        Patience = 4,
        ValidationFraction = 0.1f,
        Schedule = new StepDecay(0.5f, everyEpochs: Math.Max(1, epochs / 3)),
        OnEpoch = report => Console.WriteLine($"  {name}: {report}"),
    };
    var result = new Trainer(options).Train(network, optimizer(network, learningRate), train);
    double accuracy = Classification.Accuracy(network, test);
    double seconds = clock.Elapsed.TotalSeconds;
    // Drawn after the clock is read, so the table's seconds stay training and testing only.
    plot?.Invoke(network, result);
    return (name, $"{result.StopReason} after {result.History.Count} epochs, best epoch {result.BestEpoch}", network.ParameterCount, accuracy, seconds);
}

// The network's class for every test example, predicted in batches of its MaxBatch.
static int[] PredictAll(IClassifier network, ImageDataset data)
{
    var predictions = new int[data.Count];
    for (int start = 0; start < data.Count; start += network.MaxBatch)
    {
        int size = Math.Min(network.MaxBatch, data.Count - start);
        network.Predict(data.Features.AsSpan(start * data.FeatureLength, size * data.FeatureLength), predictions.AsSpan(start, size), size);
    }

    return predictions;
}

[Network("FC(10)+SOFTMAX", Input = "1x28x28")]
internal partial class LinearSoftmax { }

[Network("FC(10)+SVM", Input = "1x28x28")]
internal partial class LinearSvm { }

[Network("FC(512)+RELU+DROPOUT(0.5)+FC(256)+RELU+DROPOUT(0.5)+FC(10)+SOFTMAX", Input = "1x28x28")]
internal partial class DropoutMlp { }

[Network("CONV(6,5,pad:2)+BN+RELU+POOL(2)+CONV(16,5)+BN+RELU+POOL(2)+FC(120)+BN+RELU+FC(84)+RELU+FC(10)+SOFTMAX", Input = "1x28x28")]
internal partial class LeNet5BatchNorm { }
