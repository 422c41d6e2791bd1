using System;

namespace StaticNets.Kernels;

/// <summary>
/// The input gradient of a stride-1 convolution is itself a stride-1 convolution: of the output gradient, with every
/// filter turned 180° and the roles of input and output channels swapped, padded by <c>k - 1 - padding</c>
/// (the "full" correlation of the notes' §5.1 backward pass, cropped by the forward padding). So the fast forward
/// kernels (direct, Winograd) serve the backward pass too, given the filters rearranged by <see cref="Write"/>.
/// </summary>
internal static class FlippedFilters
{
    /// <summary>
    /// flipped[c, o, i, j] = weight[o, c, k-1-i, k-1-j]: flipped is (inChannels, outChannels, k, k), weight is
    /// (outChannels, inChannels, k, k); lengths checked by the caller.
    /// </summary>
    public static void Write(Span<float> flipped, ReadOnlySpan<float> weight, int outChannels, int inChannels, int kernelSize)
    {
        int taps = kernelSize * kernelSize;
        for (int o = 0; o < outChannels; o++)
        {
            for (int c = 0; c < inChannels; c++)
            {
                ReadOnlySpan<float> filter = weight.Slice((o * inChannels + c) * taps, taps);
                Span<float> turned = flipped.Slice((c * outChannels + o) * taps, taps);
                for (int t = 0; t < taps; t++)
                {
                    turned[taps - 1 - t] = filter[t];
                }
            }
        }
    }

    /// <summary>The padding of the forward convolution that computes the input gradient: <c>k - 1 - padding</c>.</summary>
    public static int GradientPadding(int kernelSize, int padding) => kernelSize - 1 - padding;
}
