using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;

namespace StaticNets.Onnx;

/// <summary>
/// Reads protobuf wire format from one message's bytes: tags, varints, fixed32/fixed64 values and length-delimited
/// fields. The input is untrusted, so every read is checked against the bytes left in the current message and fails
/// with <see cref="ProtoFormatException"/> (never an index or overflow exception): a forged length can only make the
/// read fail, never allocate, because nothing here allocates more than the bytes actually present.
/// </summary>
/// <remarks>
/// Positions are absolute offsets into the whole model, so parsed tensors can keep (offset, length) pairs into it
/// instead of copies. Groups (wire types 3 and 4, deprecated and unused by onnx.proto) are refused rather than
/// skipped, since skipping them needs recursion that a forged file could nest arbitrarily deep.
/// </remarks>
internal ref struct ProtoReader
{
    public const int WireVarint = 0;
    public const int WireFixed64 = 1;
    public const int WireLengthDelimited = 2;
    public const int WireFixed32 = 5;

    /// <summary>
    /// Deepest message nesting read. The ONNX schema the importer follows is at most 6 deep (Model, Graph,
    /// ValueInfo, Type, Type.Tensor, Shape, Dimension); the limit makes that a checked property rather than
    /// a consequence of the caller's code, so no input can drive the reader into deep recursion.
    /// </summary>
    public const int MaxDepth = 8;

    // A varint has at most ten 7-bit groups for 64 bits; an eleventh byte or a tenth above 1 overflows.
    private const int MaxVarintBytes = 10;

    private readonly ReadOnlySpan<byte> _data;
    private readonly int _end;
    private int _position;

    private ProtoReader(ReadOnlySpan<byte> data, int start, int end, int depth, string message)
    {
        _data = data;
        _position = start;
        _end = end;
        Depth = depth;
        Message = message;
    }

    /// <summary>A reader over a whole serialized message.</summary>
    public static ProtoReader Root(ReadOnlySpan<byte> data, string message) => new(data, 0, data.Length, 0, message);

    /// <summary>How many messages enclose this one.</summary>
    public int Depth { get; }

    /// <summary>The message type being read, for error messages.</summary>
    public string Message { get; }

    /// <summary>Absolute offset of the next byte.</summary>
    public readonly int Position => _position;

    /// <summary>True while bytes of this message remain.</summary>
    public readonly bool HasMore => _position < _end;

    /// <summary>Reads a field's tag: its number (at least 1) and wire type (0, 1, 2 or 5).</summary>
    public (int Field, int WireType) ReadTag()
    {
        int at = _position;
        ulong tag = ReadVarint();
        int wireType = (int)(tag & 7);
        ulong field = tag >> 3;
        if (field == 0 || field > int.MaxValue)
        {
            throw Malformed(at, $"field number {field} is outside 1..{int.MaxValue}");
        }
        if (wireType is not (WireVarint or WireFixed64 or WireLengthDelimited or WireFixed32))
        {
            throw Malformed(at, $"wire type {wireType} of field {field} is not supported (groups and reserved types)");
        }
        return ((int)field, wireType);
    }

    /// <summary>A base-128 varint, least significant group first.</summary>
    public ulong ReadVarint()
    {
        int at = _position;
        ulong value = 0;
        for (int i = 0; i < MaxVarintBytes; i++)
        {
            if (_position >= _end)
            {
                throw Malformed(at, "a varint runs past the end of the message");
            }
            byte b = _data[_position++];
            if (i == MaxVarintBytes - 1 && b > 1)
            {
                throw Malformed(at, "a varint overflows 64 bits");
            }
            value |= (ulong)(b & 0x7F) << (7 * i);
            if (b < 0x80)
            {
                return value;
            }
        }
        // Unreachable: the tenth byte either overflows (above) or ends the varint.
        throw Malformed(at, "a varint is longer than 10 bytes");
    }

    /// <summary>An int64 field (two's complement, as protobuf encodes negative int32/int64).</summary>
    public long ReadInt64() => unchecked((long)ReadVarint());

    /// <summary>A fixed32 field's little-endian bytes as a float.</summary>
    public float ReadFloat() => BinaryPrimitives.ReadSingleLittleEndian(ReadFixed(sizeof(float)));

    /// <summary>
    /// A length-delimited field's payload as an absolute (offset, length) pair; the length is checked against the
    /// bytes left before anything uses it.
    /// </summary>
    public (int Offset, int Length) ReadLengthDelimited()
    {
        int at = _position;
        ulong length = ReadVarint();
        int left = _end - _position;
        if (length > (ulong)left)
        {
            throw Malformed(at, $"a length of {length} exceeds the {left} bytes left");
        }
        int offset = _position;
        _position += (int)length;
        return (offset, (int)length);
    }

    /// <summary>A string field, decoded as UTF-8 (an invalid sequence becomes U+FFFD and then fails to match a name).</summary>
    public string ReadString()
    {
        var (offset, length) = ReadLengthDelimited();
        return Encoding.UTF8.GetString(_data.Slice(offset, length));
    }

    /// <summary>An embedded message: a reader over its bytes, one level deeper.</summary>
    public ProtoReader ReadMessage(string message)
    {
        int at = _position;
        var (offset, length) = ReadLengthDelimited();
        if (Depth + 1 > MaxDepth)
        {
            throw Malformed(at, $"{message} is nested deeper than {MaxDepth} messages");
        }
        return new ProtoReader(_data, offset, offset + length, Depth + 1, message);
    }

    /// <summary>
    /// Reads one element of a repeated varint field, or a packed (length-delimited) run of them, adding each to
    /// <paramref name="values"/>. <paramref name="limit"/> caps the elements so a long run cannot grow a list
    /// (or an error message) beyond what any tensor of this library needs.
    /// </summary>
    public void ReadRepeatedInt64(int wireType, List<long> values, int limit, string field)
    {
        if (wireType == WireVarint)
        {
            AddLimited(values, ReadInt64(), limit, field);
            return;
        }
        if (wireType != WireLengthDelimited)
        {
            throw Malformed(_position, $"{field} has wire type {wireType}, expected a varint or a packed run");
        }
        var (offset, length) = ReadLengthDelimited();
        var packed = new ProtoReader(_data, offset, offset + length, Depth, Message);
        while (packed.HasMore)
        {
            AddLimited(values, packed.ReadInt64(), limit, field);
        }
    }

    private readonly void AddLimited(List<long> values, long value, int limit, string field)
    {
        if (values.Count >= limit)
        {
            throw Malformed(_position, $"{field} holds more than {limit} values");
        }
        values.Add(value);
    }

    /// <summary>Skips a field of the given wire type: unknown fields are legal and ignored.</summary>
    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case WireVarint:
                ReadVarint();
                break;
            case WireFixed64:
                ReadFixed(8);
                break;
            case WireLengthDelimited:
                ReadLengthDelimited();
                break;
            case WireFixed32:
                ReadFixed(4);
                break;
            default:
                throw Malformed(_position, $"wire type {wireType} cannot be skipped");
        }
    }

    /// <summary>Throws unless <paramref name="wireType"/> is the one the schema gives <paramref name="field"/>.</summary>
    public readonly void Expect(int wireType, int expected, string field)
    {
        if (wireType != expected)
        {
            throw Malformed(_position, $"{Message}.{field} has wire type {wireType}, expected {expected}");
        }
    }

    /// <summary>An exception locating the problem; the importer turns it into an <see cref="System.IO.InvalidDataException"/> naming the source.</summary>
    public readonly ProtoFormatException Malformed(int at, string problem) =>
        new ProtoFormatException($"byte {at} (in {Message}): {problem}");

    private ReadOnlySpan<byte> ReadFixed(int size)
    {
        if (_end - _position < size)
        {
            throw Malformed(_position, $"a {size}-byte value runs past the end of the message");
        }
        var bytes = _data.Slice(_position, size);
        _position += size;
        return bytes;
    }
}

/// <summary>
/// A wire-format error found by <see cref="ProtoReader"/>, before the importer names the source (InvalidDataException
/// is sealed, so this is a separate type the importer catches and wraps).
/// </summary>
internal sealed class ProtoFormatException(string message) : Exception(message);
