using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace StaticNets.Kernels;

/// <summary>
/// Rearranges one example so a convolution becomes a matrix product: row (c, ki, kj) of the column matrix holds,
/// for every output position (y, x), the input value that filter tap meets there (zero in the padding).
/// <see cref="Gather{TVector}"/> builds it for the forward pass and the weight gradient; <see cref="ScatterAdd{TVector}"/>
/// is its adjoint, summing column gradients back onto the input positions they came from.
/// </summary>
/// <remarks>
/// Rows are short (outWidth floats) and there are inC*k*k*outH of them per example, so per-row overhead matters as
/// much as the copying: the loops walk refs over spans the caller has already checked, and at stride 1 each row is
/// one contiguous <see cref="VectorRow"/> copy or add.
/// </remarks>
internal static class Im2Col
{
    /// <summary>col is (inC*k*k, outH*outW), input is (inC, inH, inW); lengths checked by the caller.</summary>
    public static void Gather<TVector>(Span<float> col, ReadOnlySpan<float> input, in ConvGeometry g)
        where TVector : struct, IVector<TVector>
    {
        ref float columns = ref MemoryMarshal.GetReference(col);
        ref float image = ref MemoryMarshal.GetReference(input);
        int outWidth = g.OutWidth, stride = g.Stride;
        for (int c = 0; c < g.InChannels; c++)
        {
            for (int ki = 0; ki < g.KernelSize; ki++)
            {
                for (int kj = 0; kj < g.KernelSize; kj++)
                {
                    ref float row = ref Unsafe.Add(ref columns, (nint)((c * g.KernelSize + ki) * g.KernelSize + kj) * g.Positions);
                    (int xStart, int xEnd) = g.ValidOutputColumns(kj);
                    for (int y = 0; y < g.OutHeight; y++)
                    {
                        ref float destination = ref Unsafe.Add(ref row, y * outWidth);
                        int iy = y * stride - g.Padding + ki;
                        if ((uint)iy >= (uint)g.InHeight)
                        {
                            VectorRow.Clear(ref destination, outWidth);
                            continue;
                        }

                        VectorRow.Clear(ref destination, xStart);
                        VectorRow.Clear(ref Unsafe.Add(ref destination, xEnd), outWidth - xEnd);
                        ref float source = ref Unsafe.Add(ref image, (nint)(c * g.InHeight + iy) * g.InWidth + xStart * stride - g.Padding + kj);
                        if (stride == 1)
                        {
                            VectorRow.Copy<TVector>(ref Unsafe.Add(ref destination, xStart), ref source, xEnd - xStart);
                        }
                        else
                        {
                            for (int x = xStart, ix = 0; x < xEnd; x++, ix += stride)
                            {
                                Unsafe.Add(ref destination, x) = Unsafe.Add(ref source, ix);
                            }
                        }
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
        int outWidth = g.OutWidth, stride = g.Stride;
        for (int c = 0; c < g.InChannels; c++)
        {
            for (int ki = 0; ki < g.KernelSize; ki++)
            {
                for (int kj = 0; kj < g.KernelSize; kj++)
                {
                    ref float row = ref Unsafe.Add(ref columns, (nint)((c * g.KernelSize + ki) * g.KernelSize + kj) * g.Positions);
                    (int xStart, int xEnd) = g.ValidOutputColumns(kj);
                    for (int y = 0; y < g.OutHeight; y++)
                    {
                        int iy = y * stride - g.Padding + ki;
                        if ((uint)iy >= (uint)g.InHeight)
                        {
                            continue;
                        }

                        ref float source = ref Unsafe.Add(ref row, y * outWidth + xStart);
                        ref float destination = ref Unsafe.Add(ref image, (nint)(c * g.InHeight + iy) * g.InWidth + xStart * stride - g.Padding + kj);
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
