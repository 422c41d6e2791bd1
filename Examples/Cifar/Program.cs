using System;
using System.IO;
using StaticNets;
using StaticNets.Data;
using StaticNets.Preprocessing;
using StaticNets.Training;

// The notes' CIFAR-10 network (DESIGN.md's `cifar`), declared with the CS231n pattern verbatim. CIFAR-10 is not
// shipped with the repository: pass the folder of the extracted binary version (cifar-10-batches-bin).
string folder = args.Length > 0 ? args[0] : Path.Combine(ExampleData.Folder(), "cifar-10-batches-bin");
int epochs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
ImageDataset train, test;
try
{
    train = Cifar10.LoadTraining(folder);
    test = Cifar10.LoadTest(folder);
}
catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException or InvalidDataException)
{
    Console.Error.WriteLine(error.Message);
    return 2;
}

Console.WriteLine(CifarNet.Summary);
var mean = ChannelMean.Compute(train);
mean.Subtract(train);
mean.Subtract(test);
var network = new CifarNet(64);
network.InitializeParameters(seed: 1);
network.L2Regularization = 5e-4f;
var result = new Trainer(new TrainerOptions { Epochs = epochs, BatchSize = 64, Seed = 1, OnEpoch = report => Console.WriteLine(report) })
    .Train(network, new SgdMomentum(network, 0.01f), train);
Console.WriteLine($"{result.StopReason}; best validation accuracy {result.BestValidationAccuracy:P2}");
return 0;

[Network("((CONV+RELU)*N+POOL)*M+(FC+RELU)*K+SOFTMAX", Input = "3x32x32", Classes = 10,
         Let = "N=2, M=3, K=1", Defaults = "CONV([32,64,128], 3, pad: same); POOL(2); FC(256)")]
internal partial class CifarNet { }
