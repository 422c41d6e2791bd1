using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace StaticNets.Generator.Binding.Layers;

/// <summary>
/// The arithmetic shared by convolution and pooling (notes §5.1, §5.2): a window of size F moved by
/// stride S over an input of H (plus 2P padding) fits when S divides H + 2P - F, giving
/// (H + 2P - F)/S + 1 outputs. When it does not fit, lists what would.
/// </summary>
internal static class SpatialFit
{
    // Suggestions stay short and their search bounded, whatever sizes were written.
    private const int MaxSuggestions = 5;
    private const int MaxCandidate = 1024;
    private const int MaxFilterSuggestions = 3;

    /// <summary>Strides up to max(F, S) that divide <paramref name="span"/> = H + 2P - F, with the output each gives.</summary>
    public static string FittingStrides(long span, int kernel, int stride)
    {
        var fits = StrideOptions(span, kernel, stride);
        return fits.Count == 0 ? "no stride fits" : "strides that fit: " + string.Join(", ", fits.Select(f => Describe(f.Value, f.Output)));
    }

    /// <summary>The (stride, output) pairs <see cref="FittingStrides"/> lists, for messages and code fixes alike.</summary>
    public static List<(long Value, long Output)> StrideOptions(long span, int kernel, int stride)
    {
        var fits = new List<(long Value, long Output)>();
        long limit = Math.Min(Math.Max(kernel, stride), MaxCandidate);
        for (long candidate = 1; candidate <= limit && fits.Count < MaxSuggestions; candidate++)
        {
            if (span % candidate == 0)
            {
                fits.Add((candidate, span / candidate + 1));
            }
        }
        return fits;
    }

    /// <summary>
    /// Paddings below F that make H + 2P - F divisible by the stride, with the output each gives, from the
    /// smallest that lets the filter fit at all (0 unless the filter is larger than the input).
    /// </summary>
    public static string FittingPaddings(long size, int kernel, int stride)
    {
        var fits = PaddingOptions(size, kernel, stride);
        string strideText = stride.ToString(CultureInfo.InvariantCulture);
        return fits.Count == 0
            ? "no padding fits stride " + strideText
            : "paddings that fit stride " + strideText + ": " + string.Join(", ", fits.Select(f => Describe(f.Value, f.Output)));
    }

    /// <summary>The (padding, output) pairs <see cref="FittingPaddings"/> lists, for messages and code fixes alike.</summary>
    public static List<(long Value, long Output)> PaddingOptions(long size, int kernel, int stride)
    {
        var fits = new List<(long Value, long Output)>();
        long first = Math.Max(0, (kernel - size + 1) / 2);
        long limit = Math.Min(kernel - 1L, first + MaxCandidate);
        for (long padding = first; padding <= limit && fits.Count < MaxSuggestions; padding++)
        {
            long span = size + (2 * padding) - kernel;
            if (span >= 0 && span % stride == 0)
            {
                fits.Add((padding, span / stride + 1));
            }
        }
        return fits;
    }

    /// <summary>
    /// The largest filter sizes (at most the padded input) that S divides evenly into, largest first: the
    /// smallest change to a filter that overshoots its input.
    /// </summary>
    public static string FittingFilters(long padded, int stride)
    {
        var fits = new List<string>();
        for (long filter = padded; filter >= 1 && fits.Count < MaxFilterSuggestions; filter -= stride)
        {
            fits.Add(Describe(filter, ((padded - filter) / stride) + 1));
        }
        return fits.Count == 0 ? "no filter size fits" : "filter sizes that fit: " + string.Join(", ", fits);
    }

    /// <summary>Pooling windows up to the input size that tile it with the given stride.</summary>
    public static string FittingWindows(long size, int stride)
    {
        var fits = new List<string>();
        long limit = Math.Min(size, MaxCandidate);
        for (long window = Math.Min(2, limit); window <= limit && fits.Count < MaxSuggestions; window++)
        {
            if ((size - window) % stride == 0)
            {
                fits.Add(Describe(window, ((size - window) / stride) + 1));
            }
        }
        string strideText = stride.ToString(CultureInfo.InvariantCulture);
        return fits.Count == 0
            ? "no window fits stride " + strideText
            : "windows that fit stride " + strideText + ": " + string.Join(", ", fits);
    }

    /// <summary>Which side a message is about, when height and width differ.</summary>
    public static string Side(bool square, bool height) => square ? string.Empty : height ? " (height)" : " (width)";

    private static string Describe(long value, long output) =>
        value.ToString(CultureInfo.InvariantCulture) + " (output " + output.ToString(CultureInfo.InvariantCulture) + ")";
}
