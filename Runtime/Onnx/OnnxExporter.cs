using System;
using System.IO;

namespace StaticNets.Onnx;

/// <summary>
/// Exports a generated network's inference pass (what <see cref="INetwork.Forward"/> computes) as an ONNX model:
/// IR version 8, opset 17, graph input <c>input</c> [N, C, H, W] (or [N, F] for a flat input) and output
/// <c>output</c> [N, classes], weights stored as initializers named as in <see cref="INetwork.ParameterTensors"/>
/// and <see cref="INetwork.BufferTensors"/>.
/// </summary>
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
