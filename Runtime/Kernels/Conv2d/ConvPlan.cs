using System;

namespace StaticNets.Kernels;

/// <summary>How a convolution's forward product is computed.</summary>
internal enum ConvAlgorithm
{
    /// <summary>im2col into the workspace, then the SGEMM (any shape).</summary>
    Im2ColGemm,

    /// <summary><see cref="DirectConv2d"/>: stride 1, rows that fill most of a vector.</summary>
    Direct,

    /// <summary><see cref="WinogradConv2d"/>: 3×3, stride 1, enough channels and positions.</summary>
    Winograd,
}

/// <summary>
/// Which algorithm each product of a convolution uses, and how its workspace is laid out. Every choice depends only on
/// the shape, the batch and the vector width, never on the thread count, so a layer always takes the same path.
/// </summary>
/// <remarks>
/// The workspace is a shared region, written by the caller before any part runs and then only read (Winograd-transformed
/// filters, the turned filters of the input gradient, a zero bias), followed by the scratch of the caller's own part.
/// Parts on other threads take scratch of the same length from <see cref="ThreadScratch"/>.
/// </remarks>
internal readonly struct ConvPlan
{
    // Winograd F(2x2,3x3) measured against im2col + SGEMM (AVX-512, batch 64, Stopwatch medians, see WinogradConv2d):
    // 1.5-2.2x faster from 32 input channels up, 0.54x at 3 input channels, where its sixteen products are too thin.
    // At batch 1 it loses on 8x8 maps (64 positions: the filter transform is not repaid), wins from 16x16 (256).
    private const int WinogradMinInChannels = 16;
    private const int WinogradMinPositions = 256;

    public ConvPlan(in ConvGeometry g, int batch, int width)
    {
        Geometry = g;
        Forward = Choose(g, batch, width);
        WeightGradient = WinogradSuits(g, batch) ? ConvAlgorithm.Winograd
            : DirectWeightGradient.Supports(g) && g.KernelSize >= DirectWeightGradientMinKernel ? ConvAlgorithm.Direct
            : ConvAlgorithm.Im2ColGemm;

        // The input gradient of a stride-1 convolution is a forward convolution of the output gradient (FlippedFilters).
        InputGradientAlgorithm = HasGradientConvolution(g) && !MostlyPadding(g) ? Choose(GradientGeometry(g), batch, width) : ConvAlgorithm.Im2ColGemm;
    }

    public ConvGeometry Geometry { get; }

    public ConvAlgorithm Forward { get; }

    /// <summary>
    /// How Backward computes the weight gradient: Winograd's adjoint (<see cref="WinogradConv2d.WeightGradient"/>; against
    /// im2col products at batch 64, one thread: 1.4-1.7x faster on cifar's layers from 32 input channels, 0.65x at 3),
    /// <see cref="DirectWeightGradient"/>, or im2col products.
    /// </summary>
    public ConvAlgorithm WeightGradient { get; }

    // The turned convolution runs over the output gradient padded by k-1-p on every side. When the forward pass was
    // not padded, that border is mostly zeros: lenet5's conv2 (10x10 gradient, 5x5 filters) would compute 14x14
    // outputs from 18x18 padded planes, twice the multiply-adds of the product route. Up to a quarter more is
    // accepted (a 3x3 layer padded by 1 needs none).
    private static bool MostlyPadding(in ConvGeometry g) => (long)g.InHeight * g.InWidth * 4 > (long)g.OutHeight * g.OutWidth * 5;

    // DirectWeightGradient against im2col products, batch 64, one thread (Stopwatch medians): lenet5 conv1 (5x5)
    // 0.248 -> 0.152 ms, conv2 (5x5) 0.481 -> 0.353 ms; on 3x3 layers it is even (cifar conv1 0.96 -> 1.08, conv2
    // 10.4 -> 8.9, conv3 5.2 -> 5.7, conv5 4.8 -> 4.8): with 3 taps per filter row a step feeds 12 FMAs from 7 loads
    // instead of 20 from 9.
    private const int DirectWeightGradientMinKernel = 5;

    /// <summary>
    /// How Backward computes the input gradient: a forward convolution with turned filters by that algorithm, or, for
    /// <see cref="ConvAlgorithm.Im2ColGemm"/>, products and col2im.
    /// </summary>
    public ConvAlgorithm InputGradientAlgorithm { get; }

    /// <summary>Whether Backward computes the input gradient as a forward convolution with turned filters.</summary>
    public bool InputGradientByForward => InputGradientAlgorithm != ConvAlgorithm.Im2ColGemm;

    /// <summary>Floats at the start of the workspace for the Winograd-transformed forward filters.</summary>
    public int ForwardFiltersLength => Forward == ConvAlgorithm.Winograd ? WinogradConv2d.TransformedWeightLength(Geometry.InChannels, Geometry.OutChannels) : 0;

    // The backward pass's shared region: the turned filters, a zero bias for their convolution, then (for Winograd)
    // the turned filters transformed.

    /// <summary>Floats of the turned filters at the start of the shared region: (inC, outC, k, k).</summary>
    public int TurnedFiltersLength => Geometry.OutChannels * Geometry.ColumnRows;

    /// <summary>Where the zero bias (inC floats) of the turned convolution starts in the shared region.</summary>
    public int ZeroBiasOffset => TurnedFiltersLength;

    /// <summary>Where the Winograd-transformed turned filters start in the shared region.</summary>
    public int TransformedTurnedFiltersOffset => ZeroBiasOffset + Geometry.InChannels;

    /// <summary>Floats of the Winograd-transformed turned filters.</summary>
    public int TransformedTurnedFiltersLength => WinogradConv2d.TransformedWeightLength(Geometry.OutChannels, Geometry.InChannels);

    /// <summary>
    /// The workspace every call on this shape needs, whatever the batch or the vector width: the largest shared region
    /// any plan could use (<see cref="SharedCapacity"/>), then the largest part scratch (<see cref="PartScratchLength"/>).
    /// </summary>
    public static int WorkspaceLength(in ConvGeometry g)
    {
        long total = (long)SharedCapacity(g) + PartScratchLength(g);
        return total <= Array.MaxLength
            ? (int)total
            : throw new ArgumentException($"The convolution's workspace would need {total} floats, more than an array can hold.");
    }

    /// <summary>Floats reserved at the start of the workspace for the shared region; the caller's part scratch follows.</summary>
    public static int SharedCapacity(in ConvGeometry g)
    {
        long forward = WinogradConv2d.Supports(g.KernelSize, g.Stride) ? WinogradConv2d.TransformedWeightLength(g.InChannels, g.OutChannels) : 0;
        long gradient = 0;
        if (HasGradientConvolution(g))
        {
            ConvGeometry turned = GradientGeometry(g);
            gradient = (long)g.OutChannels * g.ColumnRows + g.InChannels
                + (WinogradConv2d.Supports(turned.KernelSize, turned.Stride) ? WinogradConv2d.TransformedWeightLength(turned.InChannels, turned.OutChannels) : 0);
        }

        return (int)Math.Min(Math.Max(forward, gradient), Array.MaxLength);
    }

    /// <summary>The scratch one part needs: the largest of one column matrix and every fast kernel's own scratch.</summary>
    public static int PartScratchLength(in ConvGeometry g)
    {
        long part = Math.Max((long)g.ColumnRows * g.Positions, FastKernelScratch(g));
        if (DirectWeightGradient.Supports(g))
        {
            part = Math.Max(part, DirectWeightGradient.WorkspaceLength(g));
        }

        if (WinogradConv2d.Supports(g.KernelSize, g.Stride))
        {
            part = Math.Max(part, WinogradConv2d.WeightGradientWorkspaceLength(g.InChannels, g.OutChannels, g.InHeight, g.InWidth, g.Padding));
        }
        if (HasGradientConvolution(g))
        {
            part = Math.Max(part, FastKernelScratch(GradientGeometry(g)));
        }

        return (int)Math.Min(part, Array.MaxLength);
    }

    private static long FastKernelScratch(in ConvGeometry g)
    {
        long scratch = 0;
        if (WinogradConv2d.Supports(g.KernelSize, g.Stride))
        {
            scratch = WinogradConv2d.TransformedWorkspaceLength(g.InChannels, g.OutChannels, g.InHeight, g.InWidth, g.Padding);
        }

        if (g.Stride == 1)
        {
            scratch = Math.Max(scratch, DirectConv2d.WorkspaceLength(g.InChannels, g.InHeight, g.InWidth, g.Padding));
        }

        return scratch;
    }

    /// <summary>The convolution that computes the input gradient: output gradient in, input gradient out, turned filters.</summary>
    public static ConvGeometry GradientGeometry(in ConvGeometry g) =>
        new(g.OutChannels, g.OutHeight, g.OutWidth, g.InChannels, g.KernelSize, 1, FlippedFilters.GradientPadding(g.KernelSize, g.Padding));

    // Stride 1 and a padding no wider than the filter's reach, so the turned convolution's padding is not negative; a
    // 1×1 convolution's input gradient is already a single product with no col2im.
    private static bool HasGradientConvolution(in ConvGeometry g) => g.Stride == 1 && g.KernelSize > 1 && g.Padding <= g.KernelSize - 1;

    private static ConvAlgorithm Choose(in ConvGeometry g, int batch, int width)
    {
        if (WinogradSuits(g, batch))
        {
            return ConvAlgorithm.Winograd;
        }

        return DirectConv2d.Suits(g, width) ? ConvAlgorithm.Direct : ConvAlgorithm.Im2ColGemm;
    }

    private static bool WinogradSuits(in ConvGeometry g, int batch) =>
        WinogradConv2d.Supports(g.KernelSize, g.Stride)
        && g.InChannels >= WinogradMinInChannels
        && (long)batch * g.Positions >= WinogradMinPositions;
}
