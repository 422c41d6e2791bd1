using System;
using StaticNets.Kernels;

namespace StaticNets.Runtime.Tests.Kernels;

public class GemmTests
{
    // Sizes around every vector width (4, 8, 16 floats), the 2-vector panels, the 6-row and 4×3 tiles, plus 0 and 1.
    private static readonly int[] Rows = [0, 1, 2, 3, 4, 5, 6, 7, 11, 13, 17, 64];
    private static readonly int[] Columns = [0, 1, 3, 4, 7, 8, 9, 15, 16, 17, 31, 32, 33, 48, 63, 65, 70];
    private static readonly int[] Depths = [0, 1, 2, 5, 8, 15, 16, 17, 33, 64, 70];

    private enum Form { AB, AtB, ABt }

    [Theory]
    [MemberData(nameof(VectorWidths.All), MemberType = typeof(VectorWidths))]
    public void ProductMatchesReferenceForEveryShape(int bits) => VectorWidths.Run(bits, new SweepCheck(Form.AB));

    [Theory]
    [MemberData(nameof(VectorWidths.All), MemberType = typeof(VectorWidths))]
    public void ProductWithTransposedAMatchesReferenceForEveryShape(int bits) => VectorWidths.Run(bits, new SweepCheck(Form.AtB));

    [Theory]
    [MemberData(nameof(VectorWidths.All), MemberType = typeof(VectorWidths))]
    public void ProductWithTransposedBMatchesReferenceForEveryShape(int bits) => VectorWidths.Run(bits, new SweepCheck(Form.ABt));

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

    private readonly record struct SweepCheck(Form Form) : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector>
        {
            var random = new Random(1234);
            int shapes = 0;
            foreach (int m in Rows)
            {
                foreach (int n in Columns)
                {
                    foreach (int k in Depths)
                    {
                        bool accumulate = (m + n + k) % 2 == 1;
                        float[] a = KernelAssert.RandomFloats(random, m * k);
                        float[] b = KernelAssert.RandomFloats(random, k * n);
                        float[] c = KernelAssert.RandomFloats(random, m * n);
                        double[] expected = KernelAssert.ToDouble(c);
                        double[] magnitude = KernelAssert.Abs(expected);
                        Reference(expected, KernelAssert.ToDouble(a), KernelAssert.ToDouble(b), m, n, k, accumulate);
                        Reference(magnitude, KernelAssert.Abs(KernelAssert.ToDouble(a)), KernelAssert.Abs(KernelAssert.ToDouble(b)), m, n, k, accumulate);
                        switch (Form)
                        {
                            case Form.AB: Gemm.Multiply<TVector>(c, a, b, m, n, k, accumulate); break;
                            case Form.AtB: Gemm.MultiplyTransposedA<TVector>(c, a, b, m, n, k, accumulate); break;
                            default: Gemm.MultiplyTransposedB<TVector>(c, a, b, m, n, k, accumulate); break;
                        }

                        KernelAssert.CloseToReference(c, expected, magnitude, k, $"{Form} m={m} n={n} k={k} accumulate={accumulate}");
                        shapes++;
                    }
                }
            }

            Assert.Equal(Rows.Length * Columns.Length * Depths.Length, shapes);
        }

        private void Reference(double[] c, double[] a, double[] b, int m, int n, int k, bool accumulate)
        {
            switch (Form)
            {
                case Form.AB: GemmReference.Multiply<double>(c, a, b, m, n, k, accumulate); break;
                case Form.AtB: GemmReference.MultiplyTransposedA<double>(c, a, b, m, n, k, accumulate); break;
                default: GemmReference.MultiplyTransposedB<double>(c, a, b, m, n, k, accumulate); break;
            }
        }
    }
}
