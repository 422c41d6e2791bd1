using System;
using System.Numerics;
using System.Runtime.InteropServices;

namespace StaticNets.Baselines;

/// <summary>
/// L1 distances between a block of queries and a block of training rows. TensorPrimitives has no fused sum of
/// |a - b|: <c>Subtract</c> then <c>SumOfMagnitudes</c> would take two passes through a temporary, so this loop does
/// both in one, and compares each loaded query vector with four training rows to save loads.
/// </summary>
internal static class L1Distances
{
    /// <summary>distances is (queryCount, rowCount), queries is (queryCount, length), rows is (rowCount, length).</summary>
    public static void Compute(Span<float> distances, ReadOnlySpan<float> queries, ReadOnlySpan<float> rows, int queryCount, int rowCount, int length)
    {
        for (int i = 0; i < queryCount; i++)
        {
            ReadOnlySpan<float> query = queries.Slice(i * length, length);
            Span<float> output = distances.Slice(i * rowCount, rowCount);
            int j = 0;
            for (; j <= rowCount - 4; j += 4)
            {
                Four(output.Slice(j, 4), query, rows.Slice(j * length, 4 * length), length);
            }

            for (; j < rowCount; j++)
            {
                output[j] = One(query, rows.Slice(j * length, length));
            }
        }
    }

    private static void Four(Span<float> output, ReadOnlySpan<float> query, ReadOnlySpan<float> rows, int length)
    {
        ReadOnlySpan<Vector<float>> q = MemoryMarshal.Cast<float, Vector<float>>(query);
        ReadOnlySpan<Vector<float>> r0 = MemoryMarshal.Cast<float, Vector<float>>(rows.Slice(0, length));
        ReadOnlySpan<Vector<float>> r1 = MemoryMarshal.Cast<float, Vector<float>>(rows.Slice(length, length));
        ReadOnlySpan<Vector<float>> r2 = MemoryMarshal.Cast<float, Vector<float>>(rows.Slice(2 * length, length));
        ReadOnlySpan<Vector<float>> r3 = MemoryMarshal.Cast<float, Vector<float>>(rows.Slice(3 * length, length));
        Vector<float> s0 = Vector<float>.Zero, s1 = Vector<float>.Zero, s2 = Vector<float>.Zero, s3 = Vector<float>.Zero;
        for (int v = 0; v < q.Length; v++)
        {
            Vector<float> x = q[v];
            s0 += Vector.Abs(x - r0[v]);
            s1 += Vector.Abs(x - r1[v]);
            s2 += Vector.Abs(x - r2[v]);
            s3 += Vector.Abs(x - r3[v]);
        }

        float d0 = Vector.Sum(s0), d1 = Vector.Sum(s1), d2 = Vector.Sum(s2), d3 = Vector.Sum(s3);
        for (int t = q.Length * Vector<float>.Count; t < length; t++)
        {
            float x = query[t];
            d0 += MathF.Abs(x - rows[t]);
            d1 += MathF.Abs(x - rows[length + t]);
            d2 += MathF.Abs(x - rows[2 * length + t]);
            d3 += MathF.Abs(x - rows[3 * length + t]);
        }

        output[0] = d0;
        output[1] = d1;
        output[2] = d2;
        output[3] = d3;
    }

    private static float One(ReadOnlySpan<float> query, ReadOnlySpan<float> row)
    {
        ReadOnlySpan<Vector<float>> q = MemoryMarshal.Cast<float, Vector<float>>(query);
        ReadOnlySpan<Vector<float>> r = MemoryMarshal.Cast<float, Vector<float>>(row);
        Vector<float> sum = Vector<float>.Zero;
        for (int v = 0; v < q.Length; v++)
        {
            sum += Vector.Abs(q[v] - r[v]);
        }

        float distance = Vector.Sum(sum);
        for (int t = q.Length * Vector<float>.Count; t < query.Length; t++)
        {
            distance += MathF.Abs(query[t] - row[t]);
        }

        return distance;
    }
}
