using System;
using System.IO;
using StaticNets;
using StaticNets.Data;
using StaticNets.Preprocessing;
using StaticNets.Training;

// Random hyperparameter search (notes §6.6): learning rate and L2 strength drawn on a log scale, a small budget
// of epochs per trial, results ranked by validation accuracy. Random beats a grid for the same budget because
// each trial tries a new value of every hyperparameter.
string data = args.Length > 0 ? args[0] : ExampleData.Folder();
var digits = Mnist.Load(Path.Combine(data, Mnist.TrainImagesFileName), Path.Combine(data, Mnist.TrainLabelsFileName));
var (training, validation) = digits.Split(0.2f, seed: 1);
var mean = MeanImage.Compute(training);
mean.Subtract(training);
mean.Subtract(validation);
Console.WriteLine($"Searching on {training.Count} training and {validation.Count} validation digits with {SearchNet.Summary.Split('\n').Length - 2} layers, {SearchNet.ParameterCount:N0} parameters");

var options = new HyperparameterSearchOptions
{
    Trials = 12,
    MinLearningRate = 1e-4f,
    MaxLearningRate = 1f,
    MinRegularization = 1e-6f,
    MaxRegularization = 1e-1f,
    Seed = 7,
    Training = new TrainerOptions { Epochs = 3, BatchSize = 64, Seed = 1 },
    OnTrial = trial => Console.WriteLine($"  trial {trial.Index,2}: lr {trial.LearningRate:E2}, L2 {trial.L2Regularization:E2} -> {trial.Result.BestValidationAccuracy:P1} ({trial.Result.StopReason})"),
};
var result = HyperparameterSearch.Run(() => new SearchNet(64), (network, learningRate) => new SgdMomentum(network, learningRate), training, validation, options);
Console.WriteLine();
Console.WriteLine(result.ToTable());
Console.WriteLine($"Best: learning rate {result.Best.LearningRate:E2}, L2 {result.Best.L2Regularization:E2}, validation accuracy {result.Best.Result.BestValidationAccuracy:P2}");

[Network("FC(100)+RELU+FC(10)+SOFTMAX", Input = "1x28x28")]
internal partial class SearchNet { }
