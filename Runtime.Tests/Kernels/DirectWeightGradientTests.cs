using System;
using StaticNets.Kernels;

namespace StaticNets.Runtime.Tests.Kernels;

public class DirectWeightGradientTests
{
    // (batch, inC, h, w, outC, k, padding), stride 1: channel counts around the 4-channel block, kernels around the
    // 5-tap block (k = 7 splits a filter row into 5 + 2), grids that end mid-vector, lenet5's two layers, and batches
    // of 37 and exactly 16 (the block of examples laid out together, ragged and whole).
    private static readonly (int Batch, int InC, int H, int W, int OutC, int K, int Pad)[] Shapes =
    [
        (3, 1, 28, 28, 6, 5, 2), (2, 6, 14, 14, 16, 5, 0), (2, 3, 9, 7, 5, 3, 1), (1, 2, 6, 11, 7, 7, 3), (3, 1, 1, 1, 3, 3, 1),
        (2, 5, 5, 17, 2, 2, 0), (1, 4, 8, 8, 9, 5, 2), (2, 2, 4, 4, 1, 1, 0), (37, 2, 6, 6, 5, 5, 2), (16, 1, 7, 9, 4, 5, 1),
    ];

    [Theory]
    [MemberData(nameof(VectorWidths.All), MemberType = typeof(VectorWidths))]
    public void WeightAndBiasGradientsMatchFloat64Reference(int bits) => VectorWidths.Run(bits, new Check());

    private readonly struct Check : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector>
        {
            var random = new Random(17);
            foreach (var (batch, inC, h, w, outC, k, pad) in Shapes)
            {
                var g = new ConvGeometry(inC, h, w, outC, k, 1, pad);
                Assert.True(DirectWeightGradient.Supports(g));
                float[] input = KernelAssert.RandomFloats(random, batch * g.InputLength);
                float[] dOutput = KernelAssert.RandomFloats(random, batch * g.OutputLength);
                float[] weight = new float[outC * g.ColumnRows];
                var (dWeight, dBias) = (new double[weight.Length], new double[outC]);
                var (magnitude, biasMagnitude) = (new double[weight.Length], new double[outC]);
                Conv2dReference.Backward<double>(new double[input.Length], dWeight, dBias, KernelAssert.ToDouble(dOutput), KernelAssert.ToDouble(input), KernelAssert.ToDouble(weight), batch, inC, h, w, outC, k, 1, pad);
                Conv2dReference.Backward<double>(new double[input.Length], magnitude, biasMagnitude, KernelAssert.Abs(KernelAssert.ToDouble(dOutput)), KernelAssert.Abs(KernelAssert.ToDouble(input)), KernelAssert.ToDouble(weight), batch, inC, h, w, outC, k, 1, pad);

                // Poisoned outputs and workspace: every weight must be written, no stale scratch read.
                float[] actualWeight = new float[weight.Length], actualBias = new float[outC];
                Array.Fill(actualWeight, float.NaN);
                Array.Fill(actualBias, float.NaN);
                float[] workspace = new float[DirectWeightGradient.WorkspaceLength(g)];
                Array.Fill(workspace, float.NaN);
                DirectWeightGradient.Run<TVector>(actualWeight, actualBias, dOutput, input, workspace, 0, batch, g);

                string context = $"batch={batch} inC={inC} {h}x{w} outC={outC} k={k} pad={pad}";
                KernelAssert.CloseToReference(actualWeight, dWeight, magnitude, batch * g.Positions, "dWeight " + context);
                KernelAssert.CloseToReference(actualBias, dBias, biasMagnitude, batch * g.Positions, "dBias " + context);
            }
        }
    }
}
