using System;
using System.Buffers.Binary;
using System.IO;
using System.IO.Compression;

namespace StaticNets.Runtime.Tests.Data;

/// <summary>Builds IDX files byte by byte, so tests can write well-formed, truncated, forged and corrupted ones.</summary>
internal static class IdxBytes
{
    public const int ImagesMagic = 0x00000803;
    public const int LabelsMagic = 0x00000801;

    public static byte[] Header(int magic, params int[] dimensions)
    {
        var header = new byte[4 + 4 * dimensions.Length];
        BinaryPrimitives.WriteInt32BigEndian(header, magic);
        for (int d = 0; d < dimensions.Length; d++)
        {
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + 4 * d), dimensions[d]);
        }

        return header;
    }

    /// <summary>An image file whose pixel i (over the whole file) is (i * 37) mod 256.</summary>
    public static byte[] Images(int count, int height, int width) =>
        [.. Header(ImagesMagic, count, height, width), .. Pattern(count * height * width)];

    public static byte[] Labels(params byte[] labels) => [.. Header(LabelsMagic, labels.Length), .. labels];

    public static byte[] Pattern(int length)
    {
        var data = new byte[length];
        for (int i = 0; i < length; i++)
        {
            data[i] = (byte)(i * 37);
        }

        return data;
    }

    public static byte[] Gzip(byte[] raw)
    {
        using var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(raw);
        }

        return compressed.ToArray();
    }
}
