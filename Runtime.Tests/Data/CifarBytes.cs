using System;

namespace StaticNets.Runtime.Tests.Data;

/// <summary>Builds CIFAR-10 binary batches byte by byte: records of one label byte and 3,072 pixel bytes.</summary>
internal static class CifarBytes
{
    public const int RecordLength = 3073;

    /// <summary>One record per label; pixel p of record r is (r * 7 + p * 13) mod 256, so records and planes differ.</summary>
    public static byte[] Batch(params byte[] labels)
    {
        var bytes = new byte[labels.Length * RecordLength];
        for (int r = 0; r < labels.Length; r++)
        {
            bytes[r * RecordLength] = labels[r];
            for (int p = 0; p < RecordLength - 1; p++)
            {
                bytes[r * RecordLength + 1 + p] = Pixel(r, p);
            }
        }

        return bytes;
    }

    public static byte Pixel(int record, int pixel) => (byte)(record * 7 + pixel * 13);
}
