using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace StaticNets.Serialization;

/// <summary>
/// A parsed and structurally validated safetensors header: entries sorted by offset, contiguous from 0, each
/// entry's byte range exactly product(shape) * dtype size. Knows nothing about networks.
/// </summary>
internal sealed class SafeTensorsHeader
{
    /// <summary>Bytes of the little-endian u64 that opens the file.</summary>
    internal const int LengthPrefixSize = 8;

    /// <summary>The reference implementation's limit; a longer header is refused before anything is allocated.</summary>
    internal const long MaxHeaderLength = 100_000_000;

    /// <summary>The key safetensors reserves for string-to-string metadata.</summary>
    internal const string MetadataKey = "__metadata__";

    private SafeTensorsHeader(List<SafeTensorInfo> tensors, Dictionary<string, string> metadata, long dataLength)
    {
        Tensors = tensors;
        Metadata = metadata;
        DataLength = dataLength;
    }

    /// <summary>Entries in file order.</summary>
    internal List<SafeTensorInfo> Tensors { get; }

    /// <summary>The <c>__metadata__</c> map, empty when the header has none.</summary>
    internal Dictionary<string, string> Metadata { get; }

    /// <summary>Bytes of tensor data the header describes (the end of the last entry).</summary>
    internal long DataLength { get; }

    /// <summary>Bytes per element of each dtype the format defines, or 0 for an unknown one.</summary>
    internal static int ElementSize(string dataType) => dataType switch
    {
        "BOOL" or "U8" or "I8" or "F8_E5M2" or "F8_E4M3" => 1,
        "I16" or "U16" or "F16" or "BF16" => 2,
        "I32" or "U32" or "F32" => 4,
        "I64" or "U64" or "F64" => 8,
        _ => 0,
    };

    /// <summary>
    /// Reads the header length from the 8-byte prefix and checks it before anything is allocated from it: at most
    /// <see cref="MaxHeaderLength"/>, at least 2 (<c>{}</c>), and no more than the bytes that follow the prefix
    /// when that count is known (<paramref name="bytesAfterPrefix"/> &lt; 0: unknown).
    /// </summary>
    internal static int ReadHeaderLength(ReadOnlySpan<byte> prefix, long bytesAfterPrefix, string source)
    {
        ulong length = BinaryPrimitives.ReadUInt64LittleEndian(prefix);
        if (length > MaxHeaderLength)
        {
            throw Invalid(source, $"the header length {length} exceeds the {MaxHeaderLength:N0}-byte limit (corrupted, or not a safetensors file)");
        }
        if (length < 2)
        {
            throw Invalid(source, $"the header length {length} is too short for a JSON object");
        }
        if (bytesAfterPrefix >= 0 && (long)length > bytesAfterPrefix)
        {
            throw Invalid(source, $"the header length {length} exceeds the {bytesAfterPrefix} bytes after the length prefix (truncated, or not a safetensors file)");
        }
        return (int)length;
    }

    /// <summary>Parses and validates the JSON header (which may end in padding spaces).</summary>
    internal static SafeTensorsHeader Parse(ReadOnlySpan<byte> header, string source)
    {
        if (!Utf8.IsValid(header))
        {
            throw Invalid(source, "the header is not valid UTF-8");
        }
        if (header.Length == 0 || header[0] != (byte)'{')
        {
            throw Invalid(source, "the header does not start with '{'");
        }

        var tensors = new List<SafeTensorInfo>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        var names = new HashSet<string>(StringComparer.Ordinal);
        // Depth 3 is all the format needs (header → entry → shape); a small limit refuses deep nesting early.
        var reader = new Utf8JsonReader(header, new JsonReaderOptions { MaxDepth = 4 });
        try
        {
            Next(ref reader);
            while (Next(ref reader) != JsonTokenType.EndObject)
            {
                string name = reader.GetString()!;
                if (!names.Add(name))
                {
                    throw Invalid(source, $"the header names '{name}' twice");
                }
                if (name == MetadataKey)
                {
                    ReadMetadata(ref reader, metadata, source);
                }
                else
                {
                    tensors.Add(ReadEntry(ref reader, name, source));
                }
            }
            // Only padding may follow the object; anything else makes Read throw.
            if (reader.Read())
            {
                throw Invalid(source, "the header has content after its JSON object");
            }
        }
        catch (JsonException exception)
        {
            throw Invalid(source, $"the header is not well-formed JSON ({exception.Message})", exception);
        }
        catch (InvalidOperationException exception)
        {
            // GetString refuses escapes that decode to invalid UTF-16 (a lone surrogate).
            throw Invalid(source, $"the header holds a string that is not valid text ({exception.Message})", exception);
        }

        long dataLength = CheckLayout(tensors, source);
        return new SafeTensorsHeader(tensors, metadata, dataLength);
    }

    /// <summary>Checks the bytes after the header hold exactly the tensor data the header describes.</summary>
    internal void CheckDataLength(long available, string source)
    {
        if (available < DataLength)
        {
            throw Invalid(source, $"the header describes {DataLength} bytes of tensor data but only {available} follow it (truncated)");
        }
        if (available > DataLength)
        {
            throw Invalid(source, $"{available - DataLength} unexpected bytes follow the {DataLength} bytes of tensor data the header describes");
        }
    }

    /// <summary>An <see cref="InvalidDataException"/> whose message starts with the file (or data) it is about.</summary>
    internal static InvalidDataException Invalid(string source, string problem, Exception? inner = null) =>
        new($"{source} is not a valid safetensors file: {problem}.", inner);

    private static JsonTokenType Next(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("the header ends inside its JSON object");
        }
        return reader.TokenType;
    }

    private static void ReadMetadata(ref Utf8JsonReader reader, Dictionary<string, string> metadata, string source)
    {
        if (Next(ref reader) != JsonTokenType.StartObject)
        {
            throw Invalid(source, $"'{MetadataKey}' is not an object");
        }
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            string key = reader.GetString()!;
            if (Next(ref reader) != JsonTokenType.String)
            {
                throw Invalid(source, $"'{MetadataKey}' value '{key}' is not a string");
            }
            if (!metadata.TryAdd(key, reader.GetString()!))
            {
                throw Invalid(source, $"'{MetadataKey}' names '{key}' twice");
            }
        }
    }

    private static SafeTensorInfo ReadEntry(ref Utf8JsonReader reader, string name, string source)
    {
        if (Next(ref reader) != JsonTokenType.StartObject)
        {
            throw Invalid(source, $"the entry of '{name}' is not an object");
        }
        string? dataType = null;
        List<long>? shape = null;
        List<long>? offsets = null;
        while (Next(ref reader) != JsonTokenType.EndObject)
        {
            string field = reader.GetString()!;
            switch (field)
            {
                case "dtype" when dataType is null:
                    if (Next(ref reader) != JsonTokenType.String)
                    {
                        throw Invalid(source, $"the dtype of '{name}' is not a string");
                    }
                    dataType = reader.GetString()!;
                    break;
                case "shape" when shape is null:
                    shape = ReadCounts(ref reader, name, field, source);
                    break;
                case "data_offsets" when offsets is null:
                    offsets = ReadCounts(ref reader, name, field, source);
                    break;
                case "dtype" or "shape" or "data_offsets":
                    throw Invalid(source, $"the entry of '{name}' has '{field}' twice");
                default:
                    throw Invalid(source, $"the entry of '{name}' has an unknown field '{field}'");
            }
        }
        if (dataType is null || shape is null || offsets is null)
        {
            string missing = dataType is null ? "dtype" : shape is null ? "shape" : "data_offsets";
            throw Invalid(source, $"the entry of '{name}' has no '{missing}'");
        }
        if (offsets.Count != 2)
        {
            throw Invalid(source, $"the data_offsets of '{name}' hold {offsets.Count} numbers instead of [begin, end]");
        }
        int elementSize = ElementSize(dataType);
        if (elementSize == 0)
        {
            throw Invalid(source, $"'{name}' has the unknown dtype '{dataType}'");
        }
        long[] dimensions = [.. shape];
        long elementCount = 1;
        long byteLength;
        try
        {
            foreach (long dimension in dimensions)
            {
                elementCount = checked(elementCount * dimension);
            }
            byteLength = checked(elementCount * elementSize);
        }
        catch (OverflowException)
        {
            throw Invalid(source, $"the shape {SafeTensorInfo.FormatShape(dimensions)} of '{name}' overflows a 64-bit byte count");
        }
        long begin = offsets[0], end = offsets[1];
        if (end < begin)
        {
            throw Invalid(source, $"the data_offsets [{begin}, {end}] of '{name}' end before they begin");
        }
        if (end - begin != byteLength)
        {
            throw Invalid(source, $"'{name}' spans {end - begin} bytes but dtype {dataType} and shape {SafeTensorInfo.FormatShape(dimensions)} need {byteLength}");
        }
        return new SafeTensorInfo(name, dataType, dimensions, elementCount, begin, end);
    }

    // A JSON array of non-negative integers that fit a long: a shape, or data_offsets.
    private static List<long> ReadCounts(ref Utf8JsonReader reader, string name, string field, string source)
    {
        if (Next(ref reader) != JsonTokenType.StartArray)
        {
            throw Invalid(source, $"the {field} of '{name}' is not an array");
        }
        var values = new List<long>();
        while (Next(ref reader) != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out long value) || value < 0)
            {
                string text = reader.TokenType == JsonTokenType.Number
                    ? Encoding.UTF8.GetString(reader.ValueSpan)
                    : reader.TokenType.ToString();
                throw Invalid(source, $"the {field} of '{name}' holds {text}, not a non-negative 64-bit integer");
            }
            values.Add(value);
        }
        return values;
    }

    // Sorts the entries by offset and checks they tile [0, end) with no gap or overlap; returns end.
    private static long CheckLayout(List<SafeTensorInfo> tensors, string source)
    {
        tensors.Sort((a, b) => a.DataBegin != b.DataBegin ? a.DataBegin.CompareTo(b.DataBegin) : a.DataEnd.CompareTo(b.DataEnd));
        long expectedBegin = 0;
        SafeTensorInfo? previous = null;
        foreach (var tensor in tensors)
        {
            if (tensor.DataBegin < expectedBegin)
            {
                throw Invalid(source, $"the bytes [{tensor.DataBegin}, {tensor.DataEnd}) of '{tensor.Name}' overlap those of '{previous!.Name}' [{previous.DataBegin}, {previous.DataEnd})");
            }
            if (tensor.DataBegin > expectedBegin)
            {
                string after = previous is null ? "the start of the data" : $"'{previous.Name}'";
                throw Invalid(source, $"{tensor.DataBegin - expectedBegin} bytes lie unused between {after} and '{tensor.Name}' (offset {expectedBegin.ToString(CultureInfo.InvariantCulture)})");
            }
            expectedBegin = tensor.DataEnd;
            previous = tensor;
        }
        return expectedBegin;
    }
}
