using System;
using StaticNets.Kernels;

namespace StaticNets.Runtime.Tests.Kernels;

public class GemmTests
{
    // Sizes around every vector width (4, 8, 16 floats), the 2-vector panels, the 6-row and 4×3 tiles, plus 0 and 1.
    private static readonly int[] Rows = [0, 1, 2, 3, 4, 5, 6, 7, 11, 13, 17, 64];
    private static readonly int[] Columns = [0, 1, 3, 4, 7, 8, 9, 15, 16, 17, 31, 32, 33, 48, 63, 65, 70];
    private static readonly int[] Depths = [0, 1, 2, 5, 8, 15, 16, 17, 33, 64, 70];

    // Shapes that cross the packed kernel's blocks: more than one 144-row block of A, 512-column block of B and
    // 256-step depth block, with ragged ends everywhere.
    private static readonly (int M, int N, int K)[] BlockShapes = [(12, 32, 256), (145, 513, 257), (150, 1030, 600), (25, 544, 70), (300, 40, 513)];

    // Forms and kernels by name: the enums are internal and xUnit's theories are public.
    public static TheoryData<int, string, string> WidthsFormsAndKernels()
    {
        var data = new TheoryData<int, string, string>();
        foreach (int bits in new[] { 512, 256, 128, 32 })
        {
            foreach (string form in Enum.GetNames<GemmForm>())
            {
                data.Add(bits, form, nameof(GemmKernel.Direct));
                data.Add(bits, form, nameof(GemmKernel.Packed));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WidthsFormsAndKernels))]
    public void ProductMatchesReferenceForEveryShape(int bits, string form, string kernel) =>
        VectorWidths.Run(bits, new SweepCheck(Enum.Parse<GemmForm>(form), Enum.Parse<GemmKernel>(kernel), Sweep()));

    [Theory]
    [MemberData(nameof(WidthsFormsAndKernels))]
    public void ProductMatchesReferenceAcrossPackedBlocks(int bits, string form, string kernel) =>
        VectorWidths.Run(bits, new SweepCheck(Enum.Parse<GemmForm>(form), Enum.Parse<GemmKernel>(kernel), BlockShapes));

    [Theory]
    [MemberData(nameof(WidthsFormsAndKernels))]
    public void EpilogueAddsBiasThenClampsAfterTheWholeSum(int bits, string form, string kernel) =>
        VectorWidths.Run(bits, new EpilogueCheck(Enum.Parse<GemmForm>(form), Enum.Parse<GemmKernel>(kernel)));

    [Fact]
    public void ShapeChoosesPackingOnlyWhereItWasMeasuredFaster()
    {
        Assert.True(Gemm.PacksB(GemmForm.AB, 32, 1024, 27));      // cifar conv1 forward
        Assert.True(Gemm.PacksB(GemmForm.ABt, 128, 1152, 64));    // cifar conv6 weight gradient
        Assert.False(Gemm.PacksB(GemmForm.ABt, 32, 288, 1024));   // cifar conv2 weight gradient: long k
        Assert.False(Gemm.PacksB(GemmForm.AB, 16, 100, 150));     // lenet5 conv2 forward: fits in cache
        Assert.False(Gemm.PacksB(GemmForm.ABt, 1, 120, 400));     // a fully-connected layer at batch 1
    }

    [Fact]
    public void EpilogueWithWrongBiasLengthNamesIt()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Gemm.Product<ScalarOps>(GemmForm.AB, new float[6], new float[8], new float[12], 2, 3, 4, false, new GemmEpilogue(new float[3], default, relu: false)));
        Assert.Equal("rowBias", error.ParamName);
        Assert.StartsWith("rowBias must hold 2 floats (m = 2) or be empty, got 3", error.Message, StringComparison.Ordinal);
    }

    private static (int M, int N, int K)[] Sweep()
    {
        var shapes = new System.Collections.Generic.List<(int, int, int)>();
        foreach (int m in Rows)
        {
            foreach (int n in Columns)
            {
                foreach (int k in Depths)
                {
                    shapes.Add((m, n, k));
                }
            }
        }

        return [.. shapes];
    }

    private static void Reference(GemmForm form, double[] c, double[] a, double[] b, int m, int n, int k, bool accumulate)
    {
        switch (form)
        {
            case GemmForm.AB: GemmReference.Multiply<double>(c, a, b, m, n, k, accumulate); break;
            case GemmForm.AtB: GemmReference.MultiplyTransposedA<double>(c, a, b, m, n, k, accumulate); break;
            default: GemmReference.MultiplyTransposedB<double>(c, a, b, m, n, k, accumulate); break;
        }
    }

    [Fact]
    public void EmptySumClearsOrKeepsC()
    {
        float[] c = [1, 2, 3, 4];
        Gemm.Multiply<Vector512Ops>(c, [], [], 2, 2, 0, accumulate: true);
        Assert.Equal([1f, 2, 3, 4], c);
        Gemm.MultiplyTransposedB<Vector256Ops>(c, [], [], 2, 2, 0, accumulate: false);
        Assert.Equal([0f, 0, 0, 0], c);
    }

    [Fact]
    public void WrongLengthNamesOperandAndExpectedLength()
    {
        var error = Assert.Throws<ArgumentException>(() => Gemm.Multiply<ScalarOps>(new float[6], new float[5], new float[12], 2, 3, 4, false));
        Assert.Equal("a", error.ParamName);
        Assert.StartsWith("a must hold 8 floats (m*k = 2*4), got 5", error.Message, StringComparison.Ordinal);
    }

    private readonly record struct SweepCheck(GemmForm Form, GemmKernel Kernel, (int M, int N, int K)[] Shapes) : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector>
        {
            var random = new Random(1234);
            foreach ((int m, int n, int k) in Shapes)
            {
                bool accumulate = (m + n + k) % 2 == 1;
                float[] a = KernelAssert.RandomFloats(random, m * k);
                float[] b = KernelAssert.RandomFloats(random, k * n);
                float[] c = KernelAssert.RandomFloats(random, m * n);
                double[] expected = KernelAssert.ToDouble(c);
                double[] magnitude = KernelAssert.Abs(expected);
                Reference(Form, expected, KernelAssert.ToDouble(a), KernelAssert.ToDouble(b), m, n, k, accumulate);
                Reference(Form, magnitude, KernelAssert.Abs(KernelAssert.ToDouble(a)), KernelAssert.Abs(KernelAssert.ToDouble(b)), m, n, k, accumulate);
                Gemm.Product<TVector>(Form, c, a, b, m, n, k, accumulate, GemmEpilogue.None, Kernel);
                KernelAssert.CloseToReference(c, expected, magnitude, k, $"{Form} {Kernel} m={m} n={n} k={k} accumulate={accumulate}");
            }
        }
    }

    // bias and ReLU must apply to the finished sum (all depth blocks, plus C's old value when accumulating), once.
    private readonly record struct EpilogueCheck(GemmForm Form, GemmKernel Kernel) : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector>
        {
            var random = new Random(99);
            foreach ((int m, int n, int k) in new[] { (7, 70, 33), (30, 600, 300), (13, 17, 0) })
            {
                foreach (bool byRow in new[] { true, false })
                {
                    foreach (bool accumulate in new[] { false, true })
                    {
                        float[] a = KernelAssert.RandomFloats(random, m * k);
                        float[] b = KernelAssert.RandomFloats(random, k * n);
                        float[] c = KernelAssert.RandomFloats(random, m * n);
                        float[] bias = KernelAssert.RandomFloats(random, byRow ? m : n, scale: 4);
                        double[] expected = KernelAssert.ToDouble(c);
                        double[] magnitude = KernelAssert.Abs(expected);
                        Reference(Form, expected, KernelAssert.ToDouble(a), KernelAssert.ToDouble(b), m, n, k, accumulate);
                        Reference(Form, magnitude, KernelAssert.Abs(KernelAssert.ToDouble(a)), KernelAssert.Abs(KernelAssert.ToDouble(b)), m, n, k, accumulate);
                        int negatives = 0;
                        for (int i = 0; i < m; i++)
                        {
                            for (int j = 0; j < n; j++)
                            {
                                double sum = expected[i * n + j] + bias[byRow ? i : j];
                                negatives += sum < 0 ? 1 : 0;
                                expected[i * n + j] = Math.Max(sum, 0);
                                magnitude[i * n + j] += Math.Abs(bias[byRow ? i : j]);
                            }
                        }

                        var epilogue = byRow ? new GemmEpilogue(bias, default, relu: true) : new GemmEpilogue(default, bias, relu: true);
                        Gemm.Product<TVector>(Form, c, a, b, m, n, k, accumulate, epilogue, Kernel);
                        KernelAssert.CloseToReference(c, expected, magnitude, k + 1, $"{Form} {Kernel} m={m} n={n} k={k} byRow={byRow} accumulate={accumulate}");
                        Assert.InRange(negatives, m * n / 10, m * n - (m * n / 10));
                    }
                }
            }
        }
    }
}
