using System;
using System.Diagnostics;
using System.IO;
using StaticNets;
using StaticNets.ConsoleProgress;
using StaticNets.Data;
using StaticNets.Examples.Mnist;
using StaticNets.Training;

// Trains LeNet-5 on the MNIST digits shipped in Examples/data and reports test accuracy.
// Usage: dotnet run -c Release --project Examples/Mnist [-- <data folder> [epochs]]
const int BatchSize = 32;
const int Seed = 1;

string dataFolder = args.Length > 0 ? args[0] : ExampleData.Folder();
int epochs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 8;

var train = Mnist.Load(Path.Combine(dataFolder, Mnist.TrainImagesFileName), Path.Combine(dataFolder, Mnist.TrainLabelsFileName));
var test = Mnist.Load(Path.Combine(dataFolder, Mnist.TestImagesFileName), Path.Combine(dataFolder, Mnist.TestLabelsFileName));
Console.WriteLine($"MNIST from {dataFolder}: {train.Count} training and {test.Count} test digits, {train.Height}x{train.Width}");
Console.WriteLine();
Console.WriteLine(LeNet5.SummaryFor(250));
Console.WriteLine();

var network = new LeNet5(maxBatch: 250);
network.InitializeParameters(Seed);
network.L2Regularization = 1e-4f;
var optimizer = new SgdMomentum(network, learningRate: 0.02f, momentum: 0.9f);
var sampler = new MinibatchSampler(train.Count, Seed);
var batchImages = new float[BatchSize * LeNet5.InputLength];
var batchLabels = new int[BatchSize];

// A live bar per epoch on an interactive terminal; one plain line per epoch when redirected or under CI.
var progress = TrainingProgress.Create(epochs, validationName: "test");
var total = Stopwatch.StartNew();
progress.Run(() =>
{
    for (int epoch = 1; epoch <= epochs; epoch++)
    {
        var clock = Stopwatch.StartNew();
        if (epoch == epochs / 2 + 1)
        {
            optimizer.LearningRate /= 4; // one step decay halfway: the notes' coarse-then-fine schedule
        }
        sampler.Shuffle();
        double lossSum = 0;
        int examples = 0;
        int batches = sampler.BatchCount(BatchSize);
        for (int b = 0; b < batches; b++)
        {
            int size = sampler.Gather(b, BatchSize, train.Features, train.FeatureLength, train.Labels, batchImages, batchLabels);
            lossSum += network.ForwardBackward(batchImages.AsSpan(0, size * LeNet5.InputLength), batchLabels.AsSpan(0, size), size);
            optimizer.Step();
            examples += size;
            progress.ReportBatch(new BatchReport(epoch - 1, b, batches, examples, train.Count, (float)(lossSum / (b + 1)), clock.Elapsed.TotalSeconds));
        }
        double trainAccuracy = Classification.Accuracy(network, train);
        double testAccuracy = Classification.Accuracy(network, test);
        // The test set's loss is not measured here, hence NaN; the line shows its accuracy.
        progress.ReportEpoch(new EpochReport(
            epoch - 1, optimizer.LearningRate, (float)(lossSum / batches), (float)trainAccuracy, (float)testAccuracy, float.NaN, clock.Elapsed.TotalSeconds));
    }
});

double finalAccuracy = Classification.Accuracy(network, test);
Console.WriteLine();
Console.WriteLine($"Test accuracy {finalAccuracy:P2} on {test.Count} digits after {epochs} epochs in {total.Elapsed.TotalSeconds:F1}s.");
return finalAccuracy >= 0.97 ? 0 : 1;

