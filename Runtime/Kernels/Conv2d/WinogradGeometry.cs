using System;

namespace StaticNets.Kernels;

/// <summary>
/// The validated shape of one Winograd F(2×2,3×3) convolution and its workspace layout: transformed filters
/// (16 × (outC, inC)), transformed input tiles (16 × (inC, chunk)), their products (16 × (outC, chunk)), and one
/// zero-padded input channel. Tiles are 2×2 output blocks numbered (example, tile row, tile column) across the whole batch and
/// processed <see cref="ChunkTiles"/> at a time, so the workspace does not grow with the batch. The weight gradient uses
/// the same layout for filter gradients, transformed input tiles and transformed output gradients, plus an
/// output-gradient plane, with longer chunks.
/// </summary>
internal readonly struct WinogradGeometry
{
    /// <summary>Transform points ξ: the 4×4 input tile, 16 products per (filter, tile).</summary>
    public const int Points = 16;

    // Floats of transformed input plus products per chunk: 1 MB, about one core's L2, so the sixteen SGEMMs read what
    // the input transform just wrote from cache. On cifar's layers at batch 64 (2-core AVX-512 VM) anything from 32 to
    // 256 tiles per chunk timed the same within noise, while 1024 tiles was up to twice as slow at 128 channels.
    private const int ChunkBudget = 1 << 18;
    private const int MinChunkTiles = 64;
    private const int MaxChunkTiles = 512;

    // The weight gradient's SGEMMs sum over the chunk's tiles into the sixteen (outC, inC) filter gradients, which each
    // chunk reads and writes once more, so it wants longer chunks than the forward pass: on cifar's layers at batch 64
    // (2-core AVX-512 VM, one thread) 256 to 512 tiles were up to 1.6× faster than the forward's 64 to 256 at 64 and
    // 128 channels, while 768 and more were slower again.
    private const int WeightGradientChunkBudget = 1 << 20;
    private const int MinWeightGradientChunkTiles = 256;

    /// <summary>Validates the shapes and lays out the workspace of <see cref="WinogradConv2d.Forward"/>, or of <see cref="WinogradConv2d.WeightGradient"/> if <paramref name="forWeightGradient"/>.</summary>
    public WinogradGeometry(int inChannels, int inHeight, int inWidth, int outChannels, int padding, bool forWeightGradient = false)
    {
        Conv = new ConvGeometry(inChannels, inHeight, inWidth, outChannels, 3, 1, padding);
        TileRows = (Conv.OutHeight + 1) / 2;
        TileColumns = (Conv.OutWidth + 1) / 2;
        TilesPerExample = new ExpectedLength("tileRows*tileColumns", TileRows, TileColumns).Product;

        // The padded plane holds every input a tile reads, including the rows and columns past the input that the
        // partial tiles of an odd-sized output touch: 2*tiles + 2 >= outSize + 2 = inSize + 2*padding.
        PaddedHeight = 2 * TileRows + 2;
        PaddedWidth = 2 * TileColumns + 2;
        ChunkTiles = forWeightGradient
            ? Math.Clamp(WeightGradientChunkBudget / (Points * (inChannels + outChannels)) / 16 * 16, MinWeightGradientChunkTiles, MaxChunkTiles)
            : Math.Clamp(ChunkBudget / (Points * (inChannels + outChannels)) / 16 * 16, MinChunkTiles, MaxChunkTiles);

        FilterStride = PointStride(new ExpectedLength("outChannels*inChannels", outChannels, inChannels).Product);
        FilterLength = new ExpectedLength("16*pointStride(outChannels*inChannels)", Points, FilterStride).Product;
        TileLength = new ExpectedLength("16*pointStride(inChannels*chunkTiles)", Points, PointStride(new ExpectedLength("inChannels*chunkTiles", inChannels, ChunkTiles).Product)).Product;
        ProductLength = new ExpectedLength("16*pointStride(outChannels*chunkTiles)", Points, PointStride(new ExpectedLength("outChannels*chunkTiles", outChannels, ChunkTiles).Product)).Product;
        PlaneLength = new ExpectedLength("paddedHeight*paddedWidth", PaddedHeight, PaddedWidth).Product;
        long chunk = (long)TileLength + ProductLength + PlaneLength;
        long total = chunk + FilterLength;
        if (total > int.MaxValue)
        {
            throw new ArgumentException($"The Winograd workspace for these shapes ({total} floats) is more than one span can hold.", nameof(inChannels));
        }

        ChunkWorkspaceLength = (int)chunk;
        WorkspaceLength = (int)total;

        // The weight gradient uses the same layout (its products are the transformed output gradients and its
        // filters the summed filter gradients), plus one output-gradient plane with a zero column and row past an
        // odd-sized output, so the partial tiles read zero gradient there.
        GradientPlaneLength = new ExpectedLength("2*tileRows*2*tileColumns", 2 * TileRows, 2 * TileColumns).Product;
        long weightGradient = total + GradientPlaneLength;
        if (weightGradient > int.MaxValue)
        {
            throw new ArgumentException($"The Winograd weight-gradient workspace for these shapes ({weightGradient} floats) is more than one span can hold.", nameof(inChannels));
        }

        WeightGradientWorkspaceLength = (int)weightGradient;
    }

    /// <summary>
    /// Floats from one point's matrix of transformed tiles or products to the next, for matrices of
    /// <paramref name="length"/> floats: whole cache lines, and an odd number of them. The transforms touch the same
    /// tile in all sixteen matrices at once; were the matrices a multiple of 4 KB apart (32 channels × 256 tiles is),
    /// those sixteen lines would share one L1 set and evict each other, and loads would falsely wait on stores to the
    /// same 4 KB offset. An odd line count spreads them over sixteen sets.
    /// </summary>
    public static int PointStride(int length)
    {
        int lines = length / 16 + (length % 16 == 0 ? 0 : 1);
        return checked((lines | 1) * 16);
    }

    /// <summary>The equivalent 3×3, stride-1 convolution (its checks and output size).</summary>
    public ConvGeometry Conv { get; }

    /// <summary>Rows of 2×2 output tiles per example, <c>ceil(outHeight/2)</c>.</summary>
    public int TileRows { get; }

    /// <summary>Tiles per row, <c>ceil(outWidth/2)</c>.</summary>
    public int TileColumns { get; }

    /// <summary>Tiles per example.</summary>
    public int TilesPerExample { get; }

    /// <summary>Rows of the zero-padded input plane.</summary>
    public int PaddedHeight { get; }

    /// <summary>Floats per row of the zero-padded input plane.</summary>
    public int PaddedWidth { get; }

    /// <summary>Tiles transformed and multiplied together.</summary>
    public int ChunkTiles { get; }

    /// <summary>Floats from one point's transformed filters U[ξ] (outC, inC) to the next.</summary>
    public int FilterStride { get; }

    /// <summary>Floats of transformed filters, U: 16 matrices (outC, inC), <see cref="FilterStride"/> apart.</summary>
    public int FilterLength { get; }

    /// <summary>Floats of transformed input tiles for one chunk, V: 16 matrices (inC, chunk), <see cref="PointStride"/> apart.</summary>
    public int TileLength { get; }

    /// <summary>Floats of products for one chunk, M: 16 matrices (outC, chunk), <see cref="PointStride"/> apart.</summary>
    public int ProductLength { get; }

    /// <summary>Floats of the zero-padded input plane.</summary>
    public int PlaneLength { get; }

    /// <summary>Workspace floats besides the transformed filters: one chunk's tiles and products, and the plane.</summary>
    public int ChunkWorkspaceLength { get; }

    /// <summary>Total workspace floats.</summary>
    public int WorkspaceLength { get; }

    /// <summary>Floats of the output-gradient plane: 2·tileRows rows of 2·tileColumns, the output's size rounded up to even.</summary>
    public int GradientPlaneLength { get; }

    /// <summary>Weight-gradient workspace floats: <see cref="WorkspaceLength"/> plus <see cref="GradientPlaneLength"/>.</summary>
    public int WeightGradientWorkspaceLength { get; }

    /// <summary>The weight-gradient workspace length as an expected-length formula for error messages.</summary>
    public ExpectedLength WeightGradientWorkspaceShape => new("16*(pointStride(outC*inC) + pointStride(inC*chunkTiles) + pointStride(outC*chunkTiles)) + paddedHeight*paddedWidth + 2*tileRows*2*tileColumns", WeightGradientWorkspaceLength);

    /// <summary>The workspace length as an expected-length formula for error messages.</summary>
    public ExpectedLength WorkspaceShape => new("16*(pointStride(outC*inC) + pointStride(inC*chunkTiles) + pointStride(outC*chunkTiles)) + paddedHeight*paddedWidth", WorkspaceLength);

    /// <summary>The workspace length without the filters, as an expected-length formula for error messages.</summary>
    public ExpectedLength ChunkWorkspaceShape => new("16*(pointStride(inC*chunkTiles) + pointStride(outC*chunkTiles)) + paddedHeight*paddedWidth", ChunkWorkspaceLength);
}
