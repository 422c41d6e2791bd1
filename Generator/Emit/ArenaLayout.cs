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
    private ArenaLayout(
        int[] outputBuffer,
        List<(int Offset, int Length)> buffers,
        int activationsPerExample,
        int gradientWidth,
        int firstTrainableLayer)
    {
        OutputBuffer = outputBuffer;
        Buffers = buffers;
        ActivationsPerExample = activationsPerExample;
        GradientWidth = gradientWidth;
        FirstTrainableLayer = firstTrainableLayer;
    }

    /// <summary>Buffer index holding each layer's output; -1 for the loss, whose probabilities get <see cref="ProbabilitiesBuffer"/>.</summary>
    public IReadOnlyList<int> OutputBuffer { get; }

    /// <summary>Per-example offset and length of each activation buffer.</summary>
    public IReadOnlyList<(int Offset, int Length)> Buffers { get; }

    /// <summary>The buffer the loss writes class probabilities into during training.</summary>
    public int ProbabilitiesBuffer => Buffers.Count - 1;

    public int ActivationsPerExample { get; }

    /// <summary>Per-example width of each of the two ping-pong gradient buffers: the widest layer output.</summary>
    public int GradientWidth { get; }

    /// <summary>Index of the first layer with parameters: backward stops there, with no input gradient.</summary>
    public int FirstTrainableLayer { get; }

    public static ArenaLayout Plan(NetworkSpec spec)
    {
        var layers = spec.Layers;
        var outputBuffer = new int[layers.Count];
        var buffers = new List<(int Offset, int Length)>();
        int offset = 0;
        int gradientWidth = 0;
        int firstTrainable = -1;

        for (int i = 0; i < layers.Count; i++)
        {
            var layer = layers[i];
            if (firstTrainable < 0 && layer.ParameterCount > 0)
            {
                firstTrainable = i;
            }
            if (layer.Kind == LayerKind.SoftmaxLoss)
            {
                outputBuffer[i] = -1;
                continue;
            }
            gradientWidth = Math.Max(gradientWidth, layer.Output.Length);

            // ReLU runs in place: no backward pass needs the value before it (conv and FC backward read
            // their inputs, pooling its input and output, ReLU its output), so the copy would be waste.
            if (layer.Kind == LayerKind.Relu && i > 0)
            {
                outputBuffer[i] = outputBuffer[i - 1];
                continue;
            }
            outputBuffer[i] = buffers.Count;
            buffers.Add((offset, layer.Output.Length));
            offset += layer.Output.Length;
        }

        buffers.Add((offset, spec.Classes));
        offset += spec.Classes;
        gradientWidth = Math.Max(gradientWidth, spec.Classes);
        return new ArenaLayout(outputBuffer, buffers, offset, gradientWidth, Math.Max(firstTrainable, 0));
    }
}
