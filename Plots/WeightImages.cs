using System;
using System.Collections.Generic;

namespace StaticNets.Plots;

/// <summary>One weight image: a filter or an FC unit's weights laid out as channels x height x width.</summary>
internal sealed record WeightTile(float[] Values, int Channels, int Height, int Width);

/// <summary>Reads the first weighted layer of a network as images, and normalises them for display.</summary>
internal static class WeightImages
{
    /// <summary>
    /// Maps <paramref name="source"/> linearly onto [0, 1]: its minimum to 0 and its maximum to 1, as the CS231n
    /// filter visualisations do per filter. A constant input maps to 0.5 (there is no range to stretch).
    /// </summary>
    internal static void NormalizeToUnitRange(ReadOnlySpan<float> source, Span<float> destination)
    {
        if (destination.Length != source.Length)
        {
            throw new ArgumentException($"destination must hold {source.Length} floats, got {destination.Length}.", nameof(destination));
        }

        if (source.IsEmpty)
        {
            return;
        }

        float min = float.PositiveInfinity;
        float max = float.NegativeInfinity;
        foreach (float value in source)
        {
            if (!float.IsFinite(value))
            {
                throw new ArgumentException("Weights must be finite to be drawn; found NaN or infinity.", nameof(source));
            }

            min = Math.Min(min, value);
            max = Math.Max(max, value);
        }

        float range = max - min;
        for (int i = 0; i < source.Length; i++)
        {
            destination[i] = range > 0 ? (source[i] - min) / range : 0.5f;
        }
    }

    /// <summary>The first layer with weights (convolution, fully connected or maxout).</summary>
    internal static LayerInfo FirstWeightedLayer(INetwork network)
    {
        foreach (var layer in network.Layers)
        {
            if (layer.WeightOffset >= 0 && layer.Operation is LayerOperation.Convolution or LayerOperation.FullyConnected or LayerOperation.Maxout)
            {
                return layer;
            }
        }

        throw new ArgumentException("The network has no convolution or fully connected layer whose weights could be drawn.", nameof(network));
    }

    /// <summary>
    /// One tile per output unit of the first weighted layer: a convolution's filters (in channels x k x k), or a
    /// fully connected (or maxout) layer's rows reshaped to its image input.
    /// </summary>
    internal static IReadOnlyList<WeightTile> FirstLayerTiles(INetwork network)
    {
        var layer = FirstWeightedLayer(network);
        ReadOnlySpan<float> parameters = network.Parameters;
        var input = layer.Input;
        switch (layer.Operation)
        {
            case LayerOperation.Convolution:
                return Slice(parameters, layer.WeightOffset, layer.Output.Channels, input.Channels, layer.KernelSize, layer.KernelSize);
            case LayerOperation.FullyConnected when input.Height > 1 || input.Width > 1:
                return Slice(parameters, layer.WeightOffset, layer.Output.Length, input.Channels, input.Height, input.Width);
            case LayerOperation.Maxout when input.Height > 1 || input.Width > 1:
                // A maxout layer's weights are a fully connected layer's with Pieces rows per unit; each row is drawn.
                return Slice(parameters, layer.WeightOffset, layer.Output.Length * layer.Pieces, input.Channels, input.Height, input.Width);
            default:
                throw new ArgumentException(
                    $"The first weighted layer '{layer.Name}' ({layer.Operation}, input {input}) does not see an image, so its weights have no image layout; " +
                    "for a fully connected layer on flattened input use SaveClassTemplates with the input shape.",
                    nameof(network));
        }
    }

    /// <summary>The rows of a fully connected first layer reshaped to channels x height x width.</summary>
    internal static IReadOnlyList<WeightTile> LinearTemplates(INetwork network, int channels, int height, int width)
    {
        if (channels <= 0 || height <= 0 || width <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(channels), $"The image shape must be positive, got {channels}x{height}x{width}.");
        }

        var layer = FirstWeightedLayer(network);
        if (layer.Operation != LayerOperation.FullyConnected)
        {
            throw new ArgumentException($"A linear classifier starts with a fully connected layer; '{layer.Name}' is {layer.Operation}.", nameof(network));
        }

        foreach (var other in network.Layers)
        {
            if (other != layer && other.WeightOffset >= 0)
            {
                throw new ArgumentException(
                    $"A linear classifier has one weighted layer, but '{other.Name}' ({other.Operation}) also has weights, so '{layer.Name}''s units are not class templates.",
                    nameof(network));
            }
        }

        long imageLength = (long)channels * height * width;
        if (layer.Input.Length != imageLength)
        {
            throw new ArgumentException(
                $"'{layer.Name}' takes {layer.Input.Length} inputs but {channels}x{height}x{width} = {imageLength}.", nameof(channels));
        }

        return Slice(network.Parameters, layer.WeightOffset, layer.Output.Length, channels, height, width);
    }

    private static List<WeightTile> Slice(ReadOnlySpan<float> parameters, int offset, int count, int channels, int height, int width)
    {
        int length = channels * height * width;
        var tiles = new List<WeightTile>(count);
        for (int unit = 0; unit < count; unit++)
        {
            tiles.Add(new WeightTile(parameters.Slice(offset + unit * length, length).ToArray(), channels, height, width));
        }

        return tiles;
    }
}
