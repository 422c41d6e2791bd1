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
        nint spillEnd = col.Length - TVector.Count, readEnd = input.Length - TVector.Count;
        for (int c = 0; c < inChannels; c++)
        {
            for (int ki = 0; ki < kernelSize; ki++)
            {
                for (int kj = 0; kj < kernelSize; kj++)
                {
                    nint rowStart = (nint)((c * kernelSize + ki) * kernelSize + kj) * positions;
                    (int xStart, int xEnd) = g.ValidOutputColumns(kj);
                    for (int y = 0; y < outHeight; y++)
                    {
                        nint at = rowStart + y * outWidth;
                        ref float destination = ref Unsafe.Add(ref columns, at);
                        int iy = y * stride - padding + ki;
                        if ((uint)iy >= (uint)inHeight)
                        {
                            VectorRow.Clear(ref destination, outWidth);
                            continue;
                        }

                        VectorRow.Clear(ref destination, xStart);
                        nint from = (nint)(c * inHeight + iy) * inWidth + xStart * stride - padding + kj;
                        ref float source = ref Unsafe.Add(ref image, from);
                        if (stride != 1)
                        {
                            for (int x = xStart, ix = 0; x < xEnd; x++, ix += stride)
                            {
                                Unsafe.Add(ref destination, x) = Unsafe.Add(ref source, ix);
                            }
                        }
                        else if (at + xEnd <= spillEnd && from + (xEnd - xStart) <= readEnd)
                        {
                            VectorRow.CopySpilling<TVector>(ref Unsafe.Add(ref destination, xStart), ref source, xEnd - xStart);
                        }
                        else
                        {
                            VectorRow.Copy<TVector>(ref Unsafe.Add(ref destination, xStart), ref source, xEnd - xStart);
                        }

                        // After the copy, which may have spilled over these columns.
                        VectorRow.Clear(ref Unsafe.Add(ref destination, xEnd), outWidth - xEnd);
                    }
                }
            }
        }
    }

    /// <summary>Adds dCol onto dInput (which the caller has cleared). dCol is (inC*k*k, outH*outW), dInput is (inC, inH, inW).</summary>
    public static void ScatterAdd<TVector>(Span<float> dInput, ReadOnlySpan<float> dCol, in ConvGeometry g)
        where TVector : struct, IVector<TVector>
    {
        ref float image = ref MemoryMarshal.GetReference(dInput);
        ref float columns = ref MemoryMarshal.GetReference(dCol);
        int inChannels = g.InChannels, inHeight = g.InHeight, inWidth = g.InWidth, kernelSize = g.KernelSize;
        int outHeight = g.OutHeight, outWidth = g.OutWidth, stride = g.Stride, padding = g.Padding, positions = g.Positions;
        for (int c = 0; c < inChannels; c++)
        {
            for (int ki = 0; ki < kernelSize; ki++)
            {
                for (int kj = 0; kj < kernelSize; kj++)
                {
                    ref float row = ref Unsafe.Add(ref columns, (nint)((c * kernelSize + ki) * kernelSize + kj) * positions);
                    (int xStart, int xEnd) = g.ValidOutputColumns(kj);
                    for (int y = 0; y < outHeight; y++)
                    {
                        int iy = y * stride - padding + ki;
                        if ((uint)iy >= (uint)inHeight)
                        {
                            continue;
                        }

                        ref float source = ref Unsafe.Add(ref row, y * outWidth + xStart);
                        ref float destination = ref Unsafe.Add(ref image, (nint)(c * inHeight + iy) * inWidth + xStart * stride - padding + kj);
                        if (stride == 1)
                        {
                            VectorRow.Add<TVector>(ref destination, ref source, xEnd - xStart);
                        }
                        else
                        {
                            for (int x = 0, ix = 0; x < xEnd - xStart; x++, ix += stride)
                            {
                                Unsafe.Add(ref destination, ix) += Unsafe.Add(ref source, x);
                            }
                        }
                    }
                }
            }
        }
    }
}
