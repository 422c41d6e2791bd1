using System;
using System.Collections.Generic;
using System.Linq;
using StaticNets.Data;
using StaticNets.Training;

namespace StaticNets.Runtime.Tests.Training;

/// <summary><see cref="TrainerOptions.OnBatch"/>: once per step, numbers that agree with what the network saw, and free of allocation.</summary>
public class BatchHookTests
{
    private const int MaxBatch = 32;

    [Fact]
    public void ReportsEveryBatchWithTheExamplesAndMeanLossTheNetworkSaw()
    {
        // 300 examples in batches of 16: 18 full batches and a last one of 12, so the partial count is exercised.
        ImageDataset training = TrainingData.Blobs(300, seed: 1), validation = TrainingData.Blobs(90, seed: 2);
        var network = new RecordingClassifier(CreateNetwork());
        var batches = new List<BatchReport>();
        var epochs = new List<EpochReport>();
        var events = new List<string>();
        var options = new TrainerOptions
        {
            Epochs = 3,
            BatchSize = 16,
            Seed = 4,
            OnBatch = report => { batches.Add(report); events.Add("batch"); },
            OnEpoch = report => { epochs.Add(report); events.Add("epoch"); },
        };

        TrainingResult result = new Trainer(options).Train(network, new Sgd(network, 0.05f), training, validation);

        Assert.Equal(StopReason.Completed, result.StopReason);
        Assert.Equal(3, epochs.Count);
        Assert.Equal(result.History, epochs);
        Assert.Equal(3 * 19, batches.Count);
        Assert.Equal(network.Passes.Count, batches.Count);
        // Each epoch's batches come before its epoch report.
        Assert.Equal(Enumerable.Range(0, 3).SelectMany(_ => Enumerable.Repeat("batch", 19).Append("epoch")), events);
        for (int epoch = 0; epoch < 3; epoch++)
        {
            int examples = 0;
            double lossSum = 0;
            double previousSeconds = 0;
            for (int batch = 0; batch < 19; batch++)
            {
                int index = epoch * 19 + batch;
                BatchReport report = batches[index];
                (int size, float loss) = network.Passes[index];
                examples += size;
                lossSum += loss;
                Assert.Equal(epoch, report.Epoch);
                Assert.Equal(batch, report.Batch);
                Assert.Equal(19, report.BatchCount);
                Assert.Equal(300, report.ExamplesPerEpoch);
                Assert.Equal(examples, report.Examples);
                Assert.Equal((float)(lossSum / (batch + 1)), report.MeanLoss);
                Assert.True(report.Seconds >= previousSeconds, $"epoch {epoch} batch {batch}: {report.Seconds} s after {previousSeconds} s");
                previousSeconds = report.Seconds;
            }

            Assert.Equal(300, examples);
            Assert.Equal(epochs[epoch].TrainingLoss, batches[epoch * 19 + 18].MeanLoss);
            Assert.True(batches[epoch * 19 + 18].Seconds <= epochs[epoch].Seconds);
        }
    }

    [Fact]
    public void RegressorsReportEveryBatchToo()
    {
        RegressionDataset training = TrainingData.Line(200, seed: 1), validation = TrainingData.Line(50, seed: 2);
        var network = new LinearRegressor(2, 1, maxBatch: 16);
        network.InitializeParameters(1);
        var batches = new List<BatchReport>();
        var epochs = new List<EpochReport>();
        var options = new TrainerOptions { Epochs = 2, BatchSize = 16, Seed = 3, OnBatch = batches.Add, OnEpoch = epochs.Add };

        new Trainer(options).Train(network, new Sgd(network, 0.01f), training, validation);

        // 200 examples in batches of 16: 12 full batches and a last one of 8.
        Assert.Equal(2, epochs.Count);
        Assert.Equal(2 * 13, batches.Count);
        Assert.Equal(Enumerable.Range(0, 2).SelectMany(e => Enumerable.Range(0, 13).Select(b => (e, b))), batches.Select(r => (r.Epoch, r.Batch)));
        Assert.Equal(Enumerable.Range(1, 13).Select(b => Math.Min(16 * b, 200)), batches.Take(13).Select(r => r.Examples));
        Assert.All(batches, r => Assert.Equal(200, r.ExamplesPerEpoch));
        Assert.Equal(epochs.Select(e => e.TrainingLoss), [batches[12].MeanLoss, batches[25].MeanLoss]);
    }

    [Fact]
    public void EpochsWithTheHookAllocateNothingAfterSetup()
    {
        ImageDataset training = TrainingData.Blobs(300, seed: 1), validation = TrainingData.Blobs(90, seed: 2);
        const int epochs = 6;
        var lastExamples = new int[epochs];
        var options = new TrainerOptions
        {
            Epochs = epochs,
            BatchSize = 16,
            OnBatch = report => lastExamples[report.Epoch] = report.Examples,
        };

        long allocated = EpochAllocation.AfterFirstEpoch(options, measured =>
        {
            BlobNet network = CreateNetwork();
            new Trainer(measured).Train(network, new Adam(network, 1e-3f), training, validation);
        });

        Assert.Equal(0, allocated);
        Assert.All(lastExamples, examples => Assert.Equal(300, examples));
    }

    [Fact]
    public void AnAbortedBatchIsNotReported()
    {
        // A learning rate this large makes the loss explode: the loop stops before stepping on the batch that crossed
        // the divergence threshold, so the hook has seen only the batches that were stepped.
        ImageDataset training = TrainingData.Blobs(300, seed: 1), validation = TrainingData.Blobs(90, seed: 2);
        var network = new RecordingClassifier(CreateNetwork());
        var batches = new List<BatchReport>();
        var options = new TrainerOptions { Epochs = 5, BatchSize = 16, Seed = 4, OnBatch = batches.Add };

        TrainingResult result = new Trainer(options).Train(network, new Sgd(network, 1e4f), training, validation);

        Assert.NotEqual(StopReason.Completed, result.StopReason);
        Assert.Equal(network.Passes.Count - 1, batches.Count);
    }

    private static BlobNet CreateNetwork()
    {
        var network = new BlobNet(MaxBatch);
        network.InitializeParameters(3);
        return network;
    }

    /// <summary>Passes a classifier through, recording each training pass's batch size and loss.</summary>
    private sealed class RecordingClassifier(IClassifier inner) : IClassifier
    {
        public List<(int Size, float Loss)> Passes { get; } = [];

        public int InputLength => inner.InputLength;

        public int OutputLength => inner.OutputLength;

        public int ParameterCount => inner.ParameterCount;

        public int MaxBatch => inner.MaxBatch;

        public Span<float> Parameters => inner.Parameters;

        public IReadOnlyList<ParameterTensor> ParameterTensors => inner.ParameterTensors;

        public Span<float> Buffers => inner.Buffers;

        public IReadOnlyList<ParameterTensor> BufferTensors => inner.BufferTensors;

        public IReadOnlyList<LayerInfo> Layers => inner.Layers;

        public Span<float> Gradients => inner.Gradients;

        public float L2Regularization { get => inner.L2Regularization; set => inner.L2Regularization = value; }

        public float L1Regularization { get => inner.L1Regularization; set => inner.L1Regularization = value; }

        public ulong RandomState { get => inner.RandomState; set => inner.RandomState = value; }

        public float DataLoss => inner.DataLoss;

        public void InitializeParameters(int seed) => inner.InitializeParameters(seed);

        public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch) => inner.Forward(input, output, batch);

        public void Predict(ReadOnlySpan<float> input, Span<int> predictions, int batch) => inner.Predict(input, predictions, batch);

        public float ForwardBackward(ReadOnlySpan<float> input, ReadOnlySpan<int> labels, int batch)
        {
            float loss = inner.ForwardBackward(input, labels, batch);
            Passes.Add((batch, loss));
            return loss;
        }
    }
}
