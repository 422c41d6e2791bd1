using System;
using System.Collections.Generic;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Emit;

/// <summary>
/// Where each layer's activations live in the arena, decided once from the layer list so the emitter
/// only writes text. Offsets are per example: a buffer of per-example offset O and length L occupies
/// <c>[activationsStart + maxBatch*O, + batch*L)</c>, so every batch up to the maximum fits.
/// </summary>
internal sealed class ArenaLayout
{
    private readonly List<(int Offset, int Length)> _buffers = new();
    private int _activationsPerExample;

    private ArenaLayout(int layerCount)
    {
        OutputBuffer = new int[layerCount];
        InPlace = new bool[layerCount];
        FusedIntoPrevious = new bool[layerCount];
        ReluMaskedAtPool = new bool[layerCount];
        AuxiliaryBuffer = new int[layerCount];
        FixedStateOffset = new int[layerCount];
        for (int i = 0; i < layerCount; i++)
        {
            AuxiliaryBuffer[i] = -1;
            FixedStateOffset[i] = -1;
        }
    }

    /// <summary>Buffer index holding each layer's output; -1 for the loss.</summary>
    public int[] OutputBuffer { get; }

    /// <summary>True where a layer overwrites its input buffer instead of writing a new one.</summary>
    public bool[] InPlace { get; }

    /// <summary>
    /// True for a RELU whose forward pass the layer before it (CONV or FC, writing the same buffer) performs in its
    /// store: the kernel clamps each result while it is still in a register, which saves a pass over the activations.
    /// The backward pass is unchanged, since it reads only the ReLU's output, which is the same buffer either way.
    /// </summary>
    public bool[] FusedIntoPrevious { get; }

    /// <summary>
    /// True for a RELU followed by MAXPOOL: its backward mask is applied to the pool's output gradient, before the pool
    /// routes it, instead of to the routed gradient after. A max-pool window passes gradient only to its maximum, and
    /// ReLU passes it there exactly when that maximum, the pool's output, is positive; the pooled gradient is a
    /// quarter of the size for 2x2 pooling, so the mask's pass over memory is too.
    /// </summary>
    public bool[] ReluMaskedAtPool { get; }

    /// <summary>
    /// A second per-example buffer some layers need: MAXOUT's pre-activations (units x pieces), DROPOUT's mask.
    /// -1 for other layers.
    /// </summary>
    public int[] AuxiliaryBuffer { get; }

    /// <summary>Offset in the fixed (not per-example) state region: BATCHNORM's saved batch mean and 1/std. -1 otherwise.</summary>
    public int[] FixedStateOffset { get; }

    /// <summary>Floats of per-batch state that does not grow with the batch (BATCHNORM's saved statistics).</summary>
    public int FixedStateLength { get; private set; }

    /// <summary>Per-example offset and length of each activation buffer.</summary>
    public IReadOnlyList<(int Offset, int Length)> Buffers => _buffers;

    /// <summary>The buffer SOFTMAX writes class probabilities into during training; -1 for other losses.</summary>
    public int ProbabilitiesBuffer { get; private set; } = -1;

    public int ActivationsPerExample => _activationsPerExample;

    /// <summary>Per-example width of each of the two ping-pong gradient buffers: the widest gradient carried.</summary>
    public int GradientWidth { get; private set; }

    /// <summary>Index of the first layer with parameters: backward stops there, with no input gradient.</summary>
    public int FirstTrainableLayer { get; private set; }

    public static ArenaLayout Plan(NetworkSpec spec)
    {
        var layers = spec.Layers;
        var layout = new ArenaLayout(layers.Count);
        int firstTrainable = -1;
        int gradientWidth = spec.Classes;

        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            if (firstTrainable < 0 && layer.ParameterCount > 0)
            {
                firstTrainable = i;
            }
            if (IsLoss(layer.Kind))
            {
                layout.OutputBuffer[i] = -1;
                continue;
            }
            gradientWidth = Math.Max(gradientWidth, Math.Max(layer.Input.Length, layer.Output.Length));

            if (i > 0 && CanRunInPlace(layer.Kind) && !BackwardReadsOwnOutput(layers[i - 1].Kind))
            {
                layout.OutputBuffer[i] = layout.OutputBuffer[i - 1];
                layout.InPlace[i] = true;
                layout.FusedIntoPrevious[i] = layer.Kind == LayerKind.Relu
                    && layers[i - 1].Kind is LayerKind.Convolution or LayerKind.FullyConnected;
            }
            else
            {
                layout.OutputBuffer[i] = layout.Add(layer.Output.Length);
            }

            switch (layer.Kind)
            {
                case LayerKind.Maxout:
                    int preActivations = layer.Output.Length * layer.Pieces;
                    layout.AuxiliaryBuffer[i] = layout.Add(preActivations);
                    gradientWidth = Math.Max(gradientWidth, preActivations);
                    break;
                case LayerKind.Dropout:
                    layout.AuxiliaryBuffer[i] = layout.Add(layer.Output.Length);
                    break;
                case LayerKind.BatchNorm:
                    layout.FixedStateOffset[i] = layout.FixedStateLength;
                    layout.FixedStateLength += 2 * layer.Output.Channels;
                    break;
            }
        }

        if (layers[layers.Count - 1].Kind == LayerKind.SoftmaxLoss)
        {
            layout.ProbabilitiesBuffer = layout.Add(spec.Classes);
        }
        layout.GradientWidth = gradientWidth;
        layout.FirstTrainableLayer = Math.Max(firstTrainable, 0);
        for (int i = layout.FirstTrainableLayer; i + 1 < layers.Count; i++)
        {
            layout.ReluMaskedAtPool[i] = layers[i].Kind == LayerKind.Relu && layers[i + 1].Kind == LayerKind.MaxPool;
        }
        return layout;
    }

    public static bool IsLoss(LayerKind kind) => kind is LayerKind.SoftmaxLoss or LayerKind.SvmLoss or LayerKind.SquaredErrorLoss;

    // Elementwise layers whose backward pass needs only their output (activations) or their mask (dropout),
    // so they may overwrite their input and save a buffer.
    private static bool CanRunInPlace(LayerKind kind) => kind is LayerKind.Relu or LayerKind.LeakyRelu or LayerKind.Elu
        or LayerKind.Sigmoid or LayerKind.Tanh or LayerKind.Softplus or LayerKind.Dropout;

    // A layer whose backward reads its own output must keep it: nothing may run in place over it.
    private static bool BackwardReadsOwnOutput(LayerKind kind) => kind is LayerKind.Relu or LayerKind.LeakyRelu
        or LayerKind.Elu or LayerKind.Sigmoid or LayerKind.Tanh or LayerKind.Softplus or LayerKind.MaxPool;

    private int Add(int length)
    {
        _buffers.Add((_activationsPerExample, length));
        _activationsPerExample += length;
        return _buffers.Count - 1;
    }
}
