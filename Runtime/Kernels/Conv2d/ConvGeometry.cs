namespace StaticNets.Kernels;

/// <summary>The validated shape of one convolution, passed around by reference so helpers share one set of numbers.</summary>
internal readonly struct ConvGeometry
{
    public ConvGeometry(int inChannels, int inHeight, int inWidth, int outChannels, int kernelSize, int stride, int padding)
    {
        Require.Positive(inChannels);
        Require.Positive(inHeight);
        Require.Positive(inWidth);
        Require.Positive(outChannels);
        Require.Positive(kernelSize);
        Require.Positive(stride);
        Require.NonNegative(padding);
        (InChannels, InHeight, InWidth, OutChannels, KernelSize, Stride, Padding) =
            (inChannels, inHeight, inWidth, outChannels, kernelSize, stride, padding);
        OutHeight = WindowGeometry.OutputSize(inHeight, kernelSize, stride, padding, nameof(inHeight), nameof(kernelSize));
        OutWidth = WindowGeometry.OutputSize(inWidth, kernelSize, stride, padding, nameof(inWidth), nameof(kernelSize));
        ColumnRows = new ExpectedLength("inChannels*k*k", inChannels, kernelSize, kernelSize).Product;
        Positions = new ExpectedLength("outHeight*outWidth", OutHeight, OutWidth).Product;
    }

    public int InChannels { get; }
    public int InHeight { get; }
    public int InWidth { get; }
    public int OutChannels { get; }
    public int KernelSize { get; }
    public int Stride { get; }
    public int Padding { get; }
    public int OutHeight { get; }
    public int OutWidth { get; }

    /// <summary>inC*k*k: the reduction length of the forward product, rows of the column matrix.</summary>
    public int ColumnRows { get; }

    /// <summary>outH*outW: output positions per channel, columns of the column matrix.</summary>
    public int Positions { get; }

    /// <summary>Floats per input example.</summary>
    public int InputLength => InChannels * InHeight * InWidth;

    /// <summary>Floats per output example.</summary>
    public int OutputLength => OutChannels * Positions;

    /// <summary>A 1×1, stride-1, unpadded convolution: the column matrix is the input itself, so im2col is skipped.</summary>
    public bool ColumnsAreInput => KernelSize == 1 && Stride == 1 && Padding == 0;

    /// <summary>
    /// Copies one example (inC, inH, inW) into planes <paramref name="planeStride"/> floats apart, each row
    /// <c>inW + 2·padding</c> wide, leaving the padding border as it is: callers clear it once and reuse the planes
    /// across examples.
    /// </summary>
    public void CopyIntoPaddedPlanes(System.ReadOnlySpan<float> example, System.Span<float> planes, int planeStride)
    {
        int paddedWidth = InWidth + 2 * Padding;
        for (int c = 0; c < InChannels; c++)
        {
            for (int y = 0; y < InHeight; y++)
            {
                example.Slice((c * InHeight + y) * InWidth, InWidth)
                    .CopyTo(planes.Slice(c * planeStride + (y + Padding) * paddedWidth + Padding, InWidth));
            }
        }
    }

    /// <summary>The output columns x whose tap kj lands inside the input row: 0 &lt;= x*S - P + kj &lt; inW.</summary>
    public (int Start, int End) ValidOutputColumns(int kj) => ValidOutputRange(kj, InWidth, OutWidth);

    /// <summary>The output rows y whose tap ki lands inside the input: 0 &lt;= y*S - P + ki &lt; inH.</summary>
    public (int Start, int End) ValidOutputRows(int ki) => ValidOutputRange(ki, InHeight, OutHeight);

    private (int Start, int End) ValidOutputRange(int tap, int inSize, int outSize)
    {
        // Smallest o with o*S >= P - tap, and one past the largest o with o*S <= inSize - 1 + P - tap. Both are
        // clamped to [0, outSize] with start <= end, so callers may clear [0, start) and [end, outSize) even when a
        // wide filter on a narrow input leaves no valid position at all.
        int start = Padding - tap <= 0 ? 0 : System.Math.Min(outSize, (Padding - tap + Stride - 1) / Stride);
        int lastReach = inSize - 1 + Padding - tap;
        int end = lastReach < 0 ? 0 : System.Math.Min(outSize, lastReach / Stride + 1);
        return (start, System.Math.Max(start, end));
    }
}
