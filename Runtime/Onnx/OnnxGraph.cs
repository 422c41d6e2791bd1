using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace StaticNets.Onnx;

/// <summary>An ONNX node attribute: one int, one float or a list of ints.</summary>
internal sealed class OnnxAttribute
{
    private OnnxAttribute(string name, OnnxAttributeType type, long integer, float real, long[] integers)
    {
        Name = name;
        Type = type;
        Integer = integer;
        Real = real;
        Integers = integers;
    }

    public string Name { get; }

    public OnnxAttributeType Type { get; }

    public long Integer { get; }

    public float Real { get; }

    public IReadOnlyList<long> Integers { get; }

    public static OnnxAttribute Int(string name, long value) => new(name, OnnxAttributeType.Int, value, 0, Array.Empty<long>());

    public static OnnxAttribute Float(string name, float value) => new(name, OnnxAttributeType.Float, 0, value, Array.Empty<long>());

    public static OnnxAttribute Ints(string name, params long[] values) => new(name, OnnxAttributeType.Ints, 0, 0, (long[])values.Clone());
}

/// <summary>AttributeProto.AttributeType values (onnx.proto).</summary>
internal enum OnnxAttributeType
{
    Float = 1,
    Int = 2,
    Ints = 7,
}

/// <summary>TensorProto.DataType values (onnx.proto).</summary>
internal enum OnnxDataType
{
    Float = 1,
    Int64 = 7,
}

/// <summary>One operator call: its inputs and single output are tensor names.</summary>
internal sealed record OnnxNode(string OpType, string Name, IReadOnlyList<string> Inputs, string Output, IReadOnlyList<OnnxAttribute> Attributes);

/// <summary>
/// A constant tensor (weights, statistics, shapes) stored in the model as little-endian raw data. <paramref name="Slot"/>
/// says where a weight or statistic lives in the network, so the importer can write it back; null for constants
/// that only describe the architecture (Reshape's shape).
/// </summary>
internal sealed record OnnxInitializer(string Name, OnnxDataType DataType, IReadOnlyList<long> Dims, byte[] RawData, OnnxWeightSlot? Slot = null);

/// <summary>Where an initializer's floats live: <see cref="INetwork.Buffers"/> or <see cref="INetwork.Parameters"/>, from an offset.</summary>
internal readonly record struct OnnxWeightSlot(bool IsBuffer, int Offset, int Length);

/// <summary>The computation graph being assembled, in topological order.</summary>
internal sealed class OnnxGraph
{
    private readonly List<OnnxNode> _nodes = new();
    private readonly List<OnnxInitializer> _initializers = new();

    public IReadOnlyList<OnnxNode> Nodes => _nodes;

    public IReadOnlyList<OnnxInitializer> Initializers => _initializers;

    /// <summary>Adds a node and returns the name of the tensor it produces (its output).</summary>
    public string AddNode(string opType, string name, string output, IReadOnlyList<string> inputs, params OnnxAttribute[] attributes)
    {
        _nodes.Add(new OnnxNode(opType, name, inputs, output, attributes));
        return output;
    }

    /// <summary>Renames the last node's output: the graph's final tensor gets the model's output name.</summary>
    public void RenameLastOutput(string output)
    {
        var last = _nodes[^1];
        _nodes[^1] = last with { Output = output };
    }

    /// <summary>Adds a FLOAT initializer and returns its name.</summary>
    public string AddFloats(string name, ReadOnlySpan<float> values, OnnxWeightSlot slot, params long[] dims)
    {
        var raw = new byte[checked(values.Length * sizeof(float))];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(raw.AsSpan(i * sizeof(float)), values[i]);
        }
        _initializers.Add(new OnnxInitializer(name, OnnxDataType.Float, dims, raw, slot));
        return name;
    }

    /// <summary>Adds an INT64 initializer (Reshape's target shape) and returns its name.</summary>
    public string AddInt64s(string name, params long[] values)
    {
        var raw = new byte[checked(values.Length * sizeof(long))];
        for (int i = 0; i < values.Length; i++)
        {
            BinaryPrimitives.WriteInt64LittleEndian(raw.AsSpan(i * sizeof(long)), values[i]);
        }
        _initializers.Add(new OnnxInitializer(name, OnnxDataType.Int64, new long[] { values.Length }, raw));
        return name;
    }
}
