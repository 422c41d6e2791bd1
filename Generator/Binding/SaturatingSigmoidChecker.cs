using System.Collections.Generic;
using System.Globalization;
using StaticNets.Generator.Binding.Layers;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding;

/// <summary>
/// SN1002 (warning): a SIGMOID with at least <see cref="MinConvolutions"/> CONV layers before it. The notes
/// (§6.1.1) call sigmoid "quite bad for image classification": its gradient s(1 - s) is at most 0.25 and
/// about 4.5e-5 once |x| passes 10, so the gradient reaching the convolutions before it shrinks at every
/// sigmoid, and its outputs are all positive, so the weight updates of the layer after it all share one
/// sign. One convolution before a sigmoid is a shallow net where this is tolerable (LeNet-era nets trained
/// so); from the second on, the gradient of the first already crosses a stack of feature layers. Sigmoids in
/// networks without convolutions (small MLPs, XOR) are left alone. A layer written once and repeated is
/// reported once, at its first deep repetition.
/// </summary>
internal static class SaturatingSigmoidChecker
{
    /// <summary>CONV layers before a SIGMOID from which it counts as deep in a conv net.</summary>
    public const int MinConvolutions = 2;

    public static void Check(IReadOnlyList<BoundEntry> entries, IReadOnlyList<LayerSpec> layers, DiagnosticBag diagnostics)
    {
        int convolutions = 0;
        var reported = new HashSet<SourceSpan>();
        for (int i = 0; i < entries.Count; i++)
        {
            var rule = entries[i].Rule;
            if (rule is ConvolutionRule)
            {
                convolutions++;
            }
            else if (rule is SigmoidRule && convolutions >= MinConvolutions && reported.Add(entries[i].NameAt))
            {
                diagnostics.Add(DiagnosticDescriptors.SigmoidInDeepConvNet, entries[i].NameAt, Describe(layers[i], convolutions));
            }
        }
    }

    private static string Describe(LayerSpec sigmoid, int convolutions)
    {
        string count = convolutions.ToString(CultureInfo.InvariantCulture);
        string range = convolutions == 2 ? "conv1 and conv2" : "conv1 to conv" + count;
        return sigmoid.SourceText + " (" + sigmoid.Name + ") comes after " + count + " CONV layers (" + range + "): sigmoid saturates, "
            + "its gradient s(1 - s) is at most 0.25 and about 4.5e-5 at |x| = 10, so the gradient reaching " + range
            + " vanishes, and its outputs are all positive, so the next layer's weight updates all share one sign; "
            + "use RELU (or TANH, which is zero-centred but saturates too)";
    }
}
