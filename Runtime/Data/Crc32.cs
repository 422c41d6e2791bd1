using System;
using System.Buffers.Binary;

namespace StaticNets.Data;

/// <summary>
/// CRC-32 as gzip defines it (IEEE 802.3, reflected polynomial 0xEDB88320), for checking a gzip trailer: the runtime
/// exposes none without the System.IO.Hashing package.
/// </summary>
internal static class Crc32
{
    /// <summary>The register value before the first byte.</summary>
    public const uint Initial = 0xFFFFFFFF;

    // Slicing by 8: eight independent table look-ups per 8 bytes instead of a chain of one per byte.
    private static readonly uint[] Tables = BuildTables();

    /// <summary>Feeds <paramref name="bytes"/> to the register <paramref name="crc"/> and returns the new register.</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> bytes)
    {
        uint[] tables = Tables;
        int i = 0;
        for (; i + 8 <= bytes.Length; i += 8)
        {
            uint low = crc ^ BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(i));
            uint high = BinaryPrimitives.ReadUInt32LittleEndian(bytes.Slice(i + 4));
            crc = tables[7 * 256 + (low & 0xFF)] ^ tables[6 * 256 + ((low >> 8) & 0xFF)]
                ^ tables[5 * 256 + ((low >> 16) & 0xFF)] ^ tables[4 * 256 + (low >> 24)]
                ^ tables[3 * 256 + (high & 0xFF)] ^ tables[2 * 256 + ((high >> 8) & 0xFF)]
                ^ tables[256 + ((high >> 16) & 0xFF)] ^ tables[high >> 24];
        }

        for (; i < bytes.Length; i++)
        {
            crc = tables[(crc ^ bytes[i]) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    /// <summary>The checksum of the bytes fed so far, as stored in a gzip trailer.</summary>
    public static uint Final(uint crc) => ~crc;

    private static uint[] BuildTables()
    {
        var tables = new uint[8 * 256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }

            tables[n] = c;
        }

        for (int t = 1; t < 8; t++)
        {
            for (int n = 0; n < 256; n++)
            {
                uint previous = tables[(t - 1) * 256 + n];
                tables[t * 256 + n] = tables[previous & 0xFF] ^ (previous >> 8);
            }
        }

        return tables;
    }
}
