using System;
using StaticNets.Kernels;

namespace StaticNets.Runtime.Tests.Kernels;

public class DropoutTests
{
    [Theory]
    [InlineData(0.1f)]
    [InlineData(0.5f)]
    [InlineData(0.8f)]
    public void MaskHoldsZeroOrTheInverseKeepProbabilityInTheRightProportion(float p)
    {
        const int Length = 100_000;
        float[] input = new float[Length], output = new float[Length], mask = new float[Length];
        Array.Fill(input, 3f);
        ulong state = Dropout.InitialState(7);
        Dropout.ForwardTraining(output, mask, input, p, ref state);

        float keep = 1f / (1f - p);
        int kept = 0;
        for (int i = 0; i < Length; i++)
        {
            Assert.True(mask[i] == 0f || mask[i] == keep, $"mask[{i}] = {mask[i]}");
            Assert.Equal(3f * mask[i], output[i]);
            kept += mask[i] == 0f ? 0 : 1;
        }

        // Binomial(n, 1 - p): within 5 standard deviations (a false alarm about once in 1.7 million runs).
        double expected = Length * (1 - p), deviation = Math.Sqrt(Length * p * (1 - p));
        Assert.True(Math.Abs(kept - expected) <= 5 * deviation, $"kept {kept}, expected {expected} ± {deviation:F0}");
    }

    [Fact]
    public void SameStateGivesTheSameMaskAndNextStateAtEveryWidth()
    {
        foreach (int length in (ReadOnlySpan<int>)[0, 1, 7, 16, 33, 511, 512, 513, 1500])
        {
            float[] input = KernelAssert.RandomFloats(new Random(length), length);
            var results = new (float[] Output, float[] Mask, ulong State)[4];
            int index = 0;
            foreach (int bits in VectorWidths.All)
            {
                var check = new DrawCheck(input, 0.3f, Dropout.InitialState(11));
                VectorWidths.Run(bits, check);
                results[index++] = (check.Output, check.Mask, check.State.Value);
            }

            for (int w = 1; w < results.Length; w++)
            {
                Assert.Equal(results[0].Mask, results[w].Mask);
                Assert.Equal(results[0].Output, results[w].Output);
                Assert.Equal(results[0].State, results[w].State);
            }

            Assert.True(length == 0 || results[0].State != Dropout.InitialState(11), "the state advances");
        }
    }

    [Fact]
    public void DrawingInPiecesContinuesOneStream()
    {
        float[] input = KernelAssert.RandomFloats(new Random(3), 1000);
        float[] whole = new float[1000], wholeMask = new float[1000];
        ulong wholeState = Dropout.InitialState(5);
        Dropout.ForwardTraining(whole, wholeMask, input, 0.5f, ref wholeState);

        float[] pieces = new float[1000], piecesMask = new float[1000];
        ulong state = Dropout.InitialState(5);
        Dropout.ForwardTraining(pieces.AsSpan(0, 300), piecesMask.AsSpan(0, 300), input.AsSpan(0, 300), 0.5f, ref state);
        Dropout.ForwardTraining(pieces.AsSpan(300), piecesMask.AsSpan(300), input.AsSpan(300), 0.5f, ref state);
        Assert.Equal(wholeMask, piecesMask);
        Assert.Equal(whole, pieces);
        Assert.Equal(wholeState, state);
    }

    [Fact]
    public void SeedsGiveDistinctNonZeroStatesAndDistinctMasks()
    {
        Assert.Equal(Dropout.InitialState(42), Dropout.InitialState(42));
        var states = new System.Collections.Generic.HashSet<ulong>();
        for (int seed = -50; seed <= 50; seed++)
        {
            ulong state = Dropout.InitialState(seed);
            Assert.NotEqual(0UL, state);
            Assert.True(states.Add(state), $"seed {seed} repeats a state");
        }

        float[] first = new float[64], second = new float[64];
        ulong a = Dropout.InitialState(1), b = Dropout.InitialState(2);
        Dropout.ForwardTraining(new float[64], first, new float[64], 0.5f, ref a);
        Dropout.ForwardTraining(new float[64], second, new float[64], 0.5f, ref b);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void ZeroProbabilityKeepsEverythingAndRunsInPlace()
    {
        float[] input = KernelAssert.RandomFloats(new Random(9), 100);
        float[] values = (float[])input.Clone(), mask = new float[100];
        ulong state = Dropout.InitialState(0);
        Dropout.ForwardTraining(values, mask, values, 0f, ref state);
        Assert.Equal(input, values);
        Assert.All(mask, m => Assert.Equal(1f, m));
    }

    [Fact]
    public void BackwardMultipliesByTheMaskAndMayRunInPlace()
    {
        float[] mask = [0f, 2f, 2f, 0f];
        float[] dInput = new float[4];
        Dropout.Backward(dInput, [1f, 2f, 3f, 4f], mask);
        Assert.Equal([0f, 4f, 6f, 0f], dInput);

        float[] gradients = [1f, 2f, 3f, 4f];
        Dropout.Backward(gradients, gradients, mask);
        Assert.Equal(dInput, gradients);

        Dropout.Backward([], [], []);
    }

    [Theory]
    [MemberData(nameof(VectorWidths.All), MemberType = typeof(VectorWidths))]
    public void BackwardEqualsTheReferenceAtEveryLengthAndInPlace(int bits) => VectorWidths.Run(bits, new BackwardCheck());

    [Fact]
    public void ReferenceAppliesTheSameMask()
    {
        float[] input = KernelAssert.RandomFloats(new Random(2), 50), output = new float[50], mask = new float[50];
        ulong state = Dropout.InitialState(3);
        Dropout.ForwardTraining(output, mask, input, 0.25f, ref state);
        var expected = new double[50];
        DropoutReference.Forward<double>(expected, KernelAssert.ToDouble(input), KernelAssert.ToDouble(mask));
        KernelAssert.WithinRoundoff(output, expected, 1, "dropout output");

        float[] dOutput = KernelAssert.RandomFloats(new Random(4), 50), dInput = new float[50];
        Dropout.Backward(dInput, dOutput, mask);
        var expectedGradient = new double[50];
        DropoutReference.Backward<double>(expectedGradient, KernelAssert.ToDouble(dOutput), KernelAssert.ToDouble(mask));
        KernelAssert.WithinRoundoff(dInput, expectedGradient, 1, "dropout gradient");
    }

    [Fact]
    public void ReferenceBackwardMatchesCentredDifferences()
    {
        // With the mask fixed, dropout is linear in its input; the check confirms the backward multiplies by the same mask.
        float[] mask = new float[40];
        ulong state = Dropout.InitialState(8);
        Dropout.ForwardTraining(new float[40], mask, new float[40], 0.5f, ref state);
        double[] mask64 = KernelAssert.ToDouble(mask);
        var random = new Random(13);
        double[] input = KernelAssert.RandomDoubles(random, 40);
        double[] r = KernelAssert.RandomWeights(random, 40);
        var output = new double[40];
        double Loss()
        {
            DropoutReference.Forward<double>(output, input, mask64);
            return KernelAssert.Dot(r, output);
        }

        var dInput = new double[40];
        DropoutReference.Backward<double>(dInput, r, mask64);
        KernelAssert.GradientMatchesCentredDifferences(input, dInput, Loss, "dInput");
    }

    [Fact]
    public void WrongLengthsProbabilitiesAndOverlapsThrow()
    {
        ulong state = Dropout.InitialState(1);
        KernelAssert.ThrowsForLength("output", "10 floats (input.Length = 10), got 9.", () => Dropout.ForwardTraining(new float[9], new float[10], new float[10], 0.5f, ref state));
        KernelAssert.ThrowsForLength("mask", "10 floats", () => Dropout.ForwardTraining(new float[10], new float[11], new float[10], 0.5f, ref state));
        KernelAssert.ThrowsForLength("dInput", "10 floats (mask.Length = 10), got 9.", () => Dropout.Backward(new float[9], new float[10], new float[10]));
        KernelAssert.ThrowsForLength("dOutput", "10 floats", () => Dropout.Backward(new float[10], new float[11], new float[10]));
        KernelAssert.ThrowsForRange("p", "in [0, 1), got 1.", () => Dropout.ForwardTraining(new float[1], new float[1], new float[1], 1f, ref state));
        KernelAssert.ThrowsForRange("p", "in [0, 1), got -0.5.", () => Dropout.ForwardTraining(new float[1], new float[1], new float[1], -0.5f, ref state));
        KernelAssert.ThrowsForRange("p", "in [0, 1), got NaN.", () => Dropout.ForwardTraining(new float[1], new float[1], new float[1], float.NaN, ref state));
        float[] shared = new float[10];
        var error = Assert.Throws<ArgumentException>(() => Dropout.ForwardTraining(new float[10], shared, shared, 0.5f, ref state));
        Assert.Equal("mask", error.ParamName);
        Assert.Equal(Dropout.InitialState(1), state);
    }

    private readonly struct BackwardCheck : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector>
        {
            // One product per element, as in the float reference: bit for bit.
            var random = new Random(12);
            for (int length = 0; length <= 256; length++)
            {
                float[] mask = new float[length];
                ulong state = Dropout.InitialState(length);
                Dropout.ForwardTraining(new float[length], mask, new float[length], 0.4f, ref state);
                float[] dOutput = KernelAssert.RandomFloats(random, length);
                var expected = new float[length];
                DropoutReference.Backward<float>(expected, dOutput, mask);

                float[] dInput = new float[length];
                Dropout.Backward<TVector>(dInput, dOutput, mask);
                KernelAssert.Identical(dInput, KernelAssert.ToDouble(expected), $"length {length}");
                Dropout.Backward<TVector>(dOutput, dOutput, mask);
                KernelAssert.Identical(dOutput, KernelAssert.ToDouble(expected), $"in place, length {length}");
            }
        }
    }

    private sealed class StateBox
    {
        public ulong Value;
    }

    private readonly struct DrawCheck(float[] input, float p, ulong state) : IWidthCheck
    {
        public float[] Output { get; } = new float[input.Length];
        public float[] Mask { get; } = new float[input.Length];
        public StateBox State { get; } = new() { Value = state };

        public void Run<TVector>() where TVector : struct, IVector<TVector> =>
            Dropout.ForwardTraining<TVector>(Output, Mask, input, p, ref State.Value);
    }
}
