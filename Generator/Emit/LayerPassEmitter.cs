using StaticNets.Generator.Model;
using static StaticNets.Generator.Emit.NetworkEmitter;

namespace StaticNets.Generator.Emit;

/// <summary>The arena spans one layer's calls read and write, as C# expressions.</summary>
internal readonly struct LayerBuffers
{
    private readonly ArenaLayout _layout;
    private readonly int _index;

    public LayerBuffers(ArenaLayout layout, int index, int currentGradient, bool needsInputGradient)
    {
        _layout = layout;
        _index = index;
        CurrentGradient = currentGradient;
        NeedsInputGradient = needsInputGradient;
    }

    /// <summary>Which ping-pong buffer holds the gradient with respect to this layer's output.</summary>
    public int CurrentGradient { get; }

    /// <summary>False for the first trainable layer: nothing before it needs a gradient.</summary>
    public bool NeedsInputGradient { get; }

    public bool InPlace => _layout.InPlace[_index];

    /// <summary>This layer is a RELU the previous layer's kernel already applied.</summary>
    public bool FusedIntoPrevious => _layout.FusedIntoPrevious[_index];

    /// <summary>This layer is a RELU whose backward mask the MAXPOOL after it applies to its own output gradient.</summary>
    public bool MaskedByNextPool => _layout.ReluMaskedAtPool[_index];

    /// <summary>This layer is a MAXPOOL that applies the previous RELU's backward mask before routing the gradient.</summary>
    public bool MasksPreviousRelu => _index > 0 && _layout.ReluMaskedAtPool[_index - 1];

    /// <summary>The next layer is a RELU this layer's kernel applies as it stores its output.</summary>
    public bool FusesNext => _index + 1 < _layout.FusedIntoPrevious.Length && _layout.FusedIntoPrevious[_index + 1];

    public string Input => _index == 0 ? "input" : Buffer(_layout, _layout.OutputBuffer[_index - 1]);

    public string Output => Buffer(_layout, _layout.OutputBuffer[_index]);

    public string Auxiliary => Buffer(_layout, _layout.AuxiliaryBuffer[_index]);

    public string FixedState(int offsetWithin, int length) =>
        Invariant($"FixedState({_layout.FixedStateOffset[_index] + offsetWithin}, {length})");
}

/// <summary>
/// The kernel calls for one layer, forward and backward side by side, every shape a literal. Each layer kind
/// appears once here; its shape rule is in the binder and its kernels in Runtime/Kernels.
/// </summary>
internal static class LayerPassEmitter
{
    public static void Forward(SourceWriter w, LayerSpec layer, LayerBuffers b)
    {
        string weights = ParameterSlice(layer.WeightOffset, layer.WeightCount);
        string biases = ParameterSlice(layer.BiasOffset, layer.BiasCount);
        string fused = b.FusesNext ? ", " + Kernels + "FusedActivation.Relu" : "";
        if (b.FusedIntoPrevious)
        {
            w.Line("// applied by the previous layer's kernel as it stored its output");
            return;
        }

        switch (layer.Kind)
        {
            case LayerKind.Convolution:
                w.Line(Invariant($"{Kernels}Conv2d.Forward({b.Output}, {b.Input}, {weights}, {biases}, workspace, batch, {ConvShape(layer)}{fused});"));
                break;
            case LayerKind.FullyConnected:
                w.Line(Invariant($"{Kernels}FullyConnected.Forward({b.Output}, {b.Input}, {weights}, {biases}, batch, {layer.Input.Length}, {layer.Output.Length}{fused});"));
                break;
            case LayerKind.Maxout:
                w.Line(Invariant($"{Kernels}FullyConnected.Forward({b.Auxiliary}, {b.Input}, {weights}, {biases}, batch, {layer.Input.Length}, {layer.Output.Length * layer.Pieces});"));
                w.Line(Invariant($"{Kernels}Maxout.Forward({b.Output}, {b.Auxiliary}, batch, {layer.Output.Length}, {layer.Pieces});"));
                break;
            case LayerKind.MaxPool:
                w.Line(Invariant($"{Kernels}MaxPool2d.Forward({b.Output}, {b.Input}, batch, {PoolShape(layer)});"));
                break;
            case LayerKind.AvgPool:
                w.Line(Invariant($"{Kernels}AvgPool2d.Forward({b.Output}, {b.Input}, batch, {PoolShape(layer)});"));
                break;
            case LayerKind.Relu:
            case LayerKind.Sigmoid:
            case LayerKind.Tanh:
            case LayerKind.Softplus:
                w.Line(Invariant($"{Kernels}{layer.Kind}.Forward({b.Output}, {b.Input});"));
                break;
            case LayerKind.LeakyRelu:
            case LayerKind.Elu:
                w.Line(Invariant($"{Kernels}{layer.Kind}.Forward({b.Output}, {b.Input}, {Float(layer.Alpha)});"));
                break;
            case LayerKind.Prelu:
                w.Line(Invariant($"{Kernels}Prelu.Forward({b.Output}, {b.Input}, {weights}, batch, {ChannelShape(layer)});"));
                break;
            case LayerKind.BatchNorm:
                int channels = layer.Input.Channels;
                string running = Invariant($"buffers.Slice({layer.BufferOffset}, {channels}), buffers.Slice({layer.BufferOffset + channels}, {channels})");
                w.Open("if (training)");
                w.Line(Invariant($"{Kernels}BatchNorm.ForwardTraining({b.Output}, {b.Input}, {weights}, {biases}, {running}, {b.FixedState(0, channels)}, {b.FixedState(channels, channels)}, batch, {ChannelShape(layer)}, {Float(layer.Momentum)}, {Float(layer.Epsilon)});"));
                w.Close();
                w.Open("else");
                w.Line(Invariant($"{Kernels}BatchNorm.ForwardInference({b.Output}, {b.Input}, {weights}, {biases}, {running}, batch, {ChannelShape(layer)}, {Float(layer.Epsilon)});"));
                w.Close();
                break;
            case LayerKind.Dropout:
                w.Open("if (training)");
                w.Line(Invariant($"{Kernels}Dropout.ForwardTraining({b.Output}, {b.Auxiliary}, {b.Input}, {Float(layer.DropProbability)}, ref _randomState);"));
                w.Close();
                if (!b.InPlace)
                {
                    // Inverted dropout is the identity at inference; only a layer that cannot run in place must copy.
                    w.Open("else");
                    w.Line(Invariant($"{b.Input}.CopyTo({b.Output});"));
                    w.Close();
                }
                break;
            default:
                UnsupportedLayer(w, layer);
                break;
        }
    }

    /// <summary>Writes the backward calls and returns which gradient buffer holds the gradient for the layer's input.</summary>
    public static int Backward(SourceWriter w, LayerSpec layer, LayerBuffers b)
    {
        int current = b.CurrentGradient;
        int other = 1 - current;
        string dOutput = GradientBuffer(current, layer.Output.Length);
        string dInputOther = b.NeedsInputGradient ? GradientBuffer(other, layer.Input.Length) : "default";
        string weights = ParameterSlice(layer.WeightOffset, layer.WeightCount);
        string dWeights = GradientSlice(layer.WeightOffset, layer.WeightCount);
        string dBiases = GradientSlice(layer.BiasOffset, layer.BiasCount);
        switch (layer.Kind)
        {
            case LayerKind.Convolution:
                w.Line(Invariant($"{Kernels}Conv2d.Backward({dInputOther}, {dWeights}, {dBiases}, {dOutput}, {b.Input}, {weights}, workspace, batch, {ConvShape(layer)});"));
                return other;
            case LayerKind.FullyConnected:
                w.Line(Invariant($"{Kernels}FullyConnected.Backward({dInputOther}, {dWeights}, {dBiases}, {dOutput}, {b.Input}, {weights}, batch, {layer.Input.Length}, {layer.Output.Length});"));
                return other;
            case LayerKind.Maxout:
                int preActivations = layer.Output.Length * layer.Pieces;
                string dPre = GradientBuffer(other, preActivations);
                // The max routes the gradient to the other buffer; the FC part then writes the input gradient back
                // into this one, whose output gradient is no longer needed.
                w.Line(Invariant($"{Kernels}Maxout.Backward({dPre}, {dOutput}, {b.Auxiliary}, batch, {layer.Output.Length}, {layer.Pieces});"));
                string dInputHere = b.NeedsInputGradient ? GradientBuffer(current, layer.Input.Length) : "default";
                w.Line(Invariant($"{Kernels}FullyConnected.Backward({dInputHere}, {dWeights}, {dBiases}, {dPre}, {b.Input}, {weights}, batch, {layer.Input.Length}, {preActivations});"));
                return current;
            case LayerKind.MaxPool:
                if (b.MasksPreviousRelu)
                {
                    // The previous RELU's mask, on the pooled gradient: a window's maximum is positive exactly where
                    // the ReLU passed its gradient.
                    w.Line(Invariant($"{Kernels}Relu.Backward({dOutput}, {dOutput}, {b.Output});"));
                }

                w.Line(Invariant($"{Kernels}MaxPool2d.Backward({dInputOther}, {dOutput}, {b.Input}, {b.Output}, batch, {PoolShape(layer)});"));
                return other;
            case LayerKind.AvgPool:
                w.Line(Invariant($"{Kernels}AvgPool2d.Backward({dInputOther}, {dOutput}, batch, {PoolShape(layer)});"));
                return other;
            case LayerKind.Relu when b.MaskedByNextPool:
                w.Line("// masked by the max-pool after it, on the pooled gradient");
                return current;
            case LayerKind.Relu:
            case LayerKind.Sigmoid:
            case LayerKind.Tanh:
            case LayerKind.Softplus:
                // Elementwise layers rewrite the gradient buffer in place, reading their own output.
                w.Line(Invariant($"{Kernels}{layer.Kind}.Backward({dOutput}, {dOutput}, {b.Output});"));
                return current;
            case LayerKind.LeakyRelu:
            case LayerKind.Elu:
                w.Line(Invariant($"{Kernels}{layer.Kind}.Backward({dOutput}, {dOutput}, {b.Output}, {Float(layer.Alpha)});"));
                return current;
            case LayerKind.Prelu:
                w.Line(Invariant($"{Kernels}Prelu.Backward({dOutput}, {dWeights}, {dOutput}, {b.Input}, {weights}, batch, {ChannelShape(layer)});"));
                return current;
            case LayerKind.BatchNorm:
                int channels = layer.Input.Channels;
                w.Line(Invariant($"{Kernels}BatchNorm.Backward({dOutput}, {dWeights}, {dBiases}, {dOutput}, {b.Input}, {weights}, {b.FixedState(0, channels)}, {b.FixedState(channels, channels)}, batch, {ChannelShape(layer)});"));
                return current;
            case LayerKind.Dropout:
                w.Line(Invariant($"{Kernels}Dropout.Backward({dOutput}, {dOutput}, {b.Auxiliary});"));
                return current;
            default:
                UnsupportedLayer(w, layer);
                return current;
        }
    }

    // The binder only lets through layers this emitter knows; should that ever break, the user gets a
    // compile error naming the layer instead of a generator crash.
    private static void UnsupportedLayer(SourceWriter w, LayerSpec layer) =>
        w.Line("#error StaticNets cannot emit layer " + layer.Name + " (" + layer.Kind + ") here");

    private static string ConvShape(LayerSpec layer) => Invariant(
        $"{layer.Input.Channels}, {layer.Input.Height}, {layer.Input.Width}, {layer.Output.Channels}, {layer.KernelSize}, {layer.Stride}, {layer.Padding}");

    private static string PoolShape(LayerSpec layer) => Invariant(
        $"{layer.Input.Channels}, {layer.Input.Height}, {layer.Input.Width}, {layer.KernelSize}, {layer.Stride}");

    // Per-channel layers see (batch, channels, H*W); a flat input is (batch, features, 1).
    private static string ChannelShape(LayerSpec layer) => Invariant($"{layer.Input.Channels}, {layer.Input.Height * layer.Input.Width}");
}
