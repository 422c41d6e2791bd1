using System;
using System.Collections.Generic;
using System.Threading;
using StaticNets.Kernels;
using ConvShape = StaticNets.Runtime.Tests.Kernels.Conv2dTests.ConvShape;

namespace StaticNets.Runtime.Tests.Kernels;

/// <summary>
/// The convolution, fully-connected and max-pooling kernels on shapes large enough to be split across threads:
/// correct at every count, repeatable bit for bit, the same bits for every count where no part sums across the batch,
/// the same bits under concurrent callers, and allocation-free with workers.
/// </summary>
[Collection(nameof(KernelThreadsCollection))]
public class ParallelKernelTests
{
    private static readonly int[] Counts = [1, 2, 3, 4];

    // Each splits into 4 parts at count 4 (checked below): padded, uneven batch with a 5×5 filter on a non-square
    // input, strided, and 1×1 (the columns are the input itself) split by example; and one example, whose forward
    // pass is split by output channel.
    private static readonly ConvShape[] ConvShapes =
    [
        new(8, 16, 16, 16, 64, 3, 1, 1),
        new(7, 6, 20, 18, 64, 5, 1, 2),
        new(6, 20, 33, 33, 64, 3, 2, 1),
        new(8, 128, 16, 16, 64, 1, 1, 0),
        new(1, 32, 32, 32, 64, 3, 1, 1),
    ];

    // (batch, inFeatures, outFeatures): a wide batch, and a batch of 3 split 4 ways by output feature, so one part
    // has no dInput rows.
    private static readonly (int Batch, int In, int Out)[] FcShapes = [(16, 1024, 1024), (3, 2048, 1536)];

    // (batch, channels, height, width, size, stride): cifar's first pool, and overlapping windows (the cleared path).
    private static readonly (int Batch, int Channels, int Height, int Width, int Size, int Stride)[] PoolShapes =
        [(16, 16, 64, 64, 2, 2), (16, 16, 65, 65, 3, 2)];

    private static readonly Lazy<IReadOnlyList<ConvData>> Convs = new(() => Array.ConvertAll(ConvShapes, ConvData.Create));
    private static readonly Lazy<IReadOnlyList<FcData>> Fcs = new(() => Array.ConvertAll(FcShapes, FcData.Create));

    [Fact]
    public void TestShapesSplitIntoAsManyPartsAsThreads()
    {
        // Otherwise the tests below would pass without ever running a part on a worker.
        foreach (ConvShape s in ConvShapes)
        {
            long multiplyAdds = (long)s.Batch * s.OutChannels * s.OutHeight * s.OutWidth * s.InChannels * s.KernelSize * s.KernelSize;
            int units = s.Batch == 1 ? s.OutChannels : s.Batch;
            Assert.Equal(4, Partition.Parts(multiplyAdds, Partition.MinMultiplyAddsPerPart, units, 4));
        }

        foreach ((int batch, int inFeatures, int outFeatures) in FcShapes)
        {
            Assert.Equal(4, Partition.Parts(2L * batch * inFeatures * outFeatures, Partition.MinMultiplyAddsPerPart, outFeatures, 4));
        }

        (int fcBatch, int fcIn, int fcOut) = FcShapes[0];
        Assert.Equal(4, Partition.Parts((long)fcBatch * fcIn * fcOut, Partition.MinMultiplyAddsPerPart, fcBatch, 4));
        foreach (var p in PoolShapes)
        {
            Assert.Equal(4, Partition.Parts((long)p.Batch * p.Channels * p.Height * p.Width, Partition.MinFloatsPerPart, p.Batch * p.Channels, 4));
        }
    }

    [Theory]
    [MemberData(nameof(VectorWidths.All), MemberType = typeof(VectorWidths))]
    public void ConvolutionMatchesTheFloat64ReferenceAtEveryCount(int bits) => VectorWidths.Run(bits, new ConvCheck());

    [Theory]
    [MemberData(nameof(VectorWidths.All), MemberType = typeof(VectorWidths))]
    public void FullyConnectedMatchesTheFloat64ReferenceAtEveryCount(int bits) => VectorWidths.Run(bits, new FcCheck());

    [Theory]
    [MemberData(nameof(VectorWidths.All), MemberType = typeof(VectorWidths))]
    public void MaxPoolEqualsTheReferenceAtEveryCount(int bits) => VectorWidths.Run(bits, new PoolCheck());

    [Fact]
    public void ConvolutionIsRepeatableAtEachCountAndItsForwardAndInputGradientAreTheSameAtEveryCount()
    {
        foreach (ConvData c in Convs.Value)
        {
            ConvResult single = RunAt(1, () => c.Run());
            foreach (int count in Counts)
            {
                ConvResult first = RunAt(count, () => c.Run());
                ConvResult again = RunAt(count, () => c.Run());
                string context = $"{c.Shape} at count {count}";
                AssertBitsEqual(first.Output, again.Output, $"output rerun, {context}");
                AssertBitsEqual(first.DInput, again.DInput, $"dInput rerun, {context}");
                AssertBitsEqual(first.DWeight, again.DWeight, $"dWeight rerun, {context}");
                AssertBitsEqual(first.DBias, again.DBias, $"dBias rerun, {context}");

                // Each example's output and input gradient come from that example alone.
                AssertBitsEqual(single.Output, first.Output, $"output against count 1, {context}");
                AssertBitsEqual(single.DInput, first.DInput, $"dInput against count 1, {context}");
            }
        }
    }

    [Fact]
    public void FullyConnectedAndMaxPoolGiveTheSameBitsAtEveryCount()
    {
        foreach (FcData f in Fcs.Value)
        {
            FcResult single = RunAt(1, () => f.Run());
            foreach (int count in Counts)
            {
                FcResult result = RunAt(count, () => f.Run());
                string context = $"batch={f.Batch} in={f.In} out={f.Out} at count {count}";
                AssertBitsEqual(single.Output, result.Output, $"output, {context}");
                AssertBitsEqual(single.DInput, result.DInput, $"dInput, {context}");
                AssertBitsEqual(single.DWeight, result.DWeight, $"dWeight, {context}");
                AssertBitsEqual(single.DBias, result.DBias, $"dBias, {context}");
            }
        }

        var random = new Random(5);
        foreach (var p in PoolShapes)
        {
            float[] input = KernelAssert.RandomFloats(random, p.Batch * p.Channels * p.Height * p.Width);
            int outLength = p.Batch * p.Channels * MaxPool2dReference.OutputSize(p.Height, p.Size, p.Stride) * MaxPool2dReference.OutputSize(p.Width, p.Size, p.Stride);
            float[] dOutput = KernelAssert.RandomFloats(random, outLength);
            (float[] Output, float[] DInput) Pool()
            {
                float[] output = new float[outLength], dInput = new float[input.Length];
                MaxPool2d.Forward(output, input, p.Batch, p.Channels, p.Height, p.Width, p.Size, p.Stride);
                MaxPool2d.Backward(dInput, dOutput, input, output, p.Batch, p.Channels, p.Height, p.Width, p.Size, p.Stride);
                return (output, dInput);
            }

            var single = RunAt(1, Pool);
            foreach (int count in Counts)
            {
                var result = RunAt(count, Pool);
                AssertBitsEqual(single.Output, result.Output, $"pool output {p} at count {count}");
                AssertBitsEqual(single.DInput, result.DInput, $"pool dInput {p} at count {count}");
            }
        }
    }

    [Fact]
    public void ConcurrentCallersGetTheSameBitsAsALoneCaller()
    {
        // A service running one network per request thread: four callers at once, each with its own buffers, while at
        // most one of them can own the workers. Whichever runs its parts itself must still produce the lone bits.
        const int Callers = 4, Rounds = 6;
        ConvData conv = Convs.Value[0];
        FcData fc = Fcs.Value[0];
        KernelThreadsCollection.WithCount(2, () =>
        {
            ConvResult loneConv = conv.Run();
            FcResult loneFc = fc.Run();
            var failures = new List<string>();
            using var start = new Barrier(Callers);
            var threads = new Thread[Callers];
            for (int t = 0; t < Callers; t++)
            {
                threads[t] = new Thread(() =>
                {
                    try
                    {
                        start.SignalAndWait();
                        for (int round = 0; round < Rounds; round++)
                        {
                            ConvResult c = conv.Run();
                            FcResult f = fc.Run();
                            AssertBitsEqual(loneConv.Output, c.Output, "conv output");
                            AssertBitsEqual(loneConv.DInput, c.DInput, "conv dInput");
                            AssertBitsEqual(loneConv.DWeight, c.DWeight, "conv dWeight");
                            AssertBitsEqual(loneConv.DBias, c.DBias, "conv dBias");
                            AssertBitsEqual(loneFc.Output, f.Output, "fc output");
                            AssertBitsEqual(loneFc.DWeight, f.DWeight, "fc dWeight");
                            AssertBitsEqual(loneFc.DInput, f.DInput, "fc dInput");
                        }
                    }
                    catch (Exception e)
                    {
                        lock (failures)
                        {
                            failures.Add(e.Message);
                        }
                    }
                });
                threads[t].Start();
            }

            foreach (Thread thread in threads)
            {
                thread.Join();
            }

            Assert.Empty(failures);
        });
    }

    [Fact]
    public void ParallelKernelsAllocateNothingAfterWarmUpOnAnyThread()
    {
        ConvData conv = Convs.Value[1];
        ConvShape s = conv.Shape;
        FcData fc = Fcs.Value[1];
        var pool = PoolShapes[1];
        float[] output = new float[s.OutputLength], dInput = new float[s.InputLength], dWeight = new float[s.WeightLength], dBias = new float[s.OutChannels];
        float[] workspace = new float[s.Workspace];
        ConvData single = Convs.Value[4];
        ConvShape one = single.Shape;
        float[] oneOutput = new float[one.OutputLength], oneWorkspace = new float[one.Workspace];
        float[] fcOutput = new float[fc.Batch * fc.Out], fcDInput = new float[fc.Batch * fc.In], fcDWeight = new float[fc.Out * fc.In], fcDBias = new float[fc.Out];
        float[] poolInput = new float[pool.Batch * pool.Channels * pool.Height * pool.Width], poolDInput = new float[poolInput.Length];
        float[] poolOutput = new float[pool.Batch * pool.Channels * 32 * 32];

        void Step()
        {
            Conv2d.Forward(output, conv.Input, conv.Weight, conv.Bias, workspace, s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.KernelSize, s.Stride, s.Padding);
            Conv2d.Backward(dInput, dWeight, dBias, conv.DOutput, conv.Input, conv.Weight, workspace, s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.KernelSize, s.Stride, s.Padding);
            Conv2d.Forward(oneOutput, single.Input, single.Weight, single.Bias, oneWorkspace, 1, one.InChannels, one.InHeight, one.InWidth, one.OutChannels, one.KernelSize, one.Stride, one.Padding);
            Conv2d.Backward([], dWeight, dBias, conv.DOutput, conv.Input, conv.Weight, workspace, s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.KernelSize, s.Stride, s.Padding);
            FullyConnected.Forward(fcOutput, fc.Input, fc.Weight, fc.Bias, fc.Batch, fc.In, fc.Out);
            FullyConnected.Backward(fcDInput, fcDWeight, fcDBias, fc.DOutput, fc.Input, fc.Weight, fc.Batch, fc.In, fc.Out);
            FullyConnected.Backward([], fcDWeight, fcDBias, fc.DOutput, fc.Input, fc.Weight, fc.Batch, fc.In, fc.Out);
            MaxPool2d.Forward(poolOutput, poolInput, pool.Batch, pool.Channels, pool.Height, pool.Width, pool.Size, pool.Stride);
            MaxPool2d.Backward(poolDInput, poolOutput, poolInput, poolOutput, pool.Batch, pool.Channels, pool.Height, pool.Width, pool.Size, pool.Stride);
        }

        KernelThreadsCollection.WithCount(2, () =>
        {
            // The caller's own allocations, then every thread's: worker scratch is per thread and invisible to the first.
            AllocationAssert.NothingAllocated(Step, "parallel kernels at count 2");
            long allocated = 0;
            for (int window = 0; window < 3; window++)
            {
                long before = GC.GetTotalAllocatedBytes(precise: true);
                for (int i = 0; i < 3; i++)
                {
                    Step();
                }

                allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
                if (allocated == 0)
                {
                    return;
                }
            }

            Assert.Fail($"the process allocated {allocated} bytes over 3 parallel steps in each of 3 windows after warm-up.");
        });
    }

    private static T RunAt<T>(int count, Func<T> run)
    {
        T result = default!;
        KernelThreadsCollection.WithCount(count, () => result = run());
        return result;
    }

    private static void AssertBitsEqual(float[] expected, float[] actual, string context)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
            {
                Assert.Fail($"{context}: element {i} is {actual[i]:R}, expected the same bits as {expected[i]:R}.");
            }
        }
    }

    private sealed record ConvResult(float[] Output, float[] DInput, float[] DWeight, float[] DBias);

    private sealed record FcResult(float[] Output, float[] DInput, float[] DWeight, float[] DBias);

    /// <summary>One convolution shape with float inputs and its float64 reference results and magnitudes.</summary>
    private sealed record ConvData(ConvShape Shape, float[] Input, float[] Weight, float[] Bias, float[] DOutput,
        double[] Output, double[] OutputMagnitude, double[] DInput, double[] DInputMagnitude, double[] DWeight, double[] DWeightMagnitude, double[] DBias, double[] DBiasMagnitude)
    {
        public static ConvData Create(ConvShape s)
        {
            var random = new Random(s.Batch * 1000 + s.InChannels * 10 + s.KernelSize);
            float[] input = KernelAssert.RandomFloats(random, s.InputLength), weight = KernelAssert.RandomFloats(random, s.WeightLength);
            float[] bias = KernelAssert.RandomFloats(random, s.OutChannels), dOutput = KernelAssert.RandomFloats(random, s.OutputLength);
            double[] x = KernelAssert.ToDouble(input), w = KernelAssert.ToDouble(weight), b = KernelAssert.ToDouble(bias), d = KernelAssert.ToDouble(dOutput);
            var (output, outputMagnitude) = (new double[s.OutputLength], new double[s.OutputLength]);
            var (dInput, dInputMagnitude) = (new double[s.InputLength], new double[s.InputLength]);
            var (dWeight, dWeightMagnitude) = (new double[s.WeightLength], new double[s.WeightLength]);
            var (dBias, dBiasMagnitude) = (new double[s.OutChannels], new double[s.OutChannels]);
            Reference(s, output, dInput, dWeight, dBias, x, w, b, d);
            Reference(s, outputMagnitude, dInputMagnitude, dWeightMagnitude, dBiasMagnitude, KernelAssert.Abs(x), KernelAssert.Abs(w), KernelAssert.Abs(b), KernelAssert.Abs(d));
            return new ConvData(s, input, weight, bias, dOutput, output, outputMagnitude, dInput, dInputMagnitude, dWeight, dWeightMagnitude, dBias, dBiasMagnitude);
        }

        // Through the public entry points, at whatever width this machine picks.
        public ConvResult Run()
        {
            ConvShape s = Shape;
            var r = new ConvResult(new float[s.OutputLength], new float[s.InputLength], new float[s.WeightLength], new float[s.OutChannels]);
            float[] workspace = new float[s.Workspace];
            Conv2d.Forward(r.Output, Input, Weight, Bias, workspace, s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.KernelSize, s.Stride, s.Padding);
            Conv2d.Backward(r.DInput, r.DWeight, r.DBias, DOutput, Input, Weight, workspace, s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.KernelSize, s.Stride, s.Padding);
            return r;
        }

        public ConvResult Run<TVector>()
            where TVector : struct, IVector<TVector>
        {
            ConvShape s = Shape;
            var r = new ConvResult(new float[s.OutputLength], new float[s.InputLength], new float[s.WeightLength], new float[s.OutChannels]);
            float[] workspace = new float[s.Workspace];
            Conv2d.Forward<TVector>(r.Output, Input, Weight, Bias, workspace, s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.KernelSize, s.Stride, s.Padding);
            Conv2d.Backward<TVector>(r.DInput, r.DWeight, r.DBias, DOutput, Input, Weight, workspace, s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.KernelSize, s.Stride, s.Padding);
            return r;
        }

        private static void Reference(ConvShape s, double[] output, double[] dInput, double[] dWeight, double[] dBias, double[] input, double[] weight, double[] bias, double[] dOutput)
        {
            Conv2dReference.Forward<double>(output, input, weight, bias, s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.KernelSize, s.Stride, s.Padding);
            Conv2dReference.Backward<double>(dInput, dWeight, dBias, dOutput, input, weight, s.Batch, s.InChannels, s.InHeight, s.InWidth, s.OutChannels, s.KernelSize, s.Stride, s.Padding);
        }
    }

    /// <summary>One fully-connected shape with float inputs and its float64 reference results and magnitudes.</summary>
    private sealed record FcData(int Batch, int In, int Out, float[] Input, float[] Weight, float[] Bias, float[] DOutput,
        double[] Output, double[] OutputMagnitude, double[] DInput, double[] DInputMagnitude, double[] DWeight, double[] DWeightMagnitude, double[] DBias, double[] DBiasMagnitude)
    {
        public static FcData Create((int Batch, int In, int Out) shape)
        {
            (int batch, int inFeatures, int outFeatures) = shape;
            var random = new Random(batch * 31 + inFeatures);
            float[] input = KernelAssert.RandomFloats(random, batch * inFeatures), weight = KernelAssert.RandomFloats(random, outFeatures * inFeatures);
            float[] bias = KernelAssert.RandomFloats(random, outFeatures), dOutput = KernelAssert.RandomFloats(random, batch * outFeatures);
            double[] x = KernelAssert.ToDouble(input), w = KernelAssert.ToDouble(weight), b = KernelAssert.ToDouble(bias), d = KernelAssert.ToDouble(dOutput);
            var (output, outputMagnitude) = (new double[batch * outFeatures], new double[batch * outFeatures]);
            var (dInput, dInputMagnitude) = (new double[x.Length], new double[x.Length]);
            var (dWeight, dWeightMagnitude) = (new double[w.Length], new double[w.Length]);
            var (dBias, dBiasMagnitude) = (new double[outFeatures], new double[outFeatures]);
            FullyConnectedReference.Forward<double>(output, x, w, b, batch, inFeatures, outFeatures);
            FullyConnectedReference.Forward<double>(outputMagnitude, KernelAssert.Abs(x), KernelAssert.Abs(w), KernelAssert.Abs(b), batch, inFeatures, outFeatures);
            FullyConnectedReference.Backward<double>(dInput, dWeight, dBias, d, x, w, batch, inFeatures, outFeatures);
            FullyConnectedReference.Backward<double>(dInputMagnitude, dWeightMagnitude, dBiasMagnitude, KernelAssert.Abs(d), KernelAssert.Abs(x), KernelAssert.Abs(w), batch, inFeatures, outFeatures);
            return new FcData(batch, inFeatures, outFeatures, input, weight, bias, dOutput, output, outputMagnitude, dInput, dInputMagnitude, dWeight, dWeightMagnitude, dBias, dBiasMagnitude);
        }

        public FcResult Run()
        {
            float[] output = new float[Batch * Out], dInput = new float[Batch * In], dWeight = new float[Out * In], dBias = new float[Out];
            FullyConnected.Forward(output, Input, Weight, Bias, Batch, In, Out);
            FullyConnected.Backward(dInput, dWeight, dBias, DOutput, Input, Weight, Batch, In, Out);
            return new FcResult(output, dInput, dWeight, dBias);
        }

        public FcResult Run<TVector>()
            where TVector : struct, IVector<TVector>
        {
            float[] output = new float[Batch * Out], dInput = new float[Batch * In], dWeight = new float[Out * In], dBias = new float[Out];
            FullyConnected.Forward<TVector>(output, Input, Weight, Bias, Batch, In, Out);
            FullyConnected.Backward<TVector>(dInput, dWeight, dBias, DOutput, Input, Weight, Batch, In, Out);
            return new FcResult(output, dInput, dWeight, dBias);
        }
    }

    private readonly struct ConvCheck : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector>
        {
            foreach (ConvData c in Convs.Value)
            {
                ConvShape s = c.Shape;
                foreach (int count in Counts)
                {
                    ConvResult r = RunAt(count, () => c.Run<TVector>());
                    string context = $"{s} at count {count}";
                    int positions = s.Batch * s.OutHeight * s.OutWidth;
                    KernelAssert.CloseToReference(r.Output, c.Output, c.OutputMagnitude, s.InChannels * s.KernelSize * s.KernelSize, $"output {context}");
                    KernelAssert.CloseToReference(r.DWeight, c.DWeight, c.DWeightMagnitude, positions, $"dWeight {context}");
                    KernelAssert.CloseToReference(r.DBias, c.DBias, c.DBiasMagnitude, positions, $"dBias {context}");
                    KernelAssert.CloseToReference(r.DInput, c.DInput, c.DInputMagnitude, s.OutChannels * s.KernelSize * s.KernelSize, $"dInput {context}");
                }
            }
        }
    }

    private readonly struct FcCheck : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector>
        {
            foreach (FcData f in Fcs.Value)
            {
                foreach (int count in Counts)
                {
                    FcResult r = RunAt(count, () => f.Run<TVector>());
                    string context = $"batch={f.Batch} in={f.In} out={f.Out} at count {count}";
                    KernelAssert.CloseToReference(r.Output, f.Output, f.OutputMagnitude, f.In, $"output {context}");
                    KernelAssert.CloseToReference(r.DInput, f.DInput, f.DInputMagnitude, f.Out, $"dInput {context}");
                    KernelAssert.CloseToReference(r.DWeight, f.DWeight, f.DWeightMagnitude, f.Batch, $"dWeight {context}");
                    KernelAssert.CloseToReference(r.DBias, f.DBias, f.DBiasMagnitude, f.Batch, $"dBias {context}");
                }
            }
        }
    }

    private readonly struct PoolCheck : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector>
        {
            var random = new Random(8);
            foreach (var p in PoolShapes)
            {
                int outHeight = MaxPool2dReference.OutputSize(p.Height, p.Size, p.Stride), outWidth = MaxPool2dReference.OutputSize(p.Width, p.Size, p.Stride);
                float[] input = KernelAssert.RandomFloats(random, p.Batch * p.Channels * p.Height * p.Width);
                float[] dOutput = KernelAssert.RandomFloats(random, p.Batch * p.Channels * outHeight * outWidth);
                double[] x = KernelAssert.ToDouble(input), d = KernelAssert.ToDouble(dOutput);
                var expectedOutput = new double[dOutput.Length];
                var (expectedDInput, magnitude) = (new double[input.Length], new double[input.Length]);
                MaxPool2dReference.Forward<double>(expectedOutput, x, p.Batch, p.Channels, p.Height, p.Width, p.Size, p.Stride);
                MaxPool2dReference.Backward<double>(expectedDInput, d, x, p.Batch, p.Channels, p.Height, p.Width, p.Size, p.Stride);
                MaxPool2dReference.Backward<double>(magnitude, KernelAssert.Abs(d), x, p.Batch, p.Channels, p.Height, p.Width, p.Size, p.Stride);
                int overlap = (p.Size + p.Stride - 1) / p.Stride;
                foreach (int count in Counts)
                {
                    float[] output = new float[dOutput.Length], dInput = new float[input.Length];
                    Array.Fill(dInput, float.NaN); // every element must be written, not added to
                    KernelThreadsCollection.WithCount(count, () =>
                    {
                        MaxPool2d.Forward<TVector>(output, input, p.Batch, p.Channels, p.Height, p.Width, p.Size, p.Stride);
                        MaxPool2d.Backward<TVector>(dInput, dOutput, input, output, p.Batch, p.Channels, p.Height, p.Width, p.Size, p.Stride);
                    });
                    KernelAssert.Identical(output, expectedOutput, $"output {p} at count {count}");
                    KernelAssert.CloseToReference(dInput, expectedDInput, magnitude, overlap * overlap, $"dInput {p} at count {count}");
                }
            }
        }
    }
}
