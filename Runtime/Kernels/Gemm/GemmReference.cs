using System;
using System.Numerics;

namespace StaticNets.Kernels;

/// <summary>
/// The textbook triple loop behind <see cref="Gemm"/>, generic over the float type so tests can run it in float64.
/// Same shapes and meaning as the fast forms: C = op(A)·op(B), added to C when <c>accumulate</c> is set.
/// </summary>
internal static class GemmReference
{
    /// <summary>C = A·B. c is (m, n), a is (m, k), b is (k, n).</summary>
    public static void Multiply<T>(Span<T> c, ReadOnlySpan<T> a, ReadOnlySpan<T> b, int m, int n, int k, bool accumulate)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                T sum = accumulate ? c[i * n + j] : T.Zero;
                for (int p = 0; p < k; p++)
                {
                    sum += a[i * k + p] * b[p * n + j];
                }

                c[i * n + j] = sum;
            }
        }
    }

    /// <summary>C = Aᵀ·B. c is (m, n), a is (k, m), b is (k, n).</summary>
    public static void MultiplyTransposedA<T>(Span<T> c, ReadOnlySpan<T> a, ReadOnlySpan<T> b, int m, int n, int k, bool accumulate)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                T sum = accumulate ? c[i * n + j] : T.Zero;
                for (int p = 0; p < k; p++)
                {
                    sum += a[p * m + i] * b[p * n + j];
                }

                c[i * n + j] = sum;
            }
        }
    }

    /// <summary>C = A·Bᵀ. c is (m, n), a is (m, k), b is (n, k).</summary>
    public static void MultiplyTransposedB<T>(Span<T> c, ReadOnlySpan<T> a, ReadOnlySpan<T> b, int m, int n, int k, bool accumulate)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                T sum = accumulate ? c[i * n + j] : T.Zero;
                for (int p = 0; p < k; p++)
                {
                    sum += a[i * k + p] * b[j * k + p];
                }

                c[i * n + j] = sum;
            }
        }
    }
}
