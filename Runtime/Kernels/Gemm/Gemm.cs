using System;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace StaticNets.Kernels;

/// <summary>The three shapes of product the layers need (Aᵀ·Bᵀ never occurs).</summary>
internal enum GemmForm
{
    /// <summary>C = A·B: c (m, n), a (m, k), b (k, n).</summary>
    AB,

    /// <summary>C = Aᵀ·B: c (m, n), a (k, m), b (k, n).</summary>
    AtB,

    /// <summary>C = A·Bᵀ: c (m, n), a (m, k), b (n, k).</summary>
    ABt,
}

/// <summary>Which kernel computes a product: chosen from the shape, or forced (tests cover each).</summary>
internal enum GemmKernel
{
    /// <summary>The faster of the two for the shape (<see cref="Gemm.PacksB"/>).</summary>
    Auto,

    /// <summary><see cref="GemmBroadcastKernel"/> or <see cref="GemmDotKernel"/>, operands read in place.</summary>
    Direct,

    /// <summary><see cref="PackedGemm"/>.</summary>
    Packed,
}

/// <summary>
/// Single-precision matrix products on dense row-major matrices, in the three forms the layers need. Each writes
/// C = op(A)·op(B), or adds it to C when <c>accumulate</c> is set, then applies an optional <see cref="GemmEpilogue"/>.
/// <see cref="GemmReference"/> is the plain-loop twin.
/// </summary>
/// <remarks>
/// Two kernels, chosen per shape by <see cref="PacksB"/>: <see cref="PackedGemm"/> when B's rows lie far apart, and
/// otherwise the direct kernels, which read the operands in place (<see cref="GemmBroadcastKernel"/> for the forms with
/// B untransposed, vectors along C's rows; <see cref="GemmDotKernel"/> for Bᵀ, vectors along k where both operands are
/// contiguous). Shapes are constants at every call site, so each layer always takes the same kernel.
/// </remarks>
internal static class Gemm
{
    /// <summary>C = A·B. c is (m, n), a is (m, k), b is (k, n).</summary>
    public static void Multiply<TVector>(Span<float> c, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int m, int n, int k, bool accumulate)
        where TVector : struct, IVector<TVector> =>
        Product<TVector>(GemmForm.AB, c, a, b, m, n, k, accumulate, GemmEpilogue.None);

    /// <summary>C = Aᵀ·B. c is (m, n), a is (k, m), b is (k, n).</summary>
    public static void MultiplyTransposedA<TVector>(Span<float> c, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int m, int n, int k, bool accumulate)
        where TVector : struct, IVector<TVector> =>
        Product<TVector>(GemmForm.AtB, c, a, b, m, n, k, accumulate, GemmEpilogue.None);

    /// <summary>C = A·Bᵀ. c is (m, n), a is (m, k), b is (n, k).</summary>
    public static void MultiplyTransposedB<TVector>(Span<float> c, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int m, int n, int k, bool accumulate)
        where TVector : struct, IVector<TVector> =>
        Product<TVector>(GemmForm.ABt, c, a, b, m, n, k, accumulate, GemmEpilogue.None);

    /// <summary>
    /// C = [C +] op(A)·op(B) in the given form, then the epilogue on every entry of C.
    /// </summary>
    /// <exception cref="ArgumentException">An operand's length does not match m, n and k.</exception>
    public static void Product<TVector>(GemmForm form, Span<float> c, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int m, int n, int k, bool accumulate, GemmEpilogue epilogue, GemmKernel kernel = GemmKernel.Auto)
        where TVector : struct, IVector<TVector>
    {
        Check(form, c, a, b, m, n, k, epilogue);
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            // A sum over no terms is zero: C = 0, or C unchanged when accumulating; then the epilogue as usual.
            if (!accumulate)
            {
                c.Clear();
            }

            ApplyEpilogue(c, m, n, epilogue);
            return;
        }

        ref float cRef = ref MemoryMarshal.GetReference(c);
        ref float aRef = ref MemoryMarshal.GetReference(a);
        ref float bRef = ref MemoryMarshal.GetReference(b);
        bool packed = kernel == GemmKernel.Packed || (kernel == GemmKernel.Auto && PacksB(form, m, n, k));
        if (packed)
        {
            // Strides of A[i, p] and B[p, j] for each form; C is always (m, n) row-major.
            (nint aRow, nint aStep) = form == GemmForm.AtB ? (1, m) : ((nint)k, 1);
            (nint bStep, nint bColumn) = form == GemmForm.ABt ? (1, k) : ((nint)n, 1);
            PackedGemm.Run<TVector>(ref cRef, n, ref aRef, aRow, aStep, ref bRef, bStep, bColumn, m, n, k, accumulate, epilogue);
            return;
        }

        switch (form)
        {
            case GemmForm.AB: GemmBroadcastKernel.Run<TVector>(ref cRef, ref aRef, k, 1, ref bRef, m, n, k, accumulate); break;
            case GemmForm.AtB: GemmBroadcastKernel.Run<TVector>(ref cRef, ref aRef, 1, m, ref bRef, m, n, k, accumulate); break;
            default: GemmDotKernel.Run<TVector>(ref cRef, ref aRef, ref bRef, m, n, k, accumulate); break;
        }

        ApplyEpilogue(c, m, n, epilogue);
    }

    /// <summary>
    /// Whether <see cref="PackedGemm"/> beats the direct kernels for this shape, from side-by-side measurements on the
    /// shapes of the reference networks (AVX-512, Stopwatch medians, GFLOP/s direct → packed):
    /// <list type="bullet">
    /// <item>B's rows at least 2 KB apart (n ≥ 512) with two row tiles or more: cifar conv1 forward (32×1024×27)
    /// 105 → 145, conv2 input gradient (288×1024×32) 126 → 164, cifar fc1 weight gradient (256×2048×64) 120 → 188,
    /// mlp2 fc1 weight gradient (100×3072×64) 149 → 173.</item>
    /// <item>Narrower B stays in cache unpacked and the copy is pure cost: lenet5 fc1 input gradient (64×400×120)
    /// 233 → 191, lenet5 conv2 forward (16×100×150) 182 → 115; cifar conv3–conv6 forward (n = 256, 64) within
    /// ±6 %.</item>
    /// <item>Bᵀ must be transposed while packing, one float at a time, so it pays only when k is short and the dot
    /// kernel's per-entry lane sums dominate: cifar conv6 weight gradient (128×1152×64) 92 → 169, but conv2's
    /// (32×288×1024) 154 → 91 and mlp2 fc1 forward (64×100×3072) 135 → 111.</item>
    /// </list>
    /// </summary>
    internal static bool PacksB(GemmForm form, int m, int n, int k) =>
        m >= 24 && n >= 512 && (form != GemmForm.ABt || k <= 128);

    private static void ApplyEpilogue(Span<float> c, int m, int n, GemmEpilogue epilogue)
    {
        if (epilogue.IsNone)
        {
            return;
        }

        for (int i = 0; i < m; i++)
        {
            Span<float> row = c.Slice(i * n, n);
            if (!epilogue.RowBias.IsEmpty)
            {
                TensorPrimitives.Add(row, epilogue.RowBias[i], row);
            }

            if (!epilogue.ColumnBias.IsEmpty)
            {
                TensorPrimitives.Add(row, epilogue.ColumnBias, row);
            }

            if (epilogue.Relu)
            {
                Relu.Forward(row, row);
            }
        }
    }

    private static void Check(GemmForm form, Span<float> c, ReadOnlySpan<float> a, ReadOnlySpan<float> b, int m, int n, int k, GemmEpilogue epilogue)
    {
        Require.NonNegative(m);
        Require.NonNegative(n);
        Require.NonNegative(k);
        Require.Exactly(c.Length, nameof(c), new ExpectedLength("m*n", m, n));
        Require.Exactly(a.Length, nameof(a), form == GemmForm.AtB ? new ExpectedLength("k*m", k, m) : new ExpectedLength("m*k", m, k));
        Require.Exactly(b.Length, nameof(b), form == GemmForm.ABt ? new ExpectedLength("n*k", n, k) : new ExpectedLength("k*n", k, n));
        Require.ExactlyOrEmpty(epilogue.RowBias.Length, "rowBias", new ExpectedLength("m", m));
        Require.ExactlyOrEmpty(epilogue.ColumnBias.Length, "columnBias", new ExpectedLength("n", n));
    }
}
