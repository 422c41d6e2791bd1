using System;
using System.Collections.Generic;
using Microsoft.ML.OnnxRuntime;

namespace StaticNets.Benchmarks.Compare;

/// <summary>
/// One batch size's call to <see cref="InferenceSession.Run(RunOptions, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue}, IReadOnlyCollection{string}, IReadOnlyCollection{OrtValue})"/>
/// with input and output OrtValues made once over pinned managed arrays, so that each timed call allocates no
/// tensors: ONNX Runtime reads the input and writes the output in place.
/// </summary>
internal sealed class OnnxRunner : IDisposable
{
    private static readonly string[] InputNames = { "input" };
    private static readonly string[] OutputNames = { "output" };

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly OrtValue _input;
    private readonly OrtValue _output;
    private readonly OrtValue[] _inputs;
    private readonly OrtValue[] _outputs;

    public OnnxRunner(InferenceSession session, Memory<float> input, int inputLength, int outputLength, int batch)
    {
        _session = session;
        long[] inputShape = InputShape(session, batch, inputLength);
        _input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, input, inputShape);
        Output = new float[batch * outputLength];
        _output = OrtValue.CreateTensorValueFromMemory(Output, new long[] { batch, outputLength });
        _inputs = new[] { _input };
        _outputs = new[] { _output };
    }

    /// <summary>The last run's output, written by ONNX Runtime in place.</summary>
    public float[] Output { get; }

    public void Run() => _session.Run(_runOptions, InputNames, _inputs, OutputNames, _outputs);

    public void Dispose()
    {
        _input.Dispose();
        _output.Dispose();
        _runOptions.Dispose();
    }

    private static long[] InputShape(InferenceSession session, int batch, int inputLength)
    {
        int[] dimensions = session.InputMetadata[InputNames[0]].Dimensions;
        var shape = new long[dimensions.Length];
        long perExample = 1;
        for (int i = 0; i < dimensions.Length; i++)
        {
            // The exported batch dimension is symbolic and reads as -1.
            shape[i] = dimensions[i] < 0 ? batch : dimensions[i];
            perExample *= i == 0 ? 1 : shape[i];
        }
        if (perExample != inputLength)
        {
            throw new InvalidOperationException($"The exported model takes {perExample} floats per example, the network {inputLength}.");
        }
        return shape;
    }
}
