using System;
using StaticNets.Kernels;

namespace StaticNets.Runtime.Tests.Kernels;

public class DirectConv2dTests
{
    // (batch, inC, h, w, outC, k, padding): channel counts around the 4-channel block, heights around the 3-row block,
    // widths below, at and above each vector width (including rows narrower than a vector), lenet5's two layers.
    private static readonly (int Batch, int InC, int H, int W, int OutC, int K, int Pad)[] Shapes =
    [
        (1, 1, 28, 28, 6, 5, 2), (1, 6, 14, 14, 16, 5, 0), (2, 3, 7, 5, 5, 3, 1), (1, 2, 4, 4, 7, 3, 0), (3, 1, 1, 1, 3, 3, 1),
        (1, 5, 9, 17, 2, 3, 1), (2, 2, 6, 33, 9, 1, 0), (1, 3, 10, 40, 4, 5, 2), (1, 1, 5, 16, 1, 2, 0), (1, 4, 8, 8, 8, 3, 1),
    ];

    [Theory]
    [MemberData(nameof(VectorWidths.All), MemberType = typeof(VectorWidths))]
    public void ForwardMatchesFloat64Reference(int bits) => VectorWidths.Run(bits, new ForwardCheck(Relu: false));

    [Theory]
    [MemberData(nameof(VectorWidths.All), MemberType = typeof(VectorWidths))]
    public void FusedReluClampsTheBiasedSum(int bits) => VectorWidths.Run(bits, new ForwardCheck(Relu: true));

    private readonly record struct ForwardCheck(bool Relu) : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector>
        {
            var random = new Random(21);
            foreach (var (batch, inC, h, w, outC, k, pad) in Shapes)
            {
                var g = new ConvGeometry(inC, h, w, outC, k, 1, pad);
                float[] input = KernelAssert.RandomFloats(random, batch * g.InputLength);
                float[] weight = KernelAssert.RandomFloats(random, outC * g.ColumnRows);
                float[] bias = KernelAssert.RandomFloats(random, outC);
                var expected = new double[batch * g.OutputLength];
                var magnitude = new double[expected.Length];
                Conv2dReference.Forward<double>(expected, KernelAssert.ToDouble(input), KernelAssert.ToDouble(weight), KernelAssert.ToDouble(bias), batch, inC, h, w, outC, k, 1, pad);
                Conv2dReference.Forward<double>(magnitude, KernelAssert.Abs(KernelAssert.ToDouble(input)), KernelAssert.Abs(KernelAssert.ToDouble(weight)), KernelAssert.Abs(KernelAssert.ToDouble(bias)), batch, inC, h, w, outC, k, 1, pad);
                if (Relu)
                {
                    Assert.Contains(expected, v => v < 0);
                    for (int i = 0; i < expected.Length; i++)
                    {
                        expected[i] = Math.Max(expected[i], 0);
                    }
                }

                // Poisoned output and workspace: every output must be written and no stale workspace value read.
                float[] output = new float[expected.Length];
                Array.Fill(output, float.NaN);
                float[] workspace = new float[DirectConv2d.WorkspaceLength(inC, h, w, pad)];
                Array.Fill(workspace, float.NaN);
                DirectConv2d.Forward<TVector>(output, input, weight, bias, workspace, batch, g, Relu);
                KernelAssert.CloseToReference(output, expected, magnitude, g.ColumnRows + 1, $"batch={batch} inC={inC} {h}x{w} outC={outC} k={k} pad={pad} relu={Relu}");
            }
        }
    }
}
