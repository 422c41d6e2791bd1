using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace StaticNets.Onnx;

/// <summary>
/// Writes an <see cref="OnnxGraph"/> as an ONNX ModelProto. The field numbers are those of onnx.proto; each
/// message's writer below names the message it writes.
/// </summary>
internal static class OnnxModelSerializer
{
    public const long IrVersion = 8;
    public const long OpsetVersion = 17;
    public const string Producer = "StaticNets";

    /// <summary>A graph input or output: FLOAT, with a symbolic batch dimension "N" followed by fixed dimensions.</summary>
    public sealed record ValueInfo(string Name, IReadOnlyList<long> DimsAfterBatch);

    public static byte[] Serialize(OnnxGraph graph, string graphName, ValueInfo input, ValueInfo output, OnnxFloatEncoding encoding = OnnxFloatEncoding.RawData)
    {
        // ModelProto
        var model = new ProtoWriter();
        model.WriteInt64(1, IrVersion);
        model.WriteString(2, Producer);
        model.WriteMessage(7, g => WriteGraph(g, graph, graphName, input, output, encoding));
        model.WriteMessage(8, opset =>
        {
            // OperatorSetIdProto: the default domain is the empty string.
            opset.WriteString(1, "");
            opset.WriteInt64(2, OpsetVersion);
        });
        return model.ToArray();
    }

    // GraphProto
    private static void WriteGraph(ProtoWriter writer, OnnxGraph graph, string graphName, ValueInfo input, ValueInfo output, OnnxFloatEncoding encoding)
    {
        foreach (var node in graph.Nodes)
        {
            writer.WriteMessage(1, n => WriteNode(n, node));
        }
        writer.WriteString(2, graphName);
        foreach (var initializer in graph.Initializers)
        {
            writer.WriteMessage(5, t => WriteTensor(t, initializer, encoding));
        }
        writer.WriteMessage(11, v => WriteValueInfo(v, input));
        writer.WriteMessage(12, v => WriteValueInfo(v, output));
    }

    // NodeProto
    private static void WriteNode(ProtoWriter writer, OnnxNode node)
    {
        foreach (string input in node.Inputs)
        {
            writer.WriteString(1, input);
        }
        writer.WriteString(2, node.Output);
        writer.WriteString(3, node.Name);
        writer.WriteString(4, node.OpType);
        foreach (var attribute in node.Attributes)
        {
            writer.WriteMessage(5, a => WriteAttribute(a, attribute));
        }
    }

    // AttributeProto. Repeated ints are written unpacked, proto2's default, which every parser accepts.
    private static void WriteAttribute(ProtoWriter writer, OnnxAttribute attribute)
    {
        writer.WriteString(1, attribute.Name);
        switch (attribute.Type)
        {
            case OnnxAttributeType.Float:
                writer.WriteFloat(2, attribute.Real);
                break;
            case OnnxAttributeType.Int:
                writer.WriteInt64(3, attribute.Integer);
                break;
            case OnnxAttributeType.Ints:
                foreach (long value in attribute.Integers)
                {
                    writer.WriteInt64(8, value);
                }
                break;
        }
        writer.WriteInt64(20, (long)attribute.Type);
    }

    // TensorProto
    private static void WriteTensor(ProtoWriter writer, OnnxInitializer tensor, OnnxFloatEncoding encoding)
    {
        foreach (long dim in tensor.Dims)
        {
            writer.WriteInt64(1, dim);
        }
        writer.WriteInt64(2, (long)tensor.DataType);
        writer.WriteString(8, tensor.Name);
        if (encoding == OnnxFloatEncoding.FloatDataUnpacked && tensor.DataType == OnnxDataType.Float)
        {
            for (int i = 0; i < tensor.RawData.Length; i += sizeof(float))
            {
                writer.WriteFloat(4, BinaryPrimitives.ReadSingleLittleEndian(tensor.RawData.AsSpan(i)));
            }
        }
        else if (encoding == OnnxFloatEncoding.FloatData && tensor.DataType == OnnxDataType.Float)
        {
            // float_data (field 4) is declared [packed = true]: one length-delimited run of fixed32 values, which
            // are the same little-endian bytes raw_data holds.
            writer.WriteBytes(4, tensor.RawData);
        }
        else
        {
            writer.WriteBytes(9, tensor.RawData);
        }
    }

    // ValueInfoProto -> TypeProto -> TypeProto.Tensor -> TensorShapeProto -> Dimension
    private static void WriteValueInfo(ProtoWriter writer, ValueInfo value)
    {
        writer.WriteString(1, value.Name);
        writer.WriteMessage(2, type => type.WriteMessage(1, tensor =>
        {
            tensor.WriteInt64(1, (long)OnnxDataType.Float);
            tensor.WriteMessage(2, shape =>
            {
                shape.WriteMessage(1, dim => dim.WriteString(2, "N"));
                foreach (long size in value.DimsAfterBatch)
                {
                    shape.WriteMessage(1, dim => dim.WriteInt64(1, size));
                }
            });
        }));
    }
}
