using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNets.Kernels;

/// <summary>
/// Rearranges one example so a convolution becomes a matrix product. In the column matrix, row (c, ki, kj) holds, for
/// every output position (y, x), the input value that filter tap meets there (zero in the padding).
/// <see cref="Gather{TVector}"/> builds it for the forward product and the weight gradient; <see cref="ScatterAdd{TVector}"/>
/// is its adjoint, summing column gradients back onto the input positions they came from.
/// </summary>
/// <remarks>
/// Rows are short (outWidth floats) and there are inC*k*k*outH of them per example, so per-row overhead
/// matters as much as the copying: the loops walk refs over spans the caller has checked, keep the geometry in locals,
/// and at stride 1 copy each row with whole vectors that may spill into the next row, which is written afterwards.
/// </remarks>
internal static class Im2Col
{
    /// <summary>col is (inC*k*k, outH*outW), input is (inC, inH, inW); lengths checked by the caller.</summary>
    public static void Gather<TVector>(Span<float> col, ReadOnlySpan<float> input, in ConvGeometry g)
        where TVector : struct, IVector<TVector>
    {
        ref float columns = ref MemoryMarshal.GetReference(col);
        ref float image = ref MemoryMarshal.GetReference(input);
        // Geometry copied to locals: read through `in g`, every field would be reloaded after each store to the floats.
        int inChannels = g.InChannels, inHeight = g.InHeight, inWidth = g.InWidth, kernelSize = g.KernelSize;
        int outHeight = g.OutHeight, outWidth = g.OutWidth, stride = g.Stride, padding = g.Padding, positions = g.Positions;
        for (int c = 0; c < inChannels; c++)
        {
            for (int ki = 0; ki < kernelSize; ki++)
            {
                (int yStart, int yEnd) = g.ValidOutputRows(ki);
                for (int kj = 0; kj < kernelSize; kj++)
                {
                    // Output rows whose tap falls in the top padding are all zeros (the bottom ones are cleared below).
                    nint rowStart = (nint)((c * kernelSize + ki) * kernelSize + kj) * positions;
                    (int xStart, int xEnd) = g.ValidOutputColumns(kj);
                    MemoryMarshal.CreateSpan(ref Unsafe.Add(ref columns, rowStart), yStart * outWidth).Clear();

                    nint length = xEnd - xStart;
                    nint to = rowStart + yStart * outWidth + xStart;
                    nint from = (nint)(c * inHeight + yStart * stride - padding + ki) * inWidth + xStart * stride - padding + kj;
                    nint step = (nint)stride * inWidth;

                    // Whole-vector copies may spill up to a vector past each row, into columns written after it; only
                    // the last row of the block needs checking against the ends of both buffers.
                    nint rows = yEnd - yStart;
                    bool spill = stride == 1
                        && to + (rows - 1) * outWidth + length + TVector.Count <= col.Length
                        && from + (rows - 1) * step + length + TVector.Count <= input.Length;
                    if (spill && length == outWidth)
                    {
                        // The common interior case (no padding columns): nothing but one spilling copy per row.
                        for (nint y = 0; y < rows; y++, to += outWidth, from += step)
                        {
                            VectorRow.CopySpilling<TVector>(ref Unsafe.Add(ref columns, to), ref Unsafe.Add(ref image, from), length);
                        }
                    }
                    else
                    {
                        for (nint y = 0; y < rows; y++, to += outWidth, from += step)
                        {
                            CopyRow<TVector>(ref Unsafe.Add(ref columns, to), ref Unsafe.Add(ref image, from), length, xStart, outWidth - xEnd, stride, spill);
                        }
                    }

                    // Rows whose tap falls in the bottom padding, cleared after the last copy may have spilled into them.
                    MemoryMarshal.CreateSpan(ref Unsafe.Add(ref columns, rowStart + yEnd * outWidth), (outHeight - yEnd) * outWidth).Clear();
                }
            }
        }
    }

    // One output row of the column matrix: zeros for the columns whose tap is in the left or right padding, the input
    // row (every stride-th value) between them. `destination` and `source` point at the first valid column.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void CopyRow<TVector>(ref float destination, ref float source, nint length, int leftPadding, int rightPadding, int stride, bool spill)
        where TVector : struct, IVector<TVector>
    {
        VectorRow.Clear(ref Unsafe.Add(ref destination, -leftPadding), leftPadding);
        if (spill)
        {
            VectorRow.CopySpilling<TVector>(ref destination, ref source, length);
        }
        else if (stride == 1)
        {
            VectorRow.Copy<TVector>(ref destination, ref source, length);
        }
        else
        {
            for (nint x = 0; x < length; x++)
            {
                Unsafe.Add(ref destination, x) = Unsafe.Add(ref source, x * stride);
            }
        }

        // After the copy, which may have spilled over these columns.
        VectorRow.Clear(ref Unsafe.Add(ref destination, length), rightPadding);
    }

    /// <summary>Adds dCol onto dInput (which the caller has cleared). dCol is (inC*k*k, outH*outW), dInput is (inC, inH, inW).</summary>
    public static void ScatterAdd<TVector>(Span<float> dInput, ReadOnlySpan<float> dCol, in ConvGeometry g)
        where TVector : struct, IVector<TVector>
    {
        ref float image = ref MemoryMarshal.GetReference(dInput);
        ref float columns = ref MemoryMarshal.GetReference(dCol);
        int inChannels = g.InChannels, inHeight = g.InHeight, inWidth = g.InWidth, kernelSize = g.KernelSize;
        int outWidth = g.OutWidth, stride = g.Stride, padding = g.Padding, positions = g.Positions;
        for (int c = 0; c < inChannels; c++)
        {
            for (int ki = 0; ki < kernelSize; ki++)
            {
                (int yStart, int yEnd) = g.ValidOutputRows(ki);
                for (int kj = 0; kj < kernelSize; kj++)
                {
                    // Taps that fall in the padding have nowhere to go: only valid rows and columns are added back.
                    (int xStart, int xEnd) = g.ValidOutputColumns(kj);
                    nint length = xEnd - xStart;
                    nint from = (nint)((c * kernelSize + ki) * kernelSize + kj) * positions + yStart * outWidth + xStart;
                    nint to = (nint)(c * inHeight + yStart * stride - padding + ki) * inWidth + xStart * stride - padding + kj;
                    nint step = (nint)stride * inWidth;
                    for (int y = yStart; y < yEnd; y++, from += outWidth, to += step)
                    {
                        ref float source = ref Unsafe.Add(ref columns, from);
                        ref float destination = ref Unsafe.Add(ref image, to);
                        if (stride == 1)
                        {
                            VectorRow.Add<TVector>(ref destination, ref source, length);
                        }
                        else
                        {
                            for (nint x = 0; x < length; x++)
                            {
                                Unsafe.Add(ref destination, x * stride) += Unsafe.Add(ref source, x);
                            }
                        }
                    }
                }
            }
        }
    }
}
