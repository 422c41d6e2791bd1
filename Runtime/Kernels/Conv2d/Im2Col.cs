using System;
using System.Numerics.Tensors;

namespace StaticNets.Kernels;

/// <summary>
/// Rearranges one example so a convolution becomes a matrix product: row (c, ki, kj) of the column matrix holds,
/// for every output position (y, x), the input value that filter tap meets there (zero in the padding).
/// <see cref="Gather"/> builds it for the forward pass and the weight gradient; <see cref="ScatterAdd"/> is its
/// adjoint, summing column gradients back onto the input positions they came from.
/// </summary>
internal static class Im2Col
{
    /// <summary>col is (inC*k*k, outH*outW); input is (inC, inH, inW).</summary>
    public static void Gather(Span<float> col, ReadOnlySpan<float> input, in ConvGeometry g)
    {
        int positions = g.OutHeight * g.OutWidth;
        for (int c = 0; c < g.InChannels; c++)
        {
            ReadOnlySpan<float> plane = input.Slice(c * g.InHeight * g.InWidth, g.InHeight * g.InWidth);
            for (int ki = 0; ki < g.KernelSize; ki++)
            {
                for (int kj = 0; kj < g.KernelSize; kj++)
                {
                    Span<float> row = col.Slice(((c * g.KernelSize + ki) * g.KernelSize + kj) * positions, positions);
                    (int xStart, int xEnd) = g.ValidOutputColumns(kj);
                    for (int y = 0; y < g.OutHeight; y++)
                    {
                        Span<float> outputRow = row.Slice(y * g.OutWidth, g.OutWidth);
                        int iy = y * g.Stride - g.Padding + ki;
                        if ((uint)iy >= (uint)g.InHeight || xStart >= xEnd)
                        {
                            outputRow.Clear();
                            continue;
                        }

                        outputRow[..xStart].Clear();
                        outputRow[xEnd..].Clear();
                        ReadOnlySpan<float> inputRow = plane.Slice(iy * g.InWidth, g.InWidth);
                        int firstInputColumn = xStart * g.Stride - g.Padding + kj;
                        if (g.Stride == 1)
                        {
                            inputRow.Slice(firstInputColumn, xEnd - xStart).CopyTo(outputRow[xStart..xEnd]);
                        }
                        else
                        {
                            for (int x = xStart, ix = firstInputColumn; x < xEnd; x++, ix += g.Stride)
                            {
                                outputRow[x] = inputRow[ix];
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Adds dCol's entries onto dInput (which the caller has cleared). dCol is (inC*k*k, outH*outW); dInput is (inC, inH, inW).</summary>
    public static void ScatterAdd(Span<float> dInput, ReadOnlySpan<float> dCol, in ConvGeometry g)
    {
        int positions = g.OutHeight * g.OutWidth;
        for (int c = 0; c < g.InChannels; c++)
        {
            Span<float> plane = dInput.Slice(c * g.InHeight * g.InWidth, g.InHeight * g.InWidth);
            for (int ki = 0; ki < g.KernelSize; ki++)
            {
                for (int kj = 0; kj < g.KernelSize; kj++)
                {
                    ReadOnlySpan<float> row = dCol.Slice(((c * g.KernelSize + ki) * g.KernelSize + kj) * positions, positions);
                    (int xStart, int xEnd) = g.ValidOutputColumns(kj);
                    if (xStart >= xEnd)
                    {
                        continue;
                    }

                    for (int y = 0; y < g.OutHeight; y++)
                    {
                        int iy = y * g.Stride - g.Padding + ki;
                        if ((uint)iy >= (uint)g.InHeight)
                        {
                            continue;
                        }

                        ReadOnlySpan<float> gradientRow = row.Slice(y * g.OutWidth + xStart, xEnd - xStart);
                        Span<float> inputRow = plane.Slice(iy * g.InWidth, g.InWidth);
                        int firstInputColumn = xStart * g.Stride - g.Padding + kj;
                        if (g.Stride == 1)
                        {
                            Span<float> target = inputRow.Slice(firstInputColumn, gradientRow.Length);
                            TensorPrimitives.Add(target, gradientRow, target);
                        }
                        else
                        {
                            for (int x = 0, ix = firstInputColumn; x < gradientRow.Length; x++, ix += g.Stride)
                            {
                                inputRow[ix] += gradientRow[x];
                            }
                        }
                    }
                }
            }
        }
    }
}
