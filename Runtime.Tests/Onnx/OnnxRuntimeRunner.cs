using System;
using System.Linq;
using Microsoft.ML.OnnxRuntime;

namespace StaticNets.Runtime.Tests.Onnx;

/// <summary>Runs an exported model on ONNX Runtime's CPU provider, the independent judge of the export.</summary>
internal static class OnnxRuntimeRunner
{
    public static float[] Run(InferenceSession session, float[] input, int batch)
    {
        // The symbolic batch dimension reads as -1 in the metadata.
        long[] shape = session.InputMetadata["input"].Dimensions.Select(d => d < 0 ? (long)batch : d).ToArray();
        using var inputValue = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var runOptions = new RunOptions();
        using var outputs = session.Run(runOptions, new[] { "input" }, new[] { inputValue }, new[] { "output" });
        long[] outputShape = outputs[0].GetTensorTypeAndShape().Shape;
        if (outputShape.Length != 2 || outputShape[0] != batch)
        {
            throw new InvalidOperationException($"ONNX Runtime returned shape [{string.Join(", ", outputShape)}], expected [{batch}, classes].");
        }
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    public static float[] Run(byte[] model, float[] input, int batch)
    {
        using var session = new InferenceSession(model);
        return Run(session, input, batch);
    }

    public static float MaxAbsoluteDifference(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual)
    {
        if (expected.Length != actual.Length)
        {
            throw new ArgumentException($"Lengths differ: {expected.Length} expected, {actual.Length} actual.");
        }
        float max = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            max = MathF.Max(max, MathF.Abs(expected[i] - actual[i]));
        }
        return float.IsNaN(max) ? float.PositiveInfinity : max;
    }
}
