using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using StaticNets.Benchmarks.Networks;
using StaticNets.Kernels;

namespace StaticNets.Benchmarks.Kernels;

/// <summary>
/// The SGEMM alone on the products the reference networks compute, with each kernel forced (the direct kernels
/// that read the operands in place, and the packed one), so the shape rule in <c>Gemm.PacksB</c> can be checked
/// against the numbers. <c>Auto</c> is what the layers get.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ComputeConfig))]
public class GemmKernelBenchmarks
{
    private float[] _a = null!;
    private float[] _b = null!;
    private float[] _c = null!;

    public static IEnumerable<GemmShape> Shapes => GemmShape.ReferenceNetworks;

    [ParamsSource(nameof(Shapes))]
    public GemmShape Shape { get; set; } = GemmShape.ReferenceNetworks[0];

    [Params("Direct", "Packed", "Auto")]
    public string Kernel { get; set; } = "Auto";

    [GlobalSetup]
    public void Setup()
    {
        _a = KernelData.Random(Shape.M * Shape.K, seed: 1);
        _b = KernelData.Random(Shape.K * Shape.N, seed: 2);
        _c = new float[Shape.M * Shape.N];
    }

    [Benchmark]
    public void Product()
    {
        // At the width the layers run at on this machine.
        var kernel = System.Enum.Parse<GemmKernel>(Kernel);
        switch (VectorDispatch.Best)
        {
            case VectorWidth.Bits512: Gemm.Product<Vector512Ops>(Shape.GemmForm, _c, _a, _b, Shape.M, Shape.N, Shape.K, accumulate: false, GemmEpilogue.None, kernel); break;
            case VectorWidth.Bits256: Gemm.Product<Vector256Ops>(Shape.GemmForm, _c, _a, _b, Shape.M, Shape.N, Shape.K, accumulate: false, GemmEpilogue.None, kernel); break;
            case VectorWidth.Bits128: Gemm.Product<Vector128Ops>(Shape.GemmForm, _c, _a, _b, Shape.M, Shape.N, Shape.K, accumulate: false, GemmEpilogue.None, kernel); break;
            default: Gemm.Product<ScalarOps>(Shape.GemmForm, _c, _a, _b, Shape.M, Shape.N, Shape.K, accumulate: false, GemmEpilogue.None, kernel); break;
        }
    }
}
