using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding.Layers;

/// <summary>
/// <c>CONV(filters, size, stride=1, pad=0|same)</c>: square filters, zero padding. Output side
/// H2 = (H1 + 2P - F)/S + 1, and S must divide H1 + 2P - F exactly (notes §5.1).
/// </summary>
internal sealed class ConvolutionRule : LayerRule
{
    public static readonly ConvolutionRule Instance = new();

    private static readonly ImmutableArray<LayerParameter> s_parameters = ImmutableArray.Create(
        new LayerParameter("filters", Required: true),
        new LayerParameter("size", Required: true),
        new LayerParameter("stride", Required: false),
        new LayerParameter("pad", Required: false, AcceptsSame: true));

    public override string Name => "CONV";

    public override LayerKind Kind => LayerKind.Convolution;

    public override ImmutableArray<LayerParameter> Parameters => s_parameters;

    public override string ModulePrefix => "conv";

    /// <summary>Convolution is linear in its input (a matrix product after im2col), so CONV+CONV collapses (SN1001).</summary>
    public override LayerLinearity Linearity => LayerLinearity.Linear;

    public override LayerSettings? Configure(LayerArguments arguments, DiagnosticBag diagnostics)
    {
        if (!HasRequired(arguments, diagnostics))
        {
            return null;
        }
        bool valid = TryReadAtLeast(arguments, "filters", 1, 0, diagnostics, out int filters, out var filtersAt);
        valid &= TryReadAtLeast(arguments, "size", 1, 0, diagnostics, out int size, out var sizeAt);
        valid &= TryReadAtLeast(arguments, "stride", 1, 1, diagnostics, out int stride, out var strideAt);

        int padding = 0;
        if (arguments.TryGet("pad", out var pad))
        {
            if (pad.IsSame)
            {
                // 'same' keeps H: (H + 2P - F)/1 + 1 = H needs P = (F-1)/2, a whole number only for odd F.
                if (valid && (size % 2 == 0 || stride != 1))
                {
                    diagnostics.Add(DiagnosticDescriptors.InvalidValue, pad.At,
                        arguments.WrittenName + " pad: same needs an odd filter size and stride 1, got size "
                        + Format(size) + " and stride " + Format(stride));
                    valid = false;
                }
                padding = (size - 1) / 2;
            }
            else if (pad.Value < 0)
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidValue, pad.At,
                    arguments.WrittenName + " pad must be at least 0 (or same), got " + Format(pad.Value));
                valid = false;
            }
            else
            {
                padding = pad.Value;
            }
        }
        if (!valid)
        {
            return null;
        }

        var text = new StringBuilder(arguments.WrittenName).Append('(').Append(Format(filters)).Append(',').Append(Format(size));
        if (stride != 1)
        {
            text.Append(",stride:").Append(Format(stride));
        }
        if (padding != 0)
        {
            text.Append(",pad:").Append(Format(padding));
        }
        text.Append(')');
        return new LayerSettings(filters, size, stride, padding, text.ToString(), filtersAt, sizeAt, strideAt, arguments.NameAt)
        {
            PaddingEditAt = arguments.TryGet("pad", out var written) && written.At.Argument == NetworkArgument.Architecture
                ? written.At
                : arguments.ClosingParenthesisAt,
        };
    }

    public override LayerShape? Apply(LayerSettings settings, Shape input, LayerContext context, DiagnosticBag diagnostics)
    {
        bool square = input.Height == input.Width;
        if (!TryOutputSide(settings, input, input.Height, context, SpatialFit.Side(square, height: true), diagnostics, out long height)
            || !TryOutputSide(settings, input, input.Width, context, SpatialFit.Side(square, height: false), diagnostics, out long width)
            || !TryCreateShape(settings.Size, height, width, context.Label, settings.NameAt, diagnostics, out var output))
        {
            return null;
        }
        long fanIn = NetworkLimits.SaturatingMultiply(input.Channels, NetworkLimits.SaturatingMultiply(settings.KernelSize, settings.KernelSize));
        return new LayerShape(output, NetworkLimits.SaturatingMultiply(settings.Size, fanIn), settings.Size, fanIn);
    }

    /// <summary>
    /// SN0003's code-fix options, <c>stride=S:O;pad=P:O</c> (CodeFixes/README.md): only values that fit both sides of
    /// the input, with this side's output. Strides from Defaults are left out: changing a default changes other layers.
    /// </summary>
    private static string FixOptions(LayerSettings settings, Shape input, int side)
    {
        var options = new List<string>();
        if (settings.StrideAt.Argument != NetworkArgument.Defaults)
        {
            foreach (var (stride, output) in SpatialFit.StrideOptions(side + (2L * settings.Padding) - settings.KernelSize, settings.KernelSize, settings.Stride))
            {
                if (FitsBothSides(input, settings.KernelSize, stride, settings.Padding))
                {
                    options.Add("stride=" + Format(stride) + ":" + Format(output));
                }
            }
        }
        foreach (var (padding, output) in SpatialFit.PaddingOptions(side, settings.KernelSize, settings.Stride))
        {
            if (FitsBothSides(input, settings.KernelSize, settings.Stride, padding))
            {
                options.Add("pad=" + Format(padding) + ":" + Format(output));
            }
        }
        return string.Join(";", options);
    }

    private static bool FitsBothSides(Shape input, int kernel, long stride, long padding)
    {
        long height = input.Height + (2 * padding) - kernel;
        long width = input.Width + (2 * padding) - kernel;
        return height >= 0 && width >= 0 && height % stride == 0 && width % stride == 0;
    }

    /// <summary>One side of H2 = (H1 + 2P - F)/S + 1; reports SN0005 or SN0003, with what would fit, when it has no whole positive value.</summary>
    private static bool TryOutputSide(LayerSettings settings, Shape input, int side, LayerContext context, string sideLabel,
        DiagnosticBag diagnostics, out long output)
    {
        long padded = side + (2L * settings.Padding);
        long span = padded - settings.KernelSize;
        string sum = Format(side) + " + 2*" + Format(settings.Padding);
        output = 0;
        if (span < 0)
        {
            diagnostics.Add(DiagnosticDescriptors.SizeCollapses, settings.KernelAt,
                context.Label + sideLabel + ": filter size " + Format(settings.KernelSize) + " is larger than the padded input "
                + sum + " = " + Format(padded) + " (" + context.DescribeInput(input) + "), so the output size ("
                + sum + " - " + Format(settings.KernelSize) + ")/" + Format(settings.Stride) + " + 1 is less than 1; "
                + SpatialFit.FittingFilters(padded, settings.Stride) + "; "
                + SpatialFit.FittingPaddings(side, settings.KernelSize, settings.Stride));
            return false;
        }
        if (span % settings.Stride != 0)
        {
            var diagnostic = new ArgumentDiagnostic(DiagnosticDescriptors.ConvolutionStrideMismatch, settings.StrideAt,
                context.Label + sideLabel + ": for " + context.DescribeInput(input) + ", (" + sum + " - " + Format(settings.KernelSize) + ") = "
                + Format(span) + " is not divisible by stride " + Format(settings.Stride) + ", so the output size "
                + Format(span) + "/" + Format(settings.Stride) + " + 1 is not a whole number; "
                + SpatialFit.FittingStrides(span, settings.KernelSize, settings.Stride) + "; "
                + SpatialFit.FittingPaddings(side, settings.KernelSize, settings.Stride));
            diagnostics.Add(diagnostic with
            {
                Properties = new EquatableArray<DiagnosticProperty>(ImmutableArray.Create(new DiagnosticProperty("Fixes", FixOptions(settings, input, side)))),
                AlsoAt = settings.PaddingEditAt,
            });
            return false;
        }
        output = (span / settings.Stride) + 1;
        return true;
    }
}
