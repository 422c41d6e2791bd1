using System;
using System.Linq;
using BenchmarkDotNet.Running;
using StaticNets.Benchmarks.Compare;
using StaticNets.Benchmarks.Generation;

namespace StaticNets.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project Benchmarks -- --filter '*Generation*'</c> runs the generator benchmarks,
/// <c>--filter '*Networks*' '*Kernels*'</c> the reference networks and their kernels;
/// <c>-- --stages</c> prints the per-step split of a generator run instead, <c>-- --compare</c> the reference networks
/// in StaticNets against ONNX Runtime (see docs/benchmarks.md).
/// </summary>
internal static class Program
{
    private const string StagesSwitch = "--stages";
    private const string CompareSwitch = "--compare";

    private static void Main(string[] args)
    {
        if (args.Contains(StagesSwitch, StringComparer.Ordinal))
        {
            GenerationStageReport.Write(Console.Out);
            return;
        }
        if (args.Contains(CompareSwitch, StringComparer.Ordinal))
        {
            CompareReport.Write(Console.Out);
            return;
        }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
