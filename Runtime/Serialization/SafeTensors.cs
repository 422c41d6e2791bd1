using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace StaticNets.Serialization;

/// <summary>
/// Saves and loads a network's weights in the huggingface safetensors format, under PyTorch <c>state_dict</c>
/// names and layouts, so <c>model.load_state_dict(safetensors.torch.load_file(path))</c> accepts what
/// <see cref="Save(INetwork, string)"/> writes and <see cref="Load(INetwork, string)"/> accepts what
/// <c>safetensors.torch.save_file(model.state_dict(), path)</c> writes.
/// </summary>
/// <remarks>
/// <para>
/// Layout: a little-endian u64 header length N, N bytes of UTF-8 JSON padded with spaces to a multiple of 8,
/// then the tensors' little-endian bytes back to back. The header maps each name to
/// <c>{"dtype":"F32","shape":[...],"data_offsets":[begin,end]}</c> (offsets counted from the first byte after the
/// header) and starts with <c>"__metadata__":{"format":"pt"}</c>. Entries are ordered as the reference
/// implementation orders them (wider dtypes first, then by name), so a file is byte-for-byte what
/// <c>save_file(state_dict, path, metadata={"format": "pt"})</c> would write.
/// </para>
/// <para>
/// Written tensors: every <see cref="INetwork.ParameterTensors"/> and <see cref="INetwork.BufferTensors"/> entry
/// as F32, plus, for each batch norm (each buffer named <c>&lt;bn&gt;.running_mean</c>), PyTorch's
/// <c>&lt;bn&gt;.num_batches_tracked</c> as an I64 scalar. <see cref="INetwork"/> does not count training passes,
/// so that value is always written as 0; PyTorch only reads it when batch norm's momentum is None.
/// </para>
/// </remarks>
public static class SafeTensors
{
    /// <summary>The <c>__metadata__</c> this class writes: the key PyTorch-oriented tools look for.</summary>
    private static readonly KeyValuePair<string, string> FormatMetadata = new("format", "pt");

    /// <summary>
    /// Key under which a mismatch <see cref="InvalidDataException"/>'s <see cref="Exception.Data"/> holds the
    /// mismatches as a <c>string[]</c>, one line each (<see cref="InvalidDataException"/> is sealed, so there is
    /// no derived type to carry them).
    /// </summary>
    public const string MismatchesKey = "SafeTensors.Mismatches";

    private const string BatchTrackerSuffix = ".num_batches_tracked";
    private const string RunningMeanSuffix = ".running_mean";
    private const string InMemorySource = "the safetensors data";

    /// <summary>
    /// Writes the network's weights to <paramref name="path"/> atomically: into a temporary file in the same
    /// directory, flushed to disk, then moved over <paramref name="path"/>. If anything fails the temporary file is
    /// deleted and an existing file at <paramref name="path"/> keeps its old bytes.
    /// </summary>
    /// <param name="network">The network whose parameters and buffers are written.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <exception cref="ArgumentException">The network's tensor table is inconsistent (see <see cref="Save(INetwork, Stream)"/>).</exception>
    /// <exception cref="IOException">The directory does not exist, or writing or replacing the file failed.</exception>
    public static void Save(INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        var layout = PlanLayout(network);
        string fullPath = Path.GetFullPath(path);
        string directory = Path.GetDirectoryName(fullPath) ?? throw new ArgumentException($"'{path}' names no file.", nameof(path));
        string temporary = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16))
            {
                Write(network, layout, stream);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, fullPath, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>
    /// Writes the network's weights to <paramref name="stream"/> at its current position. Not atomic: if the stream
    /// fails midway it holds part of a file (use <see cref="Save(INetwork, string)"/> for files).
    /// </summary>
    /// <param name="network">The network whose parameters and buffers are written.</param>
    /// <param name="stream">A writable stream; it is not closed.</param>
    /// <exception cref="ArgumentException">
    /// A tensor of the network lies outside <see cref="INetwork.Parameters"/> or <see cref="INetwork.Buffers"/>, or two
    /// tensors share a name (nothing is written then).
    /// </exception>
    public static void Save(INetwork network, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        Write(network, PlanLayout(network), stream);
    }

    /// <summary>Returns the bytes <see cref="Save(INetwork, Stream)"/> would write.</summary>
    /// <param name="network">The network whose parameters and buffers are written.</param>
    /// <returns>A complete safetensors file.</returns>
    public static byte[] Serialize(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        var stream = new MemoryStream();
        Save(network, stream);
        return stream.ToArray();
    }

    /// <summary>
    /// Replaces the network's parameters and buffers with those in the safetensors file at <paramref name="path"/>.
    /// The whole file is validated first: its structure (header length, JSON, entries, offsets, sizes, nothing after
    /// the data), then its tensors against the network's: every parameter and buffer present under its
    /// <c>state_dict</c> name as F32 with the network's shape, nothing else but batch norm's optional I64 scalar
    /// <c>num_batches_tracked</c> (read and ignored). On any failure the network is left exactly as it was.
    /// </summary>
    /// <param name="network">The network to fill.</param>
    /// <param name="path">A safetensors file.</param>
    /// <exception cref="InvalidDataException">
    /// The file is not a valid safetensors file (truncated, corrupted): the message names the file and the problem.
    /// Or it is valid but its tensors do not match the network's: the message names the file and lists every
    /// mismatch (also in <see cref="Exception.Data"/>[<see cref="MismatchesKey"/>]), e.g.
    /// <c>fc1.weight: shape [120, 400] in the file, [120, 256] in the network</c>.
    /// </exception>
    /// <exception cref="ArgumentException">The network's own tensor table is inconsistent.</exception>
    /// <exception cref="IOException">The file cannot be opened or read.</exception>
    public static void Load(INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = OpenRead(path);
        LoadFromStream(network, stream, Describe(path));
    }

    /// <summary>
    /// Replaces the network's parameters and buffers with those in a safetensors stream, read from its current
    /// position to its end, validated exactly as <see cref="Load(INetwork, string)"/> does before the network is touched.
    /// </summary>
    /// <param name="network">The network to fill.</param>
    /// <param name="stream">A readable stream holding one safetensors file and nothing after it; it is not closed.</param>
    /// <exception cref="InvalidDataException">The data is not a valid safetensors file, or its tensors do not match the network's (as for <see cref="Load(INetwork, string)"/>).</exception>
    /// <exception cref="ArgumentException">The network's own tensor table is inconsistent.</exception>
    public static void Load(INetwork network, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        LoadFromStream(network, stream, InMemorySource);
    }

    /// <summary>
    /// Replaces the network's parameters and buffers with those in an in-memory safetensors file, validated exactly
    /// as <see cref="Load(INetwork, string)"/> does before the network is touched.
    /// </summary>
    /// <param name="network">The network to fill.</param>
    /// <param name="data">A complete safetensors file.</param>
    /// <exception cref="InvalidDataException">The data is not a valid safetensors file, or its tensors do not match the network's (as for <see cref="Load(INetwork, string)"/>).</exception>
    /// <exception cref="ArgumentException">The network's own tensor table is inconsistent.</exception>
    public static void Load(INetwork network, ReadOnlySpan<byte> data)
    {
        ArgumentNullException.ThrowIfNull(network);
        var layout = PlanLayout(network);
        var (header, dataStart) = ParseAll(data, InMemorySource);
        var plan = Match(layout, header, InMemorySource);
        var tensorData = data.Slice(dataStart);
        float[] parameters = network.Parameters.ToArray();
        float[] buffers = network.Buffers.ToArray();
        foreach (var (entry, tensor, isBuffer) in plan)
        {
            if (tensor is not null)
            {
                var bytes = tensorData.Slice((int)entry.DataBegin, (int)entry.ByteLength);
                ReadFloats(bytes, (isBuffer ? buffers : parameters).AsSpan(tensor.Offset, tensor.Length));
            }
        }
        Commit(network, parameters, buffers);
    }

    /// <summary>
    /// Reads and validates the header of the safetensors file at <paramref name="path"/> (without reading the tensor
    /// data, but checking the file's length matches it) and describes its tensors in file order.
    /// </summary>
    /// <param name="path">A safetensors file.</param>
    /// <returns>Each tensor's name, dtype, shape and byte range, by offset.</returns>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file; the message names the file and the problem.</exception>
    public static IReadOnlyList<SafeTensorInfo> ReadHeader(string path) => ReadFileHeader(path).Tensors;

    /// <summary>Validates an in-memory safetensors file and describes its tensors in file order.</summary>
    /// <param name="data">A complete safetensors file.</param>
    /// <returns>Each tensor's name, dtype, shape and byte range, by offset.</returns>
    /// <exception cref="InvalidDataException">The data is not a valid safetensors file.</exception>
    public static IReadOnlyList<SafeTensorInfo> ReadHeader(ReadOnlySpan<byte> data) => ParseAll(data, InMemorySource).Header.Tensors;

    /// <summary>The <c>__metadata__</c> map of the safetensors file at <paramref name="path"/> (empty if it has none).</summary>
    /// <param name="path">A safetensors file.</param>
    /// <returns>The string-to-string metadata, e.g. <c>format</c> = <c>pt</c>.</returns>
    /// <exception cref="InvalidDataException">The file is not a valid safetensors file.</exception>
    public static IReadOnlyDictionary<string, string> ReadMetadata(string path) => ReadFileHeader(path).Metadata;

    /// <summary>The <c>__metadata__</c> map of an in-memory safetensors file (empty if it has none).</summary>
    /// <param name="data">A complete safetensors file.</param>
    /// <returns>The string-to-string metadata, e.g. <c>format</c> = <c>pt</c>.</returns>
    /// <exception cref="InvalidDataException">The data is not a valid safetensors file.</exception>
    public static IReadOnlyDictionary<string, string> ReadMetadata(ReadOnlySpan<byte> data) => ParseAll(data, InMemorySource).Header.Metadata;

    // ---- Network side -------------------------------------------------------------------------------------------

    /// <summary>One tensor the network saves or expects: a parameter, a buffer, or batch norm's pass counter.</summary>
    private sealed record NetworkTensor(string Name, string DataType, long[] Shape, ParameterTensor? Tensor, bool IsBuffer)
    {
        public bool IsBatchTracker => Tensor is null;

        public long ByteLength => Tensor is null ? sizeof(long) : Tensor.Length * (long)sizeof(float);
    }

    /// <summary>Checks the network's tensor table and lists what it saves, in network order.</summary>
    private static List<NetworkTensor> PlanLayout(INetwork network)
    {
        var tensors = new List<NetworkTensor>();
        var names = new HashSet<string>(StringComparer.Ordinal) { SafeTensorsHeader.MetadataKey };
        void Add(NetworkTensor tensor)
        {
            if (!names.Add(tensor.Name))
            {
                throw new ArgumentException($"The network names the tensor '{tensor.Name}' twice (or uses a reserved name).", nameof(network));
            }
            tensors.Add(tensor);
        }
        void AddAll(IReadOnlyList<ParameterTensor> list, int arenaLength, bool isBuffer)
        {
            string arena = isBuffer ? nameof(INetwork.Buffers) : nameof(INetwork.Parameters);
            foreach (var tensor in list)
            {
                if (tensor.Offset < 0 || tensor.Length < 0 || tensor.Offset > arenaLength - tensor.Length)
                {
                    throw new ArgumentException($"The network's tensor {tensor} lies outside its {arena} ({arenaLength} floats).", nameof(network));
                }
                long[] shape = new long[tensor.Shape.Count];
                for (int i = 0; i < shape.Length; i++)
                {
                    shape[i] = tensor.Shape[i] >= 0
                        ? tensor.Shape[i]
                        : throw new ArgumentException($"The network's tensor {tensor} has a negative dimension.", nameof(network));
                }
                Add(new NetworkTensor(tensor.Name, "F32", shape, tensor, isBuffer));
                if (isBuffer && tensor.Name.EndsWith(RunningMeanSuffix, StringComparison.Ordinal))
                {
                    string module = tensor.Name[..^RunningMeanSuffix.Length];
                    Add(new NetworkTensor(module + BatchTrackerSuffix, "I64", [], null, IsBuffer: true));
                }
            }
        }
        AddAll(network.ParameterTensors, network.Parameters.Length, isBuffer: false);
        AddAll(network.BufferTensors, network.Buffers.Length, isBuffer: true);
        return tensors;
    }

    // ---- Writing ------------------------------------------------------------------------------------------------

    private static void Write(INetwork network, List<NetworkTensor> layout, Stream stream)
    {
        // The reference implementation's order: descending dtype alignment (I64 before F32), then name.
        var ordered = new List<NetworkTensor>(layout);
        ordered.Sort((a, b) => a.IsBatchTracker != b.IsBatchTracker
            ? (a.IsBatchTracker ? -1 : 1)
            : string.CompareOrdinal(a.Name, b.Name));

        byte[] header = BuildHeader(ordered);
        Span<byte> prefix = stackalloc byte[SafeTensorsHeader.LengthPrefixSize];
        BinaryPrimitives.WriteUInt64LittleEndian(prefix, (ulong)header.Length);
        stream.Write(prefix);
        stream.Write(header);
        Span<byte> zeroCounter = stackalloc byte[sizeof(long)];
        zeroCounter.Clear();
        foreach (var tensor in ordered)
        {
            if (tensor.Tensor is null)
            {
                stream.Write(zeroCounter);
            }
            else
            {
                var arena = tensor.IsBuffer ? network.Buffers : network.Parameters;
                WriteFloats(stream, arena.Slice(tensor.Tensor.Offset, tensor.Tensor.Length));
            }
        }
    }

    private static byte[] BuildHeader(List<NetworkTensor> ordered)
    {
        var buffer = new ArrayBufferWriter<byte>();
        // Relaxed escaping stays closest to serde_json, which escapes only quotes, backslashes and control characters.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject(SafeTensorsHeader.MetadataKey);
            writer.WriteString(FormatMetadata.Key, FormatMetadata.Value);
            writer.WriteEndObject();
            long offset = 0;
            foreach (var tensor in ordered)
            {
                writer.WriteStartObject(tensor.Name);
                writer.WriteString("dtype", tensor.DataType);
                writer.WriteStartArray("shape");
                foreach (long dimension in tensor.Shape)
                {
                    writer.WriteNumberValue(dimension);
                }
                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                offset += tensor.ByteLength;
                writer.WriteNumberValue(offset);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        // Pad with spaces so the tensor data starts 8-byte aligned, as the reference implementation does.
        int padded = (buffer.WrittenCount + 7) / 8 * 8;
        byte[] header = new byte[padded];
        buffer.WrittenSpan.CopyTo(header);
        header.AsSpan(buffer.WrittenCount).Fill((byte)' ');
        return header;
    }

    private static void WriteFloats(Stream stream, ReadOnlySpan<float> values)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(values));
            return;
        }
        Span<byte> chunk = stackalloc byte[1024];
        while (!values.IsEmpty)
        {
            int count = Math.Min(values.Length, chunk.Length / sizeof(float));
            for (int i = 0; i < count; i++)
            {
                BinaryPrimitives.WriteSingleLittleEndian(chunk.Slice(i * sizeof(float)), values[i]);
            }
            stream.Write(chunk.Slice(0, count * sizeof(float)));
            values = values.Slice(count);
        }
    }

    // ---- Reading ------------------------------------------------------------------------------------------------

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);

    private static string Describe(string path) => $"'{path}'";

    private static SafeTensorsHeader ReadFileHeader(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = OpenRead(path);
        return ReadStreamHeader(stream, Describe(path), out _);
    }

    /// <summary>Parses and validates a whole in-memory file; returns the header and where the tensor data starts.</summary>
    private static (SafeTensorsHeader Header, int DataStart) ParseAll(ReadOnlySpan<byte> data, string source)
    {
        if (data.Length < SafeTensorsHeader.LengthPrefixSize)
        {
            throw SafeTensorsHeader.Invalid(source, $"it holds {data.Length} bytes, fewer than the 8-byte header length");
        }
        int headerLength = SafeTensorsHeader.ReadHeaderLength(data, data.Length - SafeTensorsHeader.LengthPrefixSize, source);
        int dataStart = SafeTensorsHeader.LengthPrefixSize + headerLength;
        var header = SafeTensorsHeader.Parse(data.Slice(SafeTensorsHeader.LengthPrefixSize, headerLength), source);
        header.CheckDataLength(data.Length - dataStart, source);
        return (header, dataStart);
    }

    /// <summary>
    /// Reads and validates the prefix and header from a stream; when the stream's length is known, also checks the
    /// data length against it. <paramref name="remaining"/> is the byte count after the header, or -1 if unknown.
    /// </summary>
    private static SafeTensorsHeader ReadStreamHeader(Stream stream, string source, out long remaining)
    {
        long available = stream.CanSeek ? stream.Length - stream.Position : -1;
        Span<byte> prefix = stackalloc byte[SafeTensorsHeader.LengthPrefixSize];
        int read = stream.ReadAtLeast(prefix, prefix.Length, throwOnEndOfStream: false);
        if (read < prefix.Length)
        {
            throw SafeTensorsHeader.Invalid(source, $"it holds {read} bytes, fewer than the 8-byte header length");
        }
        long afterPrefix = available < 0 ? -1 : available - prefix.Length;
        int headerLength = SafeTensorsHeader.ReadHeaderLength(prefix, afterPrefix, source);
        byte[] headerBytes = afterPrefix >= 0 ? new byte[headerLength] : ReadGrowing(stream, headerLength, source);
        if (afterPrefix >= 0)
        {
            ReadFully(stream, headerBytes, source, "the header");
        }
        var header = SafeTensorsHeader.Parse(headerBytes, source);
        remaining = afterPrefix < 0 ? -1 : afterPrefix - headerLength;
        if (remaining >= 0)
        {
            header.CheckDataLength(remaining, source);
        }
        return header;
    }

    private static void LoadFromStream(INetwork network, Stream stream, string source)
    {
        var layout = PlanLayout(network);
        var header = ReadStreamHeader(stream, source, out long remaining);
        var plan = Match(layout, header, source);
        float[] parameters = network.Parameters.ToArray();
        float[] buffers = network.Buffers.ToArray();
        Span<byte> counter = stackalloc byte[sizeof(long)];
        // The entries tile the data in file order, so one forward pass reads every byte.
        foreach (var (entry, tensor, isBuffer) in plan)
        {
            if (tensor is null)
            {
                ReadFully(stream, counter, source, $"'{entry.Name}'");
                continue;
            }
            var target = (isBuffer ? buffers : parameters).AsSpan(tensor.Offset, tensor.Length);
            var bytes = MemoryMarshal.AsBytes(target);
            ReadFully(stream, bytes, source, $"'{entry.Name}'");
            if (!BitConverter.IsLittleEndian)
            {
                ReadFloats(bytes.ToArray(), target);
            }
        }
        if (remaining < 0 && stream.ReadByte() >= 0)
        {
            throw SafeTensorsHeader.Invalid(source, $"bytes follow the {header.DataLength} bytes of tensor data the header describes");
        }
        Commit(network, parameters, buffers);
    }

    /// <summary>
    /// Reads <paramref name="length"/> bytes from a stream of unknown length into a buffer that grows only as bytes
    /// arrive, so a forged header length on a short stream costs no more memory than the stream holds.
    /// </summary>
    private static byte[] ReadGrowing(Stream stream, int length, string source)
    {
        byte[] buffer = new byte[Math.Min(length, 1 << 16)];
        int filled = 0;
        while (true)
        {
            filled += stream.ReadAtLeast(buffer.AsSpan(filled), buffer.Length - filled, throwOnEndOfStream: false);
            if (filled < buffer.Length)
            {
                throw SafeTensorsHeader.Invalid(source, $"it ends {length - filled} bytes short inside the header (truncated)");
            }
            if (filled == length)
            {
                return buffer;
            }
            Array.Resize(ref buffer, (int)Math.Min(length, 2L * buffer.Length));
        }
    }

    private static void ReadFully(Stream stream, Span<byte> destination, string source, string what)
    {
        int read = stream.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
        if (read < destination.Length)
        {
            throw SafeTensorsHeader.Invalid(source, $"it ends {destination.Length - read} bytes short inside {what} (truncated)");
        }
    }

    private static void ReadFloats(ReadOnlySpan<byte> bytes, Span<float> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            bytes.CopyTo(MemoryMarshal.AsBytes(destination));
            return;
        }
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(i * sizeof(float)));
        }
    }

    /// <summary>
    /// Pairs each file entry (in file order) with the network tensor it fills (null for batch norm's counter), or
    /// throws one <see cref="InvalidDataException"/> listing every missing, unexpected or differently shaped tensor.
    /// </summary>
    private static List<(SafeTensorInfo Entry, ParameterTensor? Tensor, bool IsBuffer)> Match(
        List<NetworkTensor> layout, SafeTensorsHeader header, string source)
    {
        var fileEntries = new Dictionary<string, SafeTensorInfo>(StringComparer.Ordinal);
        foreach (var entry in header.Tensors)
        {
            fileEntries.Add(entry.Name, entry);
        }
        var expected = new Dictionary<string, NetworkTensor>(StringComparer.Ordinal);
        var mismatches = new List<string>();
        foreach (var tensor in layout)
        {
            expected.Add(tensor.Name, tensor);
            if (!fileEntries.TryGetValue(tensor.Name, out var entry))
            {
                // PyTorch files may lack the counter (track_running_stats variants, older exports); it is not needed.
                if (!tensor.IsBatchTracker)
                {
                    mismatches.Add($"{tensor.Name}: missing from the file (the network has {tensor.DataType} {SafeTensorInfo.FormatShape(tensor.Shape)})");
                }
                continue;
            }
            if (entry.DataType != tensor.DataType)
            {
                mismatches.Add($"{tensor.Name}: dtype {entry.DataType} in the file, {tensor.DataType} in the network");
            }
            if (!ShapesEqual(entry.Shape, tensor.Shape))
            {
                mismatches.Add($"{tensor.Name}: shape {SafeTensorInfo.FormatShape(entry.Shape)} in the file, {SafeTensorInfo.FormatShape(tensor.Shape)} in the network");
            }
        }
        foreach (var entry in header.Tensors)
        {
            if (!expected.ContainsKey(entry.Name))
            {
                mismatches.Add($"{entry.Name}: in the file ({entry.DataType} {SafeTensorInfo.FormatShape(entry.Shape)}) but not in the network");
            }
        }
        if (mismatches.Count > 0)
        {
            string plural = mismatches.Count == 1 ? "" : "es";
            var exception = new InvalidDataException(
                $"{source} does not match the network ({mismatches.Count} mismatch{plural}):"
                + Environment.NewLine + "  " + string.Join(Environment.NewLine + "  ", mismatches));
            exception.Data[MismatchesKey] = mismatches.ToArray();
            throw exception;
        }

        var plan = new List<(SafeTensorInfo, ParameterTensor?, bool)>(header.Tensors.Count);
        foreach (var entry in header.Tensors)
        {
            var tensor = expected[entry.Name];
            plan.Add((entry, tensor.Tensor, tensor.IsBuffer));
        }
        return plan;
    }

    private static bool ShapesEqual(IReadOnlyList<long> a, IReadOnlyList<long> b)
    {
        if (a.Count != b.Count)
        {
            return false;
        }
        for (int i = 0; i < a.Count; i++)
        {
            if (a[i] != b[i])
            {
                return false;
            }
        }
        return true;
    }

    // Everything was validated and staged; only now does the network change.
    private static void Commit(INetwork network, float[] parameters, float[] buffers)
    {
        parameters.CopyTo(network.Parameters);
        buffers.CopyTo(network.Buffers);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The original failure is the one to report; a leftover temporary file is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
