using System;
using StaticNets.Kernels;

namespace StaticNets.Runtime.Tests.Kernels;

public class MaxoutTests
{
    [Theory]
    [MemberData(nameof(VectorWidths.All), MemberType = typeof(VectorWidths))]
    public void ForwardAndBackwardEqualTheReferenceForEveryShape(int bits) => VectorWidths.Run(bits, new SweepCheck());

    [Fact]
    public void BackwardRoutesGradientToTheFirstMaximumPiece()
    {
        // Two units of four pieces: [1, 7, 7, 2] ties at pieces 1 and 2; [5, 5, 5, 5] ties everywhere.
        float[] preActivations = [1, 7, 7, 2, 5, 5, 5, 5];
        float[] output = new float[2];
        Maxout.Forward(output, preActivations, 1, 2, 4);
        Assert.Equal([7f, 5f], output);

        float[] dPreActivations = new float[8];
        Maxout.Backward(dPreActivations, [10f, 20f], preActivations, 1, 2, 4);
        Assert.Equal([0f, 10f, 0f, 0f, 20f, 0f, 0f, 0f], dPreActivations);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void ReferenceBackwardMatchesCentredDifferences(int pieces)
    {
        // Distinct values spaced 0.01 apart, far more than the step, so no group's maximum changes under the probe.
        const int Batch = 3, Units = 5;
        var random = new Random(41);
        double[] preActivations = new double[Batch * Units * pieces];
        for (int i = 0; i < preActivations.Length; i++)
        {
            preActivations[i] = 0.01 * i - 0.2;
        }

        random.Shuffle(preActivations);
        double[] r = KernelAssert.RandomWeights(random, Batch * Units);
        var output = new double[Batch * Units];
        double Loss()
        {
            MaxoutReference.Forward<double>(output, preActivations, Batch, Units, pieces);
            return KernelAssert.Dot(r, output);
        }

        var dPreActivations = new double[preActivations.Length];
        MaxoutReference.Backward<double>(dPreActivations, r, preActivations, Batch, Units, pieces);
        KernelAssert.GradientMatchesCentredDifferences(preActivations, dPreActivations, Loss, "dPreActivations");
    }

    [Fact]
    public void WrongSpanLengthsAndPieceCountsThrow()
    {
        KernelAssert.ThrowsForLength("output", "6 floats (batch*units = 2*3), got 5.", () => Maxout.Forward(new float[5], new float[12], 2, 3, 2));
        KernelAssert.ThrowsForLength("preActivations", "12 floats (batch*units*pieces = 2*3*2), got 13.", () => Maxout.Forward(new float[6], new float[13], 2, 3, 2));
        KernelAssert.ThrowsForLength("dPreActivations", "12 floats", () => Maxout.Backward(new float[11], new float[6], new float[12], 2, 3, 2));
        KernelAssert.ThrowsForLength("dOutput", "6 floats", () => Maxout.Backward(new float[12], new float[7], new float[12], 2, 3, 2));
        KernelAssert.ThrowsForLength("preActivations", "12 floats", () => Maxout.Backward(new float[12], new float[6], new float[6], 2, 3, 2));
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Maxout.Forward(new float[6], new float[0], 2, 3, 0));
        Assert.Equal("pieces", error.ParamName);
    }

    private readonly struct SweepCheck : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector>
        {
            // Maxout only selects, so results are bit-identical to the reference; small integers make ties common, which
            // exercises the first-maximum rule. dPreActivations is NaN-filled first to prove every element is written.
            var random = new Random(42);
            int count = 0;
            for (int pieces = 1; pieces <= 5; pieces++)
            {
                foreach (int units in (int[])[1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 33, 40])
                {
                    int batch = 1 + (units + pieces) % 3;
                    float[] preActivations = new float[batch * units * pieces];
                    for (int i = 0; i < preActivations.Length; i++)
                    {
                        preActivations[i] = random.Next(-3, 4);
                    }

                    float[] dOutput = KernelAssert.RandomFloats(random, batch * units);
                    var expectedOutput = new double[batch * units];
                    var expectedGradient = new double[preActivations.Length];
                    MaxoutReference.Forward<double>(expectedOutput, KernelAssert.ToDouble(preActivations), batch, units, pieces);
                    MaxoutReference.Backward<double>(expectedGradient, KernelAssert.ToDouble(dOutput), KernelAssert.ToDouble(preActivations), batch, units, pieces);

                    float[] output = new float[batch * units];
                    float[] dPreActivations = new float[preActivations.Length];
                    Array.Fill(dPreActivations, float.NaN);
                    Maxout.Forward<TVector>(output, preActivations, batch, units, pieces);
                    Maxout.Backward<TVector>(dPreActivations, dOutput, preActivations, batch, units, pieces);
                    string shape = $"batch {batch}, units {units}, pieces {pieces}";
                    KernelAssert.Identical(output, expectedOutput, $"output {shape}");
                    KernelAssert.Identical(dPreActivations, expectedGradient, $"dPreActivations {shape}");
                    count++;
                }
            }

            Assert.Equal(70, count);
        }
    }
}
