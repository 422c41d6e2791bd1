using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Microsoft.ML.OnnxRuntime;
using StaticNets.Benchmarks.Networks;
using StaticNets.Kernels;
using StaticNets.Onnx;

namespace StaticNets.Benchmarks.Compare;

/// <summary>
/// <c>-- --compare</c>: each reference network's inference in StaticNets and, with the same weights exported to ONNX,
/// in ONNX Runtime's CPU provider, in one process. Checks that the outputs agree before timing anything.
/// </summary>
internal static class CompareReport
{
    private const int Seed = 1;
    private const int LargeBatch = 64;
    private const float Tolerance = 1e-4f;
    private static readonly int[] Batches = { 1, LargeBatch };
    private static readonly int[] ThreadCounts = { 1, 2 };

    private sealed record Row(string Network, int Batch, int Threads, double StaticNetsMicroseconds, double OnnxMicroseconds, long MacsPerExample);

    public static void Write(TextWriter output)
    {
        double peak = FmaPeakProbe.MeasureGflops();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"FMA peak probe: {peak:F1} GFLOP/s on one core ({FmaPeakProbe.VectorBits}-bit vectors, 10 accumulators, 0.2 s)"));
        output.WriteLine($"ONNX Runtime {OrtEnv.Instance().GetVersionString()}, CPU provider, ORT_ENABLE_ALL, inter-op threads 1.");
        output.WriteLine("Both libraries run with the row's thread count: KernelThreads.Count for StaticNets, IntraOpNumThreads for ONNX Runtime.");
        output.WriteLine();

        var rows = new List<Row>();
        rows.AddRange(Measure("mlp2", new Mlp2Network(LargeBatch), 308_200));
        rows.AddRange(Measure("lenet5", new Lenet5Network(LargeBatch), 416_520));
        rows.AddRange(Measure("cifar", new CifarNetwork(LargeBatch), 39_160_320));
        WriteTable(output, rows, peak);
    }

    private static IEnumerable<Row> Measure(string name, INetwork network, long macsPerExample)
    {
        network.InitializeParameters(Seed);
        byte[] model = OnnxExporter.Export(network);

        var random = new Random(Seed);
        var input = new float[LargeBatch * network.InputLength];
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = (float)random.NextDouble() - 0.5f;
        }

        var rows = new List<Row>();
        foreach (int threads in ThreadCounts)
        {
            // Each library gets the row's threads: StaticNets' kernels through KernelThreads (process-wide; this
            // program sets nothing else), ONNX Runtime through its session options.
            KernelThreads.Count = threads;
            using var options = new SessionOptions
            {
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                IntraOpNumThreads = threads,
                InterOpNumThreads = 1,
            };
            options.AppendExecutionProvider_CPU();
            using var session = new InferenceSession(model, options);
            foreach (int batch in Batches)
            {
                using var runner = new OnnxRunner(session, input.AsMemory(0, batch * network.InputLength), network.InputLength, network.OutputLength, batch);
                float[] staticNetsOutput = new float[batch * network.OutputLength];
                ReadOnlyMemory<float> batchInput = input.AsMemory(0, batch * network.InputLength);
                void StaticNetsForward() => network.Forward(batchInput.Span, staticNetsOutput, batch);

                StaticNetsForward();
                runner.Run();
                CheckAgreement(name, batch, threads, staticNetsOutput, runner.Output);

                double staticNets = MedianTimer.MedianMicroseconds(StaticNetsForward);

                double onnx = MedianTimer.MedianMicroseconds(runner.Run);
                CheckAgreement(name, batch, threads, staticNetsOutput, runner.Output);
                rows.Add(new Row(name, batch, threads, staticNets, onnx, macsPerExample));
                Console.Error.WriteLine($"  measured {name} batch {batch} threads {threads}");
            }
        }
        return rows;
    }

    private static void CheckAgreement(string name, int batch, int threads, float[] expected, float[] actual)
    {
        float max = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            float difference = MathF.Abs(expected[i] - actual[i]);
            max = float.IsNaN(difference) ? float.PositiveInfinity : MathF.Max(max, difference);
        }
        if (!(max < Tolerance))
        {
            throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                $"{name} batch {batch} threads {threads}: StaticNets and ONNX Runtime outputs differ by {max:G3} (limit {Tolerance:G3}); the timings would compare different computations."));
        }
    }

    private static void WriteTable(TextWriter output, List<Row> rows, double peak)
    {
        output.WriteLine("| Network | Batch | Threads | StaticNets median | ONNX Runtime median | Ratio SN/ORT | StaticNets GFLOP/s (% peak) | ONNX Runtime GFLOP/s (% peak) |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (Row row in rows)
        {
            double flops = 2.0 * row.MacsPerExample * row.Batch;
            double staticNetsGflops = flops / row.StaticNetsMicroseconds / 1e3;
            double onnxGflops = flops / row.OnnxMicroseconds / 1e3;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {row.Network} | {row.Batch} | {row.Threads} | {FormatTime(row.StaticNetsMicroseconds)} | {FormatTime(row.OnnxMicroseconds)} | {row.StaticNetsMicroseconds / row.OnnxMicroseconds:F2} | {staticNetsGflops:F1} ({staticNetsGflops / peak:P0}) | {onnxGflops:F1} ({onnxGflops / peak:P0}) |"));
        }
        output.WriteLine();
        output.WriteLine("Ratio below 1: StaticNets is faster. % peak is of the one-core FMA probe, also for ONNX Runtime at 2 threads.");
    }

    private static string FormatTime(double microseconds) => microseconds >= 1000
        ? string.Create(CultureInfo.InvariantCulture, $"{microseconds / 1000:F2} ms")
        : string.Create(CultureInfo.InvariantCulture, $"{microseconds:F1} µs");
}
