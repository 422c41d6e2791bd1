using System.Collections.Generic;

namespace StaticNets.Onnx;

/// <summary>
/// Parses the parts of an ONNX ModelProto the importer checks (field numbers from onnx.proto, named in each reader
/// below) into plain objects; every other field is skipped. Tensor payloads are not copied: the parsed tensor keeps
/// where they lie in the model's bytes.
/// </summary>
internal static class OnnxModelReader
{
    /// <summary>
    /// Cap on repeated integers per field (dims, ints attributes, int64_data). The networks' tensors have at most
    /// four dimensions and their int attributes four values; the cap keeps a forged run from filling memory or
    /// a mismatch message.
    /// </summary>
    public const int MaxRepeatedIntegers = 64;

    public static ParsedModel Read(System.ReadOnlySpan<byte> data)
    {
        var reader = ProtoReader.Root(data, "ModelProto");
        var model = new ParsedModel();
        while (reader.HasMore)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    reader.Expect(wire, ProtoReader.WireVarint, "ir_version");
                    model.IrVersion = reader.ReadInt64();
                    break;
                case 7:
                    reader.Expect(wire, ProtoReader.WireLengthDelimited, "graph");
                    model.GraphCount++;
                    var graphReader = reader.ReadMessage("GraphProto");
                    model.Graph = ReadGraph(ref graphReader);
                    break;
                case 8:
                    reader.Expect(wire, ProtoReader.WireLengthDelimited, "opset_import");
                    var opsetReader = reader.ReadMessage("OperatorSetIdProto");
                    model.Opsets.Add(ReadOpset(ref opsetReader));
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }
        return model;
    }

    // OperatorSetIdProto: 1 domain, 2 version.
    private static (string Domain, long Version) ReadOpset(ref ProtoReader reader)
    {
        string domain = "";
        long version = 0;
        while (reader.HasMore)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1)
            {
                reader.Expect(wire, ProtoReader.WireLengthDelimited, "domain");
                domain = reader.ReadString();
            }
            else if (field == 2)
            {
                reader.Expect(wire, ProtoReader.WireVarint, "version");
                version = reader.ReadInt64();
            }
            else
            {
                reader.Skip(wire);
            }
        }
        return (domain, version);
    }

    // GraphProto: 1 node, 5 initializer, 11 input, 12 output, 15 sparse_initializer.
    private static ParsedGraph ReadGraph(ref ProtoReader reader)
    {
        var graph = new ParsedGraph();
        while (reader.HasMore)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    reader.Expect(wire, ProtoReader.WireLengthDelimited, "node");
                    var node = reader.ReadMessage("NodeProto");
                    graph.Nodes.Add(ReadNode(ref node));
                    break;
                case 5:
                    reader.Expect(wire, ProtoReader.WireLengthDelimited, "initializer");
                    var tensor = reader.ReadMessage("TensorProto");
                    graph.Initializers.Add(ReadTensor(ref tensor));
                    break;
                case 11:
                case 12:
                    reader.Expect(wire, ProtoReader.WireLengthDelimited, field == 11 ? "input" : "output");
                    var value = reader.ReadMessage("ValueInfoProto");
                    (field == 11 ? graph.Inputs : graph.Outputs).Add(ReadValueInfo(ref value));
                    break;
                case 15:
                    reader.Expect(wire, ProtoReader.WireLengthDelimited, "sparse_initializer");
                    reader.ReadLengthDelimited();
                    graph.SparseInitializerCount++;
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }
        return graph;
    }

    // NodeProto: 1 input, 2 output, 3 name, 4 op_type, 5 attribute, 7 domain.
    private static ParsedNode ReadNode(ref ProtoReader reader)
    {
        var node = new ParsedNode();
        while (reader.HasMore)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    reader.Expect(wire, ProtoReader.WireLengthDelimited, "input");
                    node.Inputs.Add(reader.ReadString());
                    break;
                case 2:
                    reader.Expect(wire, ProtoReader.WireLengthDelimited, "output");
                    node.Outputs.Add(reader.ReadString());
                    break;
                case 3:
                    reader.Expect(wire, ProtoReader.WireLengthDelimited, "name");
                    node.Name = reader.ReadString();
                    break;
                case 4:
                    reader.Expect(wire, ProtoReader.WireLengthDelimited, "op_type");
                    node.OpType = reader.ReadString();
                    break;
                case 5:
                    reader.Expect(wire, ProtoReader.WireLengthDelimited, "attribute");
                    var attribute = reader.ReadMessage("AttributeProto");
                    node.Attributes.Add(ReadAttribute(ref attribute));
                    break;
                case 7:
                    reader.Expect(wire, ProtoReader.WireLengthDelimited, "domain");
                    node.Domain = reader.ReadString();
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }
        return node;
    }

    // AttributeProto: 1 name, 2 f, 3 i, 8 ints, 20 type; the other payloads (strings, tensors, graphs, floats) only
    // count, since no exported operator takes them.
    private static ParsedAttribute ReadAttribute(ref ProtoReader reader)
    {
        var attribute = new ParsedAttribute();
        while (reader.HasMore)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    reader.Expect(wire, ProtoReader.WireLengthDelimited, "name");
                    attribute.Name = reader.ReadString();
                    break;
                case 2:
                    reader.Expect(wire, ProtoReader.WireFixed32, "f");
                    attribute.Float = reader.ReadFloat();
                    break;
                case 3:
                    reader.Expect(wire, ProtoReader.WireVarint, "i");
                    attribute.Int = reader.ReadInt64();
                    break;
                case 8:
                    reader.ReadRepeatedInt64(wire, attribute.Ints, MaxRepeatedIntegers, "AttributeProto.ints");
                    break;
                case 20:
                    reader.Expect(wire, ProtoReader.WireVarint, "type");
                    attribute.Type = reader.ReadInt64();
                    break;
                case >= 4 and <= 7:
                case >= 9 and <= 11:
                case 13:
                case 14:
                case 22:
                case 23:
                    reader.Skip(wire);
                    attribute.OtherPayloads++;
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }
        return attribute;
    }

    // TensorProto: 1 dims, 2 data_type, 3 segment, 4 float_data, 7 int64_data, 8 name, 9 raw_data,
    // 13 external_data, 14 data_location; other typed payloads (5, 6, 10, 11) only count.
    private static ParsedTensor ReadTensor(ref ProtoReader reader)
    {
        var tensor = new ParsedTensor();
        while (reader.HasMore)
        {
            var (field, wire) = reader.ReadTag();
            switch (field)
            {
                case 1:
                    reader.ReadRepeatedInt64(wire, tensor.Dims, MaxRepeatedIntegers, "TensorProto.dims");
                    break;
                case 2:
                    reader.Expect(wire, ProtoReader.WireVarint, "data_type");
                    tensor.DataType = reader.ReadInt64();
                    break;
                case 4:
                    ReadFloatData(ref reader, wire, tensor);
                    break;
                case 7:
                    reader.ReadRepeatedInt64(wire, tensor.Int64Data, MaxRepeatedIntegers, "TensorProto.int64_data");
                    break;
                case 8:
                    reader.Expect(wire, ProtoReader.WireLengthDelimited, "name");
                    tensor.Name = reader.ReadString();
                    break;
                case 9:
                    reader.Expect(wire, ProtoReader.WireLengthDelimited, "raw_data");
                    tensor.RawData = reader.ReadLengthDelimited();
                    break;
                case 14:
                    reader.Expect(wire, ProtoReader.WireVarint, "data_location");
                    tensor.DataLocation = reader.ReadInt64();
                    break;
                case 3:
                case 5:
                case 6:
                case 10:
                case 11:
                case 13:
                    reader.Skip(wire);
                    tensor.OtherPayloads++;
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }
        return tensor;
    }

    // float_data is declared packed, but a proto2 writer may emit one fixed32 per value: accept both, as runs of
    // little-endian floats located in the model (never copied here).
    private static void ReadFloatData(ref ProtoReader reader, int wire, ParsedTensor tensor)
    {
        if (wire == ProtoReader.WireFixed32)
        {
            int offset = reader.Position;
            reader.ReadFloat();
            tensor.FloatRuns.Add((offset, 1));
            tensor.FloatCount += 1;
            return;
        }
        reader.Expect(wire, ProtoReader.WireLengthDelimited, "float_data");
        int at = reader.Position;
        var (start, length) = reader.ReadLengthDelimited();
        if (length % sizeof(float) != 0)
        {
            throw reader.Malformed(at, $"packed float_data of {length} bytes is not a whole number of floats");
        }
        tensor.FloatRuns.Add((start, length / sizeof(float)));
        tensor.FloatCount += length / sizeof(float);
    }

    // ValueInfoProto: 1 name, 2 type.
    private static ParsedValueInfo ReadValueInfo(ref ProtoReader reader)
    {
        var value = new ParsedValueInfo();
        while (reader.HasMore)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1)
            {
                reader.Expect(wire, ProtoReader.WireLengthDelimited, "name");
                value.Name = reader.ReadString();
            }
            else if (field == 2)
            {
                reader.Expect(wire, ProtoReader.WireLengthDelimited, "type");
                var type = reader.ReadMessage("TypeProto");
                ReadType(ref type, value);
            }
            else
            {
                reader.Skip(wire);
            }
        }
        return value;
    }

    // TypeProto: 1 tensor_type; the other kinds (sequence, map, ...) leave IsTensor false.
    private static void ReadType(ref ProtoReader reader, ParsedValueInfo value)
    {
        while (reader.HasMore)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1)
            {
                reader.Expect(wire, ProtoReader.WireLengthDelimited, "tensor_type");
                value.IsTensor = true;
                var tensor = reader.ReadMessage("TypeProto.Tensor");
                ReadTensorType(ref tensor, value);
            }
            else
            {
                reader.Skip(wire);
            }
        }
    }

    // TypeProto.Tensor: 1 elem_type, 2 shape.
    private static void ReadTensorType(ref ProtoReader reader, ParsedValueInfo value)
    {
        while (reader.HasMore)
        {
            var (field, wire) = reader.ReadTag();
            if (field == 1)
            {
                reader.Expect(wire, ProtoReader.WireVarint, "elem_type");
                value.ElementType = reader.ReadInt64();
            }
            else if (field == 2)
            {
                reader.Expect(wire, ProtoReader.WireLengthDelimited, "shape");
                value.HasShape = true;
                var shape = reader.ReadMessage("TensorShapeProto");
                ReadShape(ref shape, value);
            }
            else
            {
                reader.Skip(wire);
            }
        }
    }

    // TensorShapeProto: 1 dim; Dimension: 1 dim_value, 2 dim_param (a symbol such as "N").
    private static void ReadShape(ref ProtoReader reader, ParsedValueInfo value)
    {
        while (reader.HasMore)
        {
            var (field, wire) = reader.ReadTag();
            if (field != 1)
            {
                reader.Skip(wire);
                continue;
            }
            reader.Expect(wire, ProtoReader.WireLengthDelimited, "dim");
            if (value.Dims.Count >= MaxRepeatedIntegers)
            {
                throw reader.Malformed(reader.Position, $"the shape has more than {MaxRepeatedIntegers} dimensions");
            }
            var dim = reader.ReadMessage("TensorShapeProto.Dimension");
            long? size = null;
            string? symbol = null;
            while (dim.HasMore)
            {
                var (dimField, dimWire) = dim.ReadTag();
                if (dimField == 1)
                {
                    dim.Expect(dimWire, ProtoReader.WireVarint, "dim_value");
                    size = dim.ReadInt64();
                }
                else if (dimField == 2)
                {
                    dim.Expect(dimWire, ProtoReader.WireLengthDelimited, "dim_param");
                    symbol = dim.ReadString();
                }
                else
                {
                    dim.Skip(dimWire);
                }
            }
            value.Dims.Add(new ParsedDimension(size, symbol));
        }
    }
}

/// <summary>The checked parts of a ModelProto.</summary>
internal sealed class ParsedModel
{
    public long? IrVersion { get; set; }

    public List<(string Domain, long Version)> Opsets { get; } = new();

    /// <summary>How many graph fields appeared: a well-formed model has exactly one.</summary>
    public int GraphCount { get; set; }

    public ParsedGraph? Graph { get; set; }
}

/// <summary>The checked parts of a GraphProto.</summary>
internal sealed class ParsedGraph
{
    public List<ParsedNode> Nodes { get; } = new();

    public List<ParsedTensor> Initializers { get; } = new();

    public List<ParsedValueInfo> Inputs { get; } = new();

    public List<ParsedValueInfo> Outputs { get; } = new();

    public int SparseInitializerCount { get; set; }
}

/// <summary>The checked parts of a NodeProto.</summary>
internal sealed class ParsedNode
{
    public List<string> Inputs { get; } = new();

    public List<string> Outputs { get; } = new();

    public string Name { get; set; } = "";

    public string OpType { get; set; } = "";

    public string Domain { get; set; } = "";

    public List<ParsedAttribute> Attributes { get; } = new();
}

/// <summary>The checked parts of an AttributeProto.</summary>
internal sealed class ParsedAttribute
{
    public string Name { get; set; } = "";

    public long? Type { get; set; }

    public float? Float { get; set; }

    public long? Int { get; set; }

    public List<long> Ints { get; } = new();

    /// <summary>Payload fields no exported operator uses (strings, tensors, graphs, float lists).</summary>
    public int OtherPayloads { get; set; }
}

/// <summary>The checked parts of a TensorProto; payloads are located in the model, not copied.</summary>
internal sealed class ParsedTensor
{
    public string Name { get; set; } = "";

    public List<long> Dims { get; } = new();

    public long DataType { get; set; }

    /// <summary>raw_data's (offset, length) in the model's bytes, when present.</summary>
    public (int Offset, int Length)? RawData { get; set; }

    /// <summary>float_data as runs of (offset, count) little-endian floats in the model's bytes.</summary>
    public List<(int Offset, int Count)> FloatRuns { get; } = new();

    public long FloatCount { get; set; }

    public List<long> Int64Data { get; } = new();

    /// <summary>TensorProto.DataLocation: 0 DEFAULT (in the file), 1 EXTERNAL.</summary>
    public long DataLocation { get; set; }

    /// <summary>Fields holding data this importer does not read (segment, other typed data, external_data).</summary>
    public int OtherPayloads { get; set; }
}

/// <summary>A graph input or output as declared.</summary>
internal sealed class ParsedValueInfo
{
    public string Name { get; set; } = "";

    public bool IsTensor { get; set; }

    public long ElementType { get; set; }

    public bool HasShape { get; set; }

    public List<ParsedDimension> Dims { get; } = new();
}

/// <summary>One declared dimension: a size, a symbol, or neither (unknown).</summary>
internal readonly record struct ParsedDimension(long? Size, string? Symbol);
