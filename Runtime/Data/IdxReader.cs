using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;
using System.Numerics.Tensors;

namespace StaticNets.Data;

/// <summary>
/// Reads IDX files of unsigned bytes, the MNIST format: a big-endian header (magic <c>0x000008DD</c>, DD the number
/// of dimensions, then one int32 per dimension) followed by the data. Files may be raw or gzip-compressed; gzip is
/// recognised by its magic bytes 1F 8B, not by the file name.
/// </summary>
/// <remarks>
/// Every malformed file is refused with an <see cref="InvalidDataException"/> that names the file and the problem:
/// bad magic, wrong dimension count, truncated header or data, trailing bytes, a corrupt gzip stream, or a header
/// declaring an impossible size. Memory is never sized from the header alone: a raw file's declared size is checked
/// against its length first, and a gzip payload (at most 1 GiB) grows only as decompressed bytes actually arrive.
/// </remarks>
public static class IdxReader
{
    /// <summary>Magic number of an IDX file of unsigned-byte images (3 dimensions: count, rows, columns).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an IDX file of unsigned-byte labels (1 dimension: count).</summary>
    public const int LabelsMagic = 0x00000801;

    private const byte UnsignedByteType = 0x08;

    // Deflate cannot expand data by more than about 1032:1 (a 258-byte match per ~2 bits), so a gzip file whose
    // header promises more than this many bytes per compressed byte is forged or corrupt: refuse before reading.
    private const long MaxDeflateExpansion = 1032;

    // A gzip stream's decompressed length is unknown until it ends, so a small bomb could make the reader inflate
    // up to Array.MaxLength bytes (and four times that in floats). 1 GiB is almost twice the largest IDX file in use
    // (EMNIST ByClass training images, 547 MB).
    private const int MaxGzipPayload = 1 << 30;

    // Grow the gzip payload from here, doubling up to the declared size, so a forged header costs no memory.
    private const int InitialGzipBuffer = 1 << 16;

    /// <summary>Reads an IDX image file (magic <c>0x00000803</c>) and scales its pixels to [0, 1].</summary>
    /// <param name="path">The file, raw or gzip-compressed.</param>
    /// <returns>The images, their dimensions and pixels.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="InvalidDataException">The file is not a well-formed IDX image file (the message says why).</exception>
    /// <exception cref="IOException">The file cannot be opened or read.</exception>
    public static IdxImages ReadImages(string path)
    {
        byte[] data = ReadPayload(path, ImagesMagic, "image", out int[] dimensions);
        var pixels = new float[data.Length];
        TensorPrimitives.ConvertChecked<byte, float>(data, pixels);
        TensorPrimitives.Divide(pixels, 255f, pixels);
        return new IdxImages(dimensions[0], dimensions[1], dimensions[2], pixels);
    }

    /// <summary>Reads an IDX label file (magic <c>0x00000801</c>), refusing labels outside [0, <paramref name="classCount"/>).</summary>
    /// <param name="path">The file, raw or gzip-compressed.</param>
    /// <param name="classCount">Number of classes; every label must be below it (10 for MNIST). 1 to 256.</param>
    /// <returns>One label per example.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty, or <paramref name="classCount"/> is out of range.</exception>
    /// <exception cref="InvalidDataException">The file is not a well-formed IDX label file, or a label is out of range.</exception>
    /// <exception cref="IOException">The file cannot be opened or read.</exception>
    public static int[] ReadLabels(string path, int classCount)
    {
        if (classCount < 1 || classCount > 256)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "The class count must be between 1 and 256 (labels are single bytes).");
        }

        byte[] data = ReadPayload(path, LabelsMagic, "label", out _);
        var labels = new int[data.Length];
        for (int i = 0; i < data.Length; i++)
        {
            if (data[i] >= classCount)
            {
                throw Invalid(path, $"label {data[i]} at index {i} is out of range: labels must be 0 to {classCount - 1}.");
            }

            labels[i] = data[i];
        }

        return labels;
    }

    private static byte[] ReadPayload(string path, int expectedMagic, string kind, out int[] dimensions)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        bool isGzip = StartsWithGzipMagic(file);
        long fileLength = file.Length;
        using Stream source = isGzip ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : file;

        int expectedRank = expectedMagic & 0xFF;
        Span<byte> header = stackalloc byte[4 + 4 * 3];
        Span<byte> magicBytes = header.Slice(0, 4);
        if (ReadFully(source, magicBytes, path) < 4)
        {
            throw Invalid(path, $"truncated: the file ends inside the 4-byte magic number (expected 0x{expectedMagic:X8}, an IDX {kind} file).");
        }

        int magic = BinaryPrimitives.ReadInt32BigEndian(magicBytes);
        if (magicBytes[0] != 0 || magicBytes[1] != 0)
        {
            throw Invalid(path, $"bad magic number 0x{magic:X8}: expected 0x{expectedMagic:X8} (an IDX {kind} file of unsigned bytes); an IDX magic starts with two zero bytes.");
        }

        if (magicBytes[2] != UnsignedByteType)
        {
            throw Invalid(path, $"bad magic number 0x{magic:X8}: expected 0x{expectedMagic:X8} (an IDX {kind} file of unsigned bytes); {DescribeDataType(magicBytes[2])}.");
        }

        if (magicBytes[3] != expectedRank)
        {
            throw Invalid(path, $"wrong dimension count: magic 0x{magic:X8} declares {magicBytes[3]} dimension(s), but an IDX {kind} file has {expectedRank} (magic 0x{expectedMagic:X8}).");
        }

        int headerLength = 4 + 4 * expectedRank;
        Span<byte> dimensionBytes = header.Slice(4, 4 * expectedRank);
        if (ReadFully(source, dimensionBytes, path) < dimensionBytes.Length)
        {
            throw Invalid(path, $"truncated: the file ends inside the {headerLength}-byte header.");
        }

        dimensions = new int[expectedRank];
        long declared = 1;
        for (int d = 0; d < expectedRank; d++)
        {
            int size = BinaryPrimitives.ReadInt32BigEndian(dimensionBytes.Slice(4 * d, 4));
            if (size < 1)
            {
                throw Invalid(path, $"absurd size in the header: dimension {d} is {size}, expected at least 1.");
            }

            dimensions[d] = size;
            declared *= size; // at most 3 factors below 2^31 after the check below: cannot overflow a long.
            if (declared > Array.MaxLength)
            {
                throw Invalid(path, $"absurd size in the header: dimensions {string.Join(" x ", dimensions[..(d + 1)])} exceed {Array.MaxLength} bytes, the largest array .NET can hold.");
            }
        }

        string shape = string.Join(" x ", dimensions);
        return isGzip
            ? ReadGzipPayload(source, file, header.Slice(0, headerLength), path, (int)declared, shape)
            : ReadRawPayload(source, path, (int)declared, shape, fileLength - headerLength);
    }

    // The other element types IDX defines: named in the message, since a float or int IDX file is a plausible mix-up.
    private static string DescribeDataType(byte typeCode) => typeCode switch
    {
        0x09 => "data type 0x09 (signed bytes) is not supported",
        0x0B => "data type 0x0B (16-bit integers) is not supported",
        0x0C => "data type 0x0C (32-bit integers) is not supported",
        0x0D => "data type 0x0D (32-bit floats) is not supported",
        0x0E => "data type 0x0E (64-bit floats) is not supported",
        _ => $"data type 0x{typeCode:X2} is not an IDX type",
    };

    private static byte[] ReadRawPayload(Stream source, string path, int declared, string shape, long available)
    {
        if (available < declared)
        {
            throw Invalid(path, $"truncated: the header declares {shape} = {declared} bytes of data, but the file holds only {available}.");
        }

        if (available > declared)
        {
            throw Invalid(path, $"trailing garbage: {available - declared} byte(s) after the {shape} = {declared} bytes of data the header declares.");
        }

        var data = new byte[declared];
        if (ReadFully(source, data, path) < declared)
        {
            throw Invalid(path, $"truncated: the file shrank while being read (expected {declared} bytes of data).");
        }

        return data;
    }

    private static byte[] ReadGzipPayload(Stream source, FileStream file, ReadOnlySpan<byte> header, string path, int declared, string shape)
    {
        long compressedLength = file.Length;
        if (declared > compressedLength * MaxDeflateExpansion)
        {
            throw Invalid(path, $"absurd size in the header: it declares {shape} = {declared} bytes of data, but {compressedLength} gzip-compressed bytes cannot expand to more than {compressedLength * MaxDeflateExpansion}.");
        }

        if (declared > MaxGzipPayload)
        {
            throw Invalid(path, $"absurd size in the header: it declares {shape} = {declared} bytes of data, more than the {MaxGzipPayload} a gzip-compressed IDX file may hold.");
        }

        var data = new byte[Math.Min(declared, InitialGzipBuffer)];
        int filled = 0;
        while (true)
        {
            int read = ReadSome(source, data.AsSpan(filled), path);
            if (read == 0)
            {
                throw Invalid(path, $"truncated: the header declares {shape} = {declared} bytes of data, but the gzip stream holds only {filled}.");
            }

            filled += read;
            if (filled == declared)
            {
                break;
            }

            if (filled == data.Length)
            {
                Array.Resize(ref data, (int)Math.Min(declared, 2L * data.Length));
            }
        }

        // Anything after the declared data would be silently ignored by a looser reader; refuse it. One probe is
        // enough: counting the rest could mean decompressing a gzip bomb to the end.
        Span<byte> probe = stackalloc byte[1];
        if (ReadSome(source, probe, path) > 0)
        {
            throw Invalid(path, $"trailing garbage: the gzip stream continues after the {shape} = {declared} bytes of data the header declares.");
        }

        RequireGzipTrailer(file, header, data, path);
        return data;
    }

    /// <summary>
    /// GZipStream reports a clean end when the file stops inside the 8-byte trailer (CRC-32, then length mod 2^32,
    /// little-endian) or when non-gzip bytes follow it, so data that was never checked would load. The file must
    /// therefore end with the trailer of the last gzip member: its length and CRC-32 over that many final
    /// decompressed bytes (all of them for the usual single member). zlib has already checked any complete trailer
    /// it met; this check is about the file's end.
    /// </summary>
    private static void RequireGzipTrailer(FileStream file, ReadOnlySpan<byte> header, byte[] data, string path)
    {
        const string Problem = "truncated or followed by other bytes: the file does not end with the CRC-32 and length trailer of its gzip data";
        Span<byte> trailer = stackalloc byte[8];
        if (file.Length < trailer.Length)
        {
            throw Invalid(path, $"{Problem}.");
        }

        file.Position = file.Length - trailer.Length;
        if (ReadFully(file, trailer, path) < trailer.Length)
        {
            throw Invalid(path, $"{Problem} (the file shrank while being read).");
        }

        uint storedCrc = BinaryPrimitives.ReadUInt32LittleEndian(trailer);
        uint memberLength = BinaryPrimitives.ReadUInt32LittleEndian(trailer.Slice(4));
        long decompressedLength = (long)header.Length + data.Length;
        if (memberLength > decompressedLength)
        {
            throw Invalid(path, $"{Problem} (its last 4 bytes declare {memberLength} bytes, but the stream holds {decompressedLength}).");
        }

        // The member's bytes are the last memberLength of header + data.
        int fromData = (int)Math.Min(memberLength, data.Length);
        int fromHeader = (int)memberLength - fromData;
        // System.IO.Hashing's CRC-32 is the gzip one (IEEE 802.3, reflected), vectorised.
        var crc = new System.IO.Hashing.Crc32();
        crc.Append(header.Slice(header.Length - fromHeader));
        crc.Append(data.AsSpan(data.Length - fromData));
        if (crc.GetCurrentHashAsUInt32() != storedCrc)
        {
            throw Invalid(path, $"{Problem} (its last 8 bytes do not hold the CRC-32 of the decompressed data).");
        }
    }

    private static bool StartsWithGzipMagic(FileStream file)
    {
        Span<byte> magic = stackalloc byte[2];
        int read = ReadFully(file, magic, file.Name);
        file.Position = 0;
        return read == 2 && magic[0] == 0x1F && magic[1] == 0x8B;
    }

    private static int ReadFully(Stream source, Span<byte> buffer, string path)
    {
        int filled = 0;
        for (int read; filled < buffer.Length && (read = ReadSome(source, buffer.Slice(filled), path)) > 0;)
        {
            filled += read;
        }

        return filled;
    }

    private static int ReadSome(Stream source, Span<byte> buffer, string path)
    {
        try
        {
            return source.Read(buffer);
        }
        catch (InvalidDataException exception)
        {
            // Only GZipStream throws this; its message names no file.
            throw Invalid(path, $"corrupt gzip stream: {exception.Message}", exception);
        }
    }

    private static InvalidDataException Invalid(string path, string problem, Exception? inner = null) =>
        new($"IDX file '{path}': {problem}", inner);
}
