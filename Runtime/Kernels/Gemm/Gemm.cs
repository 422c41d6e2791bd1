using System;
using System.Runtime.InteropServices;

namespace StaticNets.Kernels;

/// <summary>
/// Single-precision matrix products on dense row-major matrices, in the three forms the layers need. Each writes
/// C = op(A)·op(B), or adds it to C when <c>accumulate</c> is set. <see cref="GemmReference"/> is the plain-loop twin.
/// </summary>
/// <remarks>
/// The forms with B untransposed run <see cref="GemmBroadcastKernel"/> (vectors along C's rows); the form with Bᵀ runs
/// <see cref="GemmDotKernel"/> (vectors along k, where both operands are contiguous). Aᵀ·Bᵀ is never needed.
/// </remarks>
internal static class Gemm
{
    /// <summary>C = A·B. c is (m, n), a is (m, k), b is (k, n).</summary>
    public static void Multiply<TVector>(Span<float> c, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int m, int n, int k, bool accumulate)
        where TVector : struct, IVector<TVector>
    {
        Check(c, a, b, m, n, k);
        if (m == 0 || n == 0 || ClearedForEmptySum(c, k, accumulate))
        {
            return;
        }

        GemmBroadcastKernel.Run<TVector>(ref MemoryMarshal.GetReference(c), ref MemoryMarshal.GetReference(a), k, 1, ref MemoryMarshal.GetReference(b), m, n, k, accumulate);
    }

    /// <summary>C = Aᵀ·B. c is (m, n), a is (k, m), b is (k, n).</summary>
    public static void MultiplyTransposedA<TVector>(Span<float> c, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int m, int n, int k, bool accumulate)
        where TVector : struct, IVector<TVector>
    {
        Check(c, a, b, m, n, k);
        if (m == 0 || n == 0 || ClearedForEmptySum(c, k, accumulate))
        {
            return;
        }

        GemmBroadcastKernel.Run<TVector>(ref MemoryMarshal.GetReference(c), ref MemoryMarshal.GetReference(a), 1, m, ref MemoryMarshal.GetReference(b), m, n, k, accumulate);
    }

    /// <summary>C = A·Bᵀ. c is (m, n), a is (m, k), b is (n, k).</summary>
    public static void MultiplyTransposedB<TVector>(Span<float> c, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int m, int n, int k, bool accumulate)
        where TVector : struct, IVector<TVector>
    {
        Check(c, a, b, m, n, k);
        if (m == 0 || n == 0 || ClearedForEmptySum(c, k, accumulate))
        {
            return;
        }

        GemmDotKernel.Run<TVector>(ref MemoryMarshal.GetReference(c), ref MemoryMarshal.GetReference(a), ref MemoryMarshal.GetReference(b), m, n, k, accumulate);
    }

    private static void Check(Span<float> c, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int m, int n, int k)
    {
        Require.NonNegative(m);
        Require.NonNegative(n);
        Require.NonNegative(k);
        Require.Exactly(c.Length, nameof(c), new ExpectedLength("m*n", m, n));
        Require.Exactly(a.Length, nameof(a), new ExpectedLength("m*k", m, k));
        Require.Exactly(b.Length, nameof(b), new ExpectedLength("k*n", k, n));
    }

    // A sum over no terms is zero: C = 0, or C unchanged when accumulating.
    private static bool ClearedForEmptySum(Span<float> c, int k, bool accumulate)
    {
        if (k != 0)
        {
            return false;
        }

        if (!accumulate)
        {
            c.Clear();
        }

        return true;
    }
}
