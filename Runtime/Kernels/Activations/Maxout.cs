using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNets.Kernels;

/// <summary>
/// Maxout (notes §6.1.4), max(w₁ᵀx + b₁, …, wₖᵀx + bₖ): the preceding fully-connected layer computes all
/// units·pieces affine values, and each unit outputs the largest of its pieces. <see cref="MaxoutReference"/> is the
/// plain-loop twin.
/// </summary>
/// <remarks>
/// TensorPrimitives has no grouped maximum. A unit's pieces are contiguous, so with 2 or 4 pieces the groups are split into one vector per piece with
/// <see cref="IVector{TSelf}.Evens"/>/<see cref="IVector{TSelf}.Odds"/> (twice for 4) and compared lane-wise; other
/// piece counts use a plain loop. Either way a later piece must be strictly larger to win, so ties and the outputs
/// match the reference bit for bit; a group holding NaN gives an unspecified result.
/// </remarks>
public static class Maxout
{
    /// <summary>Forward pass: <c>output[n, u] = max over p of preActivations[n, u·pieces + p]</c>.</summary>
    /// <param name="output">(batch, units), overwritten.</param>
    /// <param name="preActivations">(batch, units·pieces): unit u's pieces at u·pieces … u·pieces + pieces - 1.</param>
    /// <param name="batch">Examples in the batch.</param>
    /// <param name="units">Maxout units per example.</param>
    /// <param name="pieces">Affine pieces per unit (2 in Goodfellow et al.'s examples).</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes.</exception>
    public static void Forward(Span<float> output, ReadOnlySpan<float> preActivations, int batch, int units, int pieces)
    {
        switch (VectorDispatch.Best)
        {
            case VectorWidth.Bits512: Forward<Vector512Ops>(output, preActivations, batch, units, pieces); break;
            case VectorWidth.Bits256: Forward<Vector256Ops>(output, preActivations, batch, units, pieces); break;
            case VectorWidth.Bits128: Forward<Vector128Ops>(output, preActivations, batch, units, pieces); break;
            default: Forward<ScalarOps>(output, preActivations, batch, units, pieces); break;
        }
    }

    /// <summary>Backward pass: overwrites <paramref name="dPreActivations"/>, giving each unit's gradient to its first maximum piece and 0 to the others.</summary>
    /// <param name="dPreActivations">(batch, units·pieces), overwritten.</param>
    /// <param name="dOutput">(batch, units): gradient of the loss with respect to the output.</param>
    /// <param name="preActivations">(batch, units·pieces): the forward pass's input.</param>
    /// <param name="batch">Examples in the batch.</param>
    /// <param name="units">Maxout units per example.</param>
    /// <param name="pieces">Affine pieces per unit.</param>
    /// <exception cref="ArgumentException">A span's length does not match the shapes.</exception>
    public static void Backward(Span<float> dPreActivations, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> preActivations, int batch, int units, int pieces)
    {
        switch (VectorDispatch.Best)
        {
            case VectorWidth.Bits512: Backward<Vector512Ops>(dPreActivations, dOutput, preActivations, batch, units, pieces); break;
            case VectorWidth.Bits256: Backward<Vector256Ops>(dPreActivations, dOutput, preActivations, batch, units, pieces); break;
            case VectorWidth.Bits128: Backward<Vector128Ops>(dPreActivations, dOutput, preActivations, batch, units, pieces); break;
            default: Backward<ScalarOps>(dPreActivations, dOutput, preActivations, batch, units, pieces); break;
        }
    }

    /// <summary><see cref="Forward"/> at one vector width (tests force each width through here).</summary>
    internal static void Forward<TVector>(Span<float> output, ReadOnlySpan<float> preActivations, int batch, int units, int pieces)
        where TVector : struct, IVector<TVector>
    {
        int groups = CheckShapes(output.Length, nameof(output), preActivations.Length, batch, units, pieces);
        ref float outputs = ref MemoryMarshal.GetReference(output);
        ref float values = ref MemoryMarshal.GetReference(preActivations);
        switch (pieces)
        {
            case 1:
                preActivations.CopyTo(output);
                break;
            case 2:
                ForEachBlock<TVector, PairsForward>(ref outputs, ref values, ref values, groups);
                break;
            case 4:
                ForEachBlock<TVector, QuadsForward>(ref outputs, ref values, ref values, groups);
                break;
            default:
                for (int g = 0; g < groups; g++)
                {
                    ref float group = ref Unsafe.Add(ref values, (nint)g * pieces);
                    Unsafe.Add(ref outputs, g) = Unsafe.Add(ref group, FirstMaximum(ref group, pieces));
                }

                break;
        }
    }

    /// <summary><see cref="Backward"/> at one vector width (tests force each width through here).</summary>
    internal static void Backward<TVector>(Span<float> dPreActivations, ReadOnlySpan<float> dOutput, ReadOnlySpan<float> preActivations, int batch, int units, int pieces)
        where TVector : struct, IVector<TVector>
    {
        int groups = CheckShapes(dOutput.Length, nameof(dOutput), preActivations.Length, batch, units, pieces);
        Require.Exactly(dPreActivations.Length, nameof(dPreActivations), new ExpectedLength("batch*units*pieces", batch, units, pieces));
        ref float gradients = ref MemoryMarshal.GetReference(dPreActivations);
        ref float outputGradients = ref MemoryMarshal.GetReference(dOutput);
        ref float values = ref MemoryMarshal.GetReference(preActivations);
        switch (pieces)
        {
            case 1:
                dOutput.CopyTo(dPreActivations);
                break;
            case 2:
                ForEachBlock<TVector, PairsBackward>(ref gradients, ref outputGradients, ref values, groups);
                break;
            case 4:
                ForEachBlock<TVector, QuadsBackward>(ref gradients, ref outputGradients, ref values, groups);
                break;
            default:
                for (int g = 0; g < groups; g++)
                {
                    nint start = (nint)g * pieces;
                    Span<float> group = dPreActivations.Slice((int)start, pieces);
                    group.Clear();
                    group[(int)FirstMaximum(ref Unsafe.Add(ref values, start), pieces)] = Unsafe.Add(ref outputGradients, g);
                }

                break;
        }
    }

    private static int CheckShapes(int groupLength, string groupName, int preActivationLength, int batch, int units, int pieces)
    {
        Require.Positive(batch);
        Require.Positive(units);
        Require.Positive(pieces);
        var groups = new ExpectedLength("batch*units", batch, units);
        Require.Exactly(groupLength, groupName, groups);
        Require.Exactly(preActivationLength, "preActivations", new ExpectedLength("batch*units*pieces", batch, units, pieces));
        return groups.Product;
    }

    // Offset of the group's first largest piece: a later piece must be strictly larger to win.
    private static nint FirstMaximum(ref float group, int pieces)
    {
        nint best = 0;
        float bestValue = group;
        for (nint p = 1; p < pieces; p++)
        {
            float value = Unsafe.Add(ref group, p);
            if (value > bestValue)
            {
                (best, bestValue) = (p, value);
            }
        }

        return best;
    }

    // Runs a block step over `groups` groups, TVector.Count groups at a time. The last partial block is redone with one
    // vector ending at the last group (each step writes only its own groups, so overlap rewrites equal values); rows
    // shorter than one vector go one group at a time.
    private static void ForEachBlock<TVector, TStep>(ref float destination, ref float source, ref float values, int groups)
        where TVector : struct, IVector<TVector>
        where TStep : IGroupStep
    {
        int g = 0;
        for (; g <= groups - TVector.Count; g += TVector.Count)
        {
            TStep.Run<TVector>(ref destination, ref source, ref values, g);
        }

        if (g == groups)
        {
            return;
        }

        if (groups >= TVector.Count)
        {
            TStep.Run<TVector>(ref destination, ref source, ref values, groups - TVector.Count);
            return;
        }

        for (; g < groups; g++)
        {
            TStep.Run<ScalarOps>(ref destination, ref source, ref values, g);
        }
    }

    private interface IGroupStep
    {
        // Handles groups g .. g + TVector.Count - 1.
        static abstract void Run<TVector>(ref float destination, ref float source, ref float values, int g) where TVector : struct, IVector<TVector>;
    }

    // Splits TVector.Count groups of two into (first pieces, second pieces).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TVector First, TVector Second) LoadPairs<TVector>(ref float values, int g)
        where TVector : struct, IVector<TVector>
    {
        ref float start = ref Unsafe.Add(ref values, 2 * (nint)g);
        TVector v0 = TVector.Load(ref start), v1 = TVector.Load(ref Unsafe.Add(ref start, TVector.Count));
        return (TVector.Evens(v0, v1), TVector.Odds(v0, v1));
    }

    // Splits TVector.Count groups of four into one vector per piece: the evens of the pairs are pieces 0 and 2 interleaved.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TVector P0, TVector P1, TVector P2, TVector P3) LoadQuads<TVector>(ref float values, int g)
        where TVector : struct, IVector<TVector>
    {
        ref float start = ref Unsafe.Add(ref values, 4 * (nint)g);
        TVector v0 = TVector.Load(ref start), v1 = TVector.Load(ref Unsafe.Add(ref start, TVector.Count));
        TVector v2 = TVector.Load(ref Unsafe.Add(ref start, 2 * TVector.Count)), v3 = TVector.Load(ref Unsafe.Add(ref start, 3 * TVector.Count));
        TVector evensLow = TVector.Evens(v0, v1), evensHigh = TVector.Evens(v2, v3);
        TVector oddsLow = TVector.Odds(v0, v1), oddsHigh = TVector.Odds(v2, v3);
        return (TVector.Evens(evensLow, evensHigh), TVector.Evens(oddsLow, oddsHigh), TVector.Odds(evensLow, evensHigh), TVector.Odds(oddsLow, oddsHigh));
    }

    private readonly struct PairsForward : IGroupStep
    {
        public static void Run<TVector>(ref float destination, ref float source, ref float values, int g) where TVector : struct, IVector<TVector>
        {
            (TVector first, TVector second) = LoadPairs<TVector>(ref values, g);
            TVector.Store(TVector.ConditionalSelect(TVector.GreaterThan(second, first), second, first), ref Unsafe.Add(ref destination, g));
        }
    }

    private readonly struct PairsBackward : IGroupStep
    {
        public static void Run<TVector>(ref float destination, ref float source, ref float values, int g) where TVector : struct, IVector<TVector>
        {
            (TVector first, TVector second) = LoadPairs<TVector>(ref values, g);
            TVector d = TVector.Load(ref Unsafe.Add(ref source, g));
            TVector secondWins = TVector.GreaterThan(second, first);
            TVector dFirst = TVector.ConditionalSelect(secondWins, TVector.Zero, d);
            TVector dSecond = TVector.ConditionalSelect(secondWins, d, TVector.Zero);
            ref float start = ref Unsafe.Add(ref destination, 2 * (nint)g);
            TVector.Store(TVector.InterleaveLower(dFirst, dSecond), ref start);
            TVector.Store(TVector.InterleaveUpper(dFirst, dSecond), ref Unsafe.Add(ref start, TVector.Count));
        }
    }

    private readonly struct QuadsForward : IGroupStep
    {
        public static void Run<TVector>(ref float destination, ref float source, ref float values, int g) where TVector : struct, IVector<TVector>
        {
            (TVector p0, TVector p1, TVector p2, TVector p3) = LoadQuads<TVector>(ref values, g);
            TVector best = TVector.ConditionalSelect(TVector.GreaterThan(p1, p0), p1, p0);
            best = TVector.ConditionalSelect(TVector.GreaterThan(p2, best), p2, best);
            best = TVector.ConditionalSelect(TVector.GreaterThan(p3, best), p3, best);
            TVector.Store(best, ref Unsafe.Add(ref destination, g));
        }
    }

    private readonly struct QuadsBackward : IGroupStep
    {
        public static void Run<TVector>(ref float destination, ref float source, ref float values, int g) where TVector : struct, IVector<TVector>
        {
            (TVector p0, TVector p1, TVector p2, TVector p3) = LoadQuads<TVector>(ref values, g);
            TVector d = TVector.Load(ref Unsafe.Add(ref source, g));

            // wK: piece K beats every piece before it. The winner is the last piece that beat its predecessors.
            TVector w1 = TVector.GreaterThan(p1, p0);
            TVector best = TVector.ConditionalSelect(w1, p1, p0);
            TVector w2 = TVector.GreaterThan(p2, best);
            best = TVector.ConditionalSelect(w2, p2, best);
            TVector w3 = TVector.GreaterThan(p3, best);
            TVector d3 = TVector.ConditionalSelect(w3, d, TVector.Zero);
            TVector remaining = TVector.ConditionalSelect(w3, TVector.Zero, d);
            TVector d2 = TVector.ConditionalSelect(w2, remaining, TVector.Zero);
            remaining = TVector.ConditionalSelect(w2, TVector.Zero, remaining);
            TVector d1 = TVector.ConditionalSelect(w1, remaining, TVector.Zero);
            TVector d0 = TVector.ConditionalSelect(w1, TVector.Zero, remaining);

            // Undo LoadQuads: interleaving pieces 0 and 2 gives the pairs' evens, 1 and 3 their odds.
            TVector evensLow = TVector.InterleaveLower(d0, d2), evensHigh = TVector.InterleaveUpper(d0, d2);
            TVector oddsLow = TVector.InterleaveLower(d1, d3), oddsHigh = TVector.InterleaveUpper(d1, d3);
            ref float start = ref Unsafe.Add(ref destination, 4 * (nint)g);
            TVector.Store(TVector.InterleaveLower(evensLow, oddsLow), ref start);
            TVector.Store(TVector.InterleaveUpper(evensLow, oddsLow), ref Unsafe.Add(ref start, TVector.Count));
            TVector.Store(TVector.InterleaveLower(evensHigh, oddsHigh), ref Unsafe.Add(ref start, 2 * TVector.Count));
            TVector.Store(TVector.InterleaveUpper(evensHigh, oddsHigh), ref Unsafe.Add(ref start, 3 * TVector.Count));
        }
    }
}
