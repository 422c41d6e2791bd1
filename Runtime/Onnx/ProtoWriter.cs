using System;
using System.Buffers.Binary;
using System.IO;
using System.Text;

namespace StaticNets.Onnx;

/// <summary>
/// The few protobuf wire-format primitives an ONNX model needs: varints, length-delimited fields and fixed-width
/// numbers. Written by hand so the Runtime library needs no protobuf package.
/// </summary>
internal sealed class ProtoWriter
{
    private const int WireVarint = 0;
    private const int WireFixed64 = 1;
    private const int WireLengthDelimited = 2;
    private const int WireFixed32 = 5;

    private readonly MemoryStream _buffer = new();

    /// <summary>Bytes written so far.</summary>
    public byte[] ToArray() => _buffer.ToArray();

    /// <summary>An int32/int64/enum field. Negative values take ten bytes, as protobuf encodes them.</summary>
    public void WriteInt64(int field, long value)
    {
        WriteTag(field, WireVarint);
        WriteVarint(unchecked((ulong)value));
    }

    /// <summary>A string field, UTF-8.</summary>
    public void WriteString(int field, string value)
    {
        WriteBytes(field, Encoding.UTF8.GetBytes(value));
    }

    /// <summary>A bytes field.</summary>
    public void WriteBytes(int field, ReadOnlySpan<byte> value)
    {
        WriteTag(field, WireLengthDelimited);
        WriteVarint((ulong)value.Length);
        _buffer.Write(value);
    }

    /// <summary>An embedded message, written by <paramref name="writeBody"/> into its own buffer so its length can precede it.</summary>
    public void WriteMessage(int field, Action<ProtoWriter> writeBody)
    {
        var body = new ProtoWriter();
        writeBody(body);
        WriteTag(field, WireLengthDelimited);
        WriteVarint((ulong)body._buffer.Length);
        body._buffer.WriteTo(_buffer);
    }

    /// <summary>A float field (fixed32, little-endian).</summary>
    public void WriteFloat(int field, float value)
    {
        WriteTag(field, WireFixed32);
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteSingleLittleEndian(bytes, value);
        _buffer.Write(bytes);
    }

    /// <summary>A double field (fixed64, little-endian).</summary>
    public void WriteDouble(int field, double value)
    {
        WriteTag(field, WireFixed64);
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteDoubleLittleEndian(bytes, value);
        _buffer.Write(bytes);
    }

    private void WriteTag(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

    private void WriteVarint(ulong value)
    {
        while (value >= 0x80)
        {
            _buffer.WriteByte((byte)(value | 0x80));
            value >>= 7;
        }
        _buffer.WriteByte((byte)value);
    }
}
