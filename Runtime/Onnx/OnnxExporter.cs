using System;
using System.IO;

namespace StaticNets.Onnx;

/// <summary>
/// Exports a generated network's inference pass (what <see cref="INetwork.Forward"/> computes) as an ONNX model:
/// IR version 8, opset 17, graph input <c>input</c> [N, C, H, W] (or [N, F] for a flat input) and output
/// <c>output</c> [N, classes], weights stored as initializers named as in <see cref="INetwork.ParameterTensors"/>
/// and <see cref="INetwork.BufferTensors"/>.
/// </summary>
/// <remarks>
/// CONV → Conv, POOL → MaxPool, AVGPOOL → AveragePool, FC → Gemm (transB = 1, after a Flatten when it reads an image),
/// MAXOUT → Gemm + Reshape + ReduceMax, BN → BatchNormalization with the running statistics, PRELU → PRelu (slopes
/// [C, 1, 1] on images), the other activations → their namesakes; DROPOUT is left out (identity at inference),
/// SOFTMAX → Softmax (axis 1), SVM and L2 add nothing (Forward returns scores or predictions). The protobuf is written
/// by hand, so this library needs no ONNX or protobuf package.
/// </remarks>
public static class OnnxExporter
{
    /// <summary>The serialized ONNX ModelProto of <paramref name="network"/>'s current weights.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="NotSupportedException">A layer has no ONNX equivalent here; the message names it.</exception>
    public static byte[] Export(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return OnnxGraphBuilder.Build(network);
    }

    /// <summary>
    /// Writes the model to <paramref name="path"/>: to a temporary file beside it first, then renamed over it, so a
    /// reader never sees half a model.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="NotSupportedException">A layer has no ONNX equivalent here; the message names it.</exception>
    public static void Save(INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] model = Export(network);
        string fullPath = Path.GetFullPath(path);
        string temporary = fullPath + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            File.WriteAllBytes(temporary, model);
            File.Move(temporary, fullPath, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
