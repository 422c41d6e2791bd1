using System.Collections.Generic;
using System.Linq;
using StaticNets.Generator.Binding.Layers;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding;

/// <summary>
/// SN1001 (warning): a linear layer (CONV, FC) whose input comes from another linear layer with nothing
/// nonlinear between them. W2(W1x + b1) + b2 = (W2W1)x + (W2b1 + b2): the pair is one linear map, no
/// more expressive than a single layer (notes §4.2.1). DROPOUT, AVGPOOL and BATCHNORM do not separate them:
/// at inference they are affine and fold into the first layer's weights and bias. Runs on the flat,
/// shape-checked list, so repetitions and the implied scoring FC are seen as the network computes them;
/// a layer written once and repeated is reported once.
/// </summary>
internal static class LinearCollapseChecker
{
    public static void Check(IReadOnlyList<BoundEntry> entries, IReadOnlyList<LayerSpec> layers, DiagnosticBag diagnostics)
    {
        int first = -1;
        var between = new List<int>();
        var reported = new HashSet<SourceSpan>();
        for (int i = 0; i < entries.Count; i++)
        {
            switch (entries[i].Rule.Linearity)
            {
                case LayerLinearity.Linear:
                    if (first >= 0 && reported.Add(entries[i].NameAt))
                    {
                        diagnostics.Add(DiagnosticDescriptors.LinearLayersCollapse, entries[i].NameAt,
                            Describe(layers[first], layers[i], between.Select(b => layers[b]).ToList(), entries[i], entries[entries.Count - 1]));
                    }
                    first = i;
                    between.Clear();
                    break;
                case LayerLinearity.AffineAtInference:
                    if (first >= 0)
                    {
                        between.Add(i);
                    }
                    break;
                default:
                    first = -1;
                    between.Clear();
                    break;
            }
        }
    }

    private static string Describe(LayerSpec first, LayerSpec second, IReadOnlyList<LayerSpec> between, BoundEntry secondEntry, BoundEntry loss)
    {
        string secondText = secondEntry.Implied
            ? "the scoring " + second.SourceText + " implied before " + loss.WrittenName + " (" + second.Name + ")"
            : Name(second);
        string gap = between.Count == 0
            ? "with no nonlinearity between them"
            : "with only " + string.Join(" and ", between.Select(Name)) + " between them, " + (between.Count == 1 ? "which is affine at inference and folds" : "which are affine at inference and fold")
                + " into W1 and b1";
        return secondText + " follows " + Name(first) + " " + gap + ", so the two collapse into one linear map from "
            + first.Input.ToString() + " to " + second.Output.ToString()
            + ": W2(W1x + b1) + b2 = (W2W1)x + (W2b1 + b2), no more expressive than a single layer; insert RELU after " + first.SourceText;
    }

    private static string Name(LayerSpec layer) => layer.SourceText + " (" + layer.Name + ")";
}
