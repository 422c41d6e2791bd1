using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using StaticNets.Onnx;
using StaticNets.Serialization;

namespace StaticNets.Tool;

/// <summary>
/// <c>staticnets inspect</c>: lists a safetensors file's tensors (through <see cref="SafeTensors"/>'s validating
/// header reader) or an ONNX model's initializers (through the importer's own reader) with value statistics.
/// </summary>
internal static class WeightFileInspector
{
    private static readonly string[] Columns = ["name", "dtype", "shape", "elements", "min", "max", "mean", "std", "nan", "inf"];

    /// <summary>One listed tensor: what the file says about it, and its statistics when its dtype is numeric and read.</summary>
    private sealed record TensorRow(string Name, string DataType, IReadOnlyList<long> Shape, long ElementCount, TensorStatistics? Statistics, string? Note);

    public static int Run(string path, TextWriter output, TextWriter error)
    {
        try
        {
            bool isOnnx = path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase);
            var (rows, metadata) = isOnnx ? ReadOnnx(path) : ReadSafeTensors(path);
            Write(path, isOnnx ? "ONNX initializers" : "safetensors", rows, metadata, output);
            return Cli.Success;
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            // The library's messages already name the file; I/O messages usually do, but not always.
            string message = OneLine(exception.Message);
            error.WriteLine(message.Contains(path, StringComparison.Ordinal)
                ? "error: " + message
                : $"error: '{path}': {message}");
            return Cli.Failure;
        }
    }

    private static string OneLine(string text) => string.Join(" ", text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim()));

    // ---- safetensors ---------------------------------------------------------------------------------------------

    private static (List<TensorRow> Rows, IReadOnlyDictionary<string, string> Metadata) ReadSafeTensors(string path)
    {
        // ReadHeader validates the whole layout against the file's length, so every range read below exists.
        var tensors = SafeTensors.ReadHeader(path);
        var metadata = SafeTensors.ReadMetadata(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        Span<byte> prefix = stackalloc byte[sizeof(ulong)];
        stream.ReadExactly(prefix);
        long dataStart = sizeof(ulong) + (long)BinaryPrimitives.ReadUInt64LittleEndian(prefix);

        var rows = new List<TensorRow>(tensors.Count);
        foreach (var tensor in tensors)
        {
            if (SafeTensorsElement(tensor.DataType) is not { } element)
            {
                rows.Add(new TensorRow(tensor.Name, tensor.DataType, tensor.Shape, tensor.ElementCount, null, "values not read: unsupported dtype"));
                continue;
            }
            stream.Position = dataStart + tensor.DataBegin;
            var statistics = new TensorStatistics();
            ReadValues(stream, tensor.ByteLength, element, statistics);
            rows.Add(new TensorRow(tensor.Name, tensor.DataType, tensor.Shape, tensor.ElementCount, statistics, null));
        }
        return (rows, metadata);
    }

    /// <summary>How to decode one little-endian element of a numeric dtype.</summary>
    private sealed record ElementReader(int Size, Func<ReadOnlySpan<byte>, double> Read);

    private static ElementReader? SafeTensorsElement(string dataType) => dataType switch
    {
        "F64" => new(8, b => BinaryPrimitives.ReadDoubleLittleEndian(b)),
        "F32" => new(4, b => BinaryPrimitives.ReadSingleLittleEndian(b)),
        "F16" => new(2, b => (double)BinaryPrimitives.ReadHalfLittleEndian(b)),
        // bfloat16 is the top half of a float32.
        "BF16" => new(2, b => BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadUInt16LittleEndian(b) << 16)),
        "I64" => new(8, b => BinaryPrimitives.ReadInt64LittleEndian(b)),
        "I32" => new(4, b => BinaryPrimitives.ReadInt32LittleEndian(b)),
        "I16" => new(2, b => BinaryPrimitives.ReadInt16LittleEndian(b)),
        "I8" => new(1, b => (sbyte)b[0]),
        "U64" => new(8, b => BinaryPrimitives.ReadUInt64LittleEndian(b)),
        "U32" => new(4, b => BinaryPrimitives.ReadUInt32LittleEndian(b)),
        "U16" => new(2, b => BinaryPrimitives.ReadUInt16LittleEndian(b)),
        "U8" or "BOOL" => new(1, b => b[0]),
        _ => null,
    };

    private static void ReadValues(Stream stream, long byteLength, ElementReader element, TensorStatistics statistics)
    {
        // Chunks a whole number of elements long, so no element straddles two reads.
        byte[] buffer = new byte[(1 << 16) / element.Size * element.Size];
        long remaining = byteLength;
        while (remaining > 0)
        {
            int count = (int)Math.Min(buffer.Length, remaining);
            stream.ReadExactly(buffer, 0, count);
            for (int at = 0; at + element.Size <= count; at += element.Size)
            {
                statistics.Add(element.Read(buffer.AsSpan(at, element.Size)));
            }
            remaining -= count;
        }
    }

    // ---- ONNX -----------------------------------------------------------------------------------------------------

    private static (List<TensorRow> Rows, IReadOnlyDictionary<string, string> Metadata) ReadOnnx(string path)
    {
        byte[] data = File.ReadAllBytes(path);
        ParsedModel model;
        try
        {
            model = OnnxModelReader.Read(data);
        }
        catch (ProtoFormatException exception)
        {
            throw new InvalidDataException($"ONNX model '{path}' is not a well-formed ModelProto: {exception.Message}", exception);
        }
        if (model.Graph is not { } graph)
        {
            throw new InvalidDataException($"ONNX model '{path}' has no graph.");
        }

        var rows = new List<TensorRow>(graph.Initializers.Count);
        foreach (var tensor in graph.Initializers)
        {
            long elements = tensor.Dims.Aggregate(1L, (product, dimension) => product * dimension);
            string dataType = OnnxTypeName(tensor.DataType);
            rows.Add(OnnxRow(path, data, tensor, dataType, elements));
        }
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        if (model.IrVersion is { } irVersion)
        {
            metadata["ir_version"] = irVersion.ToString(CultureInfo.InvariantCulture);
        }
        foreach (var (domain, version) in model.Opsets)
        {
            metadata["opset " + (domain.Length == 0 ? "ai.onnx" : domain)] = version.ToString(CultureInfo.InvariantCulture);
        }
        if (graph.SparseInitializerCount > 0)
        {
            metadata["sparse initializers (not listed)"] = graph.SparseInitializerCount.ToString(CultureInfo.InvariantCulture);
        }
        return (rows, metadata);
    }

    private static TensorRow OnnxRow(string path, byte[] data, ParsedTensor tensor, string dataType, long elements)
    {
        if (tensor.DataLocation == 1)
        {
            return new TensorRow(tensor.Name, dataType, tensor.Dims, elements, null, "values not read: stored in an external file");
        }
        var statistics = new TensorStatistics();
        if (tensor.RawData is { } raw)
        {
            if (OnnxElement(tensor.DataType) is not { } element)
            {
                return new TensorRow(tensor.Name, dataType, tensor.Dims, elements, null, "values not read: unsupported dtype");
            }
            if (raw.Length != elements * element.Size)
            {
                throw new InvalidDataException(FormattableString.Invariant(
                    $"ONNX model '{path}': initializer '{tensor.Name}' has {raw.Length} bytes of raw_data, but its shape needs {elements * element.Size}."));
            }
            for (int at = 0; at < raw.Length; at += element.Size)
            {
                statistics.Add(element.Read(data.AsSpan(raw.Offset + at, element.Size)));
            }
        }
        else if (tensor.DataType == (long)OnnxDataType.Float)
        {
            foreach (var (offset, count) in tensor.FloatRuns)
            {
                for (int i = 0; i < count; i++)
                {
                    statistics.Add(BinaryPrimitives.ReadSingleLittleEndian(data.AsSpan(offset + i * sizeof(float))));
                }
            }
        }
        else if (tensor.DataType == (long)OnnxDataType.Int64)
        {
            foreach (long value in tensor.Int64Data)
            {
                statistics.Add(value);
            }
        }
        else
        {
            return new TensorRow(tensor.Name, dataType, tensor.Dims, elements, null, "values not read: typed data of this dtype is not supported");
        }
        if (statistics.Count != elements)
        {
            throw new InvalidDataException(FormattableString.Invariant(
                $"ONNX model '{path}': initializer '{tensor.Name}' holds {statistics.Count} values, but its shape needs {elements}."));
        }
        return new TensorRow(tensor.Name, dataType, tensor.Dims, elements, statistics, null);
    }

    /// <summary>TensorProto.DataType numbers, as ONNX names them.</summary>
    private static string OnnxTypeName(long dataType) => dataType switch
    {
        1 => "FLOAT",
        2 => "UINT8",
        3 => "INT8",
        5 => "INT16",
        6 => "INT32",
        7 => "INT64",
        9 => "BOOL",
        10 => "FLOAT16",
        11 => "DOUBLE",
        16 => "BFLOAT16",
        _ => "type " + dataType.ToString(CultureInfo.InvariantCulture),
    };

    private static ElementReader? OnnxElement(long dataType) => dataType switch
    {
        1 => SafeTensorsElement("F32"),
        2 => SafeTensorsElement("U8"),
        3 => SafeTensorsElement("I8"),
        5 => SafeTensorsElement("I16"),
        6 => SafeTensorsElement("I32"),
        7 => SafeTensorsElement("I64"),
        9 => SafeTensorsElement("BOOL"),
        10 => SafeTensorsElement("F16"),
        11 => SafeTensorsElement("F64"),
        16 => SafeTensorsElement("BF16"),
        _ => null,
    };

    // ---- Output ---------------------------------------------------------------------------------------------------

    private static void Write(string path, string kind, List<TensorRow> rows, IReadOnlyDictionary<string, string> metadata, TextWriter output)
    {
        long totalElements = rows.Sum(r => r.ElementCount);
        output.WriteLine(FormattableString.Invariant($"{path}: {kind}, {rows.Count} tensors, {totalElements:N0} elements"));
        if (metadata.Count > 0)
        {
            output.WriteLine("metadata:");
            foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                output.WriteLine($"  {key} = {value}");
            }
        }
        output.WriteLine();

        var table = new List<string[]> { Columns };
        foreach (var row in rows)
        {
            table.Add(Cells(row));
        }
        var widths = new int[Columns.Length];
        foreach (var cells in table)
        {
            for (int c = 0; c < cells.Length; c++)
            {
                widths[c] = Math.Max(widths[c], cells[c].Length);
            }
        }
        for (int r = 0; r < table.Count; r++)
        {
            var cells = table[r];
            // Name, dtype and shape left-aligned, numbers right-aligned, as in the generator's layer table.
            string line = string.Join("  ", cells.Select((cell, c) => c < 3 ? cell.PadRight(widths[c]) : cell.PadLeft(widths[c]))).TrimEnd();
            if (r > 0 && rows[r - 1].Note is { } note)
            {
                line += "  (" + note + ")";
            }
            output.WriteLine(line);
        }
    }

    private static string[] Cells(TensorRow row)
    {
        string shape = "[" + string.Join(", ", row.Shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + "]";
        string elements = row.ElementCount.ToString(CultureInfo.InvariantCulture);
        if (row.Statistics is not { } s)
        {
            return [row.Name, row.DataType, shape, elements, "", "", "", "", "", ""];
        }
        bool any = s.FiniteCount > 0;
        return
        [
            row.Name, row.DataType, shape, elements,
            any ? Number(s.Min) : "-", any ? Number(s.Max) : "-", any ? Number(s.Mean) : "-", any ? Number(s.StandardDeviation) : "-",
            s.NaNCount.ToString(CultureInfo.InvariantCulture), s.InfinityCount.ToString(CultureInfo.InvariantCulture),
        ];
    }

    /// <summary>Six significant digits: enough to compare weights by eye, short enough for a table.</summary>
    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
