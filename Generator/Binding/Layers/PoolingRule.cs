using System.Collections.Immutable;
using System.Text;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding.Layers;

/// <summary>
/// What max and average pooling share: <c>(size=2, stride=size)</c>, square windows per channel, no
/// padding. The window must tile the input: S divides H - F, output (H - F)/S + 1 (notes §5.2).
/// </summary>
internal abstract class PoolingRule : LayerRule
{
    private static readonly ImmutableArray<LayerParameter> s_parameters = ImmutableArray.Create(
        new LayerParameter("size", Required: false),
        new LayerParameter("stride", Required: false));

    public override ImmutableArray<LayerParameter> Parameters => s_parameters;

    /// <summary>Pooling selects or averages what the layer before produced; that layer's nonlinearity comes later.</summary>
    public override bool PassesInitChoiceOn => true;

    public override LayerSettings? Configure(LayerArguments arguments, DiagnosticBag diagnostics)
    {
        bool valid = TryReadAtLeast(arguments, "size", 1, 2, diagnostics, out int size, out var sizeAt);
        // The stride defaults to the window, and a tiling error then points at the window that set it.
        valid &= TryReadAtLeast(arguments, "stride", 1, size, diagnostics, out int stride, out var strideAt);
        if (!valid)
        {
            return null;
        }
        if (!arguments.TryGet("stride", out _))
        {
            strideAt = sizeAt;
        }

        var text = new StringBuilder(arguments.WrittenName).Append('(').Append(Format(size));
        if (stride != size)
        {
            text.Append(",stride:").Append(Format(stride));
        }
        text.Append(')');
        return new LayerSettings(0, size, stride, 0, text.ToString(), arguments.NameAt, sizeAt, strideAt, arguments.NameAt);
    }

    public override LayerShape? Apply(LayerSettings settings, Shape input, LayerContext context, DiagnosticBag diagnostics)
    {
        bool square = input.Height == input.Width;
        if (!TryOutputSide(settings, input, input.Height, context, SpatialFit.Side(square, height: true), diagnostics, out long height)
            || !TryOutputSide(settings, input, input.Width, context, SpatialFit.Side(square, height: false), diagnostics, out long width)
            || !TryCreateShape(input.Channels, height, width, context.Label, settings.NameAt, diagnostics, out var output))
        {
            return null;
        }
        return new LayerShape(output, 0, 0, 0);
    }

    /// <summary>One side of (H - F)/S + 1; reports SN0005 or SN0004, with what would fit, when it has no whole positive value.</summary>
    private static bool TryOutputSide(LayerSettings settings, Shape input, int side, LayerContext context, string sideLabel,
        DiagnosticBag diagnostics, out long output)
    {
        long span = (long)side - settings.KernelSize;
        string label = context.Label + sideLabel;
        output = 0;
        if (span < 0)
        {
            diagnostics.Add(DiagnosticDescriptors.SizeCollapses, settings.KernelAt, input.IsFlat
                ? label + ": window " + Format(settings.KernelSize) + " is larger than the input size " + Format(side) + ": "
                    + context.DescribeInput(input) + " is a flat vector; pool earlier, while the input is still an image"
                : label + ": window " + Format(settings.KernelSize) + " is larger than the input size " + Format(side) + " of "
                    + context.DescribeInput(input) + "; " + SpatialFit.FittingWindows(side, settings.Stride));
            return false;
        }
        if (span % settings.Stride != 0)
        {
            diagnostics.Add(DiagnosticDescriptors.PoolingDoesNotTile, settings.StrideAt,
                label + ": window " + Format(settings.KernelSize) + " with stride " + Format(settings.Stride)
                + " does not tile " + context.DescribeInput(input) + ": (" + Format(side) + " - " + Format(settings.KernelSize)
                + ") = " + Format(span) + " is not divisible by stride " + Format(settings.Stride) + ", so the output size "
                + Format(span) + "/" + Format(settings.Stride) + " + 1 is not a whole number; "
                + SpatialFit.FittingStrides(span, settings.KernelSize, settings.Stride) + "; "
                + SpatialFit.FittingWindows(side, settings.Stride));
            return false;
        }
        output = (span / settings.Stride) + 1;
        return true;
    }
}
