namespace StaticNets.Kernels;

/// <summary>The validated shape of one pooling call (max or average).</summary>
internal readonly struct PoolGeometry
{
    public PoolGeometry(int batch, int channels, int inHeight, int inWidth, int size, int stride)
    {
        Require.Positive(batch);
        Require.Positive(channels);
        Require.Positive(inHeight);
        Require.Positive(inWidth);
        Require.Positive(size);
        Require.Positive(stride);
        OutHeight = WindowGeometry.OutputSize(inHeight, size, stride, 0, nameof(inHeight), nameof(size));
        OutWidth = WindowGeometry.OutputSize(inWidth, size, stride, 0, nameof(inWidth), nameof(size));
        Planes = new ExpectedLength("batch*channels", batch, channels).Product;
    }

    public int OutHeight { get; }
    public int OutWidth { get; }

    /// <summary>batch*channels: the 2-D planes pooled independently.</summary>
    public int Planes { get; }
}
