using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding.Layers;

/// <summary>
/// Where a layer sits, for its shape rule's messages: how to name this repetition of it, and which layer
/// produced its input. A size that does not fit is usually fixed one layer earlier, so messages name both.
/// </summary>
/// <param name="Label">This repetition of the layer, e.g. <c>CONV #3</c>.</param>
/// <param name="Producer">
/// The last layer before it that changed the shape, as module name and text, e.g. <c>conv1 (CONV(6,4))</c>
/// (activations, batch norm and dropout after it pass the size on unchanged); null when the shape is still
/// the network's <c>Input</c>.
/// </param>
internal sealed record LayerContext(string Label, string? Producer)
{
    /// <summary>The input and where it came from: <c>the input 6x25x25 produced by conv1 (CONV(6,4))</c>, or <c>the Input 1x28x28</c>.</summary>
    public string DescribeInput(Shape input) => Producer is null
        ? "the Input " + input.ToString()
        : "the input " + input.ToString() + " produced by " + Producer;
}
