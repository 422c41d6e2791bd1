using System;
using System.Linq;
using System.Threading;

namespace StaticNets.Runtime.Tests.Networks;

/// <summary>
/// One model serving many requests at once: workers that share one set of weights, each with its own activations,
/// answering from 8 threads; every answer must equal a lone thread's bit for bit, with nothing allocated per request.
/// </summary>
[Collection(nameof(Kernels.KernelThreadsCollection))]
public class ServingTests
{
    private const int Threads = 8;
    private const int RequestsPerThread = 1500;
    private const int DistinctInputs = 64;

    [Fact]
    public void EightThreadsSharingOneModelAnswerExactlyAsOneThreadDoes()
    {
        var model = new LeNet5BatchNorm(1);
        model.InitializeParameters(seed: 7);
        var random = new Random(3);
        foreach (ref float b in model.Buffers)
        {
            b = (float)random.NextDouble() + 0.5f; // running statistics that are not the identity
        }

        float[][] inputs = Enumerable.Range(0, DistinctInputs)
            .Select(_ => Enumerable.Range(0, LeNet5BatchNorm.InputLength).Select(_ => (float)random.NextDouble()).ToArray())
            .ToArray();
        float[][] expected = inputs.Select(input =>
        {
            var output = new float[LeNet5BatchNorm.OutputLength];
            model.Forward(input, output, 1);
            return output;
        }).ToArray();

        byte[] weightsBefore = System.Runtime.InteropServices.MemoryMarshal.AsBytes(model.Parameters).ToArray();
        var failures = new string?[Threads];
        var allocated = new long[Threads];
        using var start = new Barrier(Threads);
        var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            var worker = new LeNet5BatchNorm(model, 1);
            var output = new float[LeNet5BatchNorm.OutputLength];
            worker.Forward(inputs[0], output, 1); // first call: the thread's kernel scratch
            start.SignalAndWait();
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int request = 0; request < RequestsPerThread; request++)
            {
                int which = (request * 7 + t * 13) % DistinctInputs;
                worker.Forward(inputs[which], output, 1);
                if (!output.AsSpan().SequenceEqual(expected[which]))
                {
                    failures[t] ??= $"thread {t}, request {request}, input {which}: [{string.Join(", ", output)}] instead of [{string.Join(", ", expected[which])}]";
                }
            }

            allocated[t] = GC.GetAllocatedBytesForCurrentThread() - before;
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());

        Assert.All(failures, failure => Assert.Null(failure));
        Assert.All(allocated, bytes => Assert.Equal(0, bytes));
        Assert.Equal(weightsBefore, System.Runtime.InteropServices.MemoryMarshal.AsBytes(model.Parameters).ToArray());
    }

    [Fact]
    public void WorkersShareTheWeightsNotACopy()
    {
        var model = new LeNet5(4);
        var worker = new LeNet5(model, 1);
        model.InitializeParameters(seed: 1);
        Assert.True(model.Parameters.SequenceEqual(worker.Parameters));
        worker.Parameters[0] = 42f;
        Assert.Equal(42f, model.Parameters[0]);
        Assert.Equal(1, worker.MaxBatch);
        Assert.Throws<ArgumentNullException>(() => new LeNet5(null!, 1));
    }
}
