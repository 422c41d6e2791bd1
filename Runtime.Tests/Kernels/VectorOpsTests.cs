using System;
using StaticNets.Kernels;

namespace StaticNets.Runtime.Tests.Kernels;

public class VectorOpsTests
{
    [Theory]
    [MemberData(nameof(VectorWidths.All), MemberType = typeof(VectorWidths))]
    public void PairOperationsSplitAndRejoinAdjacentLanes(int bits) => VectorWidths.Run(bits, new PairCheck());

    [Theory]
    [MemberData(nameof(VectorWidths.All), MemberType = typeof(VectorWidths))]
    public void MasksSelectLanes(int bits) => VectorWidths.Run(bits, new MaskCheck());

    private readonly struct PairCheck : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector>
        {
            int w = TVector.Count;
            float[] pairs = new float[2 * w];
            for (int i = 0; i < pairs.Length; i++)
            {
                pairs[i] = i;
            }

            TVector lower = TVector.Load(ref pairs[0]), upper = TVector.Load(ref pairs[w]);
            float[] evens = new float[w], odds = new float[w];
            TVector.Store(TVector.Evens(lower, upper), ref evens[0]);
            TVector.Store(TVector.Odds(lower, upper), ref odds[0]);
            for (int i = 0; i < w; i++)
            {
                Assert.Equal(2 * i, evens[i]);
                Assert.Equal(2 * i + 1, odds[i]);
            }

            float[] rejoined = new float[2 * w];
            TVector e = TVector.Load(ref evens[0]), o = TVector.Load(ref odds[0]);
            TVector.Store(TVector.InterleaveLower(e, o), ref rejoined[0]);
            TVector.Store(TVector.InterleaveUpper(e, o), ref rejoined[w]);
            Assert.Equal(pairs, rejoined);
        }
    }

    private readonly struct MaskCheck : IWidthCheck
    {
        public void Run<TVector>() where TVector : struct, IVector<TVector>
        {
            int w = TVector.Count;
            float[] values = new float[w], others = new float[w], result = new float[w];
            for (int i = 0; i < w; i++)
            {
                (values[i], others[i]) = (i + 1, -(i + 1));
            }

            TVector v = TVector.Load(ref values[0]), o = TVector.Load(ref others[0]);
            for (int first = 0; first <= w; first++)
            {
                TVector.Store(TVector.ConditionalSelect(TVector.LanesFrom(first), v, o), ref result[0]);
                for (int i = 0; i < w; i++)
                {
                    Assert.Equal(i >= first ? values[i] : others[i], result[i]);
                }
            }

            TVector.Store(TVector.ConditionalSelect(TVector.Equal(v, TVector.Broadcast(1)), v, TVector.Zero), ref result[0]);
            Assert.Equal(1, result[0]);
            Assert.Equal(w * (w + 1) / 2f, TVector.Sum(v));
            TVector.Store(TVector.ConditionalSelect(TVector.GreaterThan(o, TVector.Broadcast(-2)), v, TVector.Zero), ref result[0]);
            Assert.Equal(1, result[0]);
        }
    }
}
