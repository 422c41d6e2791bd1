using System;
using System.IO;
using StaticNets.Data;

namespace StaticNets.Runtime.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadsImagesAndScalesBytesToUnitRange(bool gzip)
    {
        string path = Write("images", IdxBytes.Images(count: 2, height: 3, width: 4), gzip);

        IdxImages images = IdxReader.ReadImages(path);

        Assert.Equal((2, 3, 4), (images.Count, images.Height, images.Width));
        byte[] expected = IdxBytes.Pattern(24);
        Assert.Equal(24, images.Pixels.Length);
        for (int i = 0; i < 24; i++)
        {
            Assert.Equal(expected[i] / 255f, images.Pixels[i]);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadsLabels(bool gzip)
    {
        string path = Write("labels", IdxBytes.Labels(7, 0, 9, 3), gzip);

        Assert.Equal([7, 0, 9, 3], IdxReader.ReadLabels(path, classCount: 10));
    }

    [Fact]
    public void GzipIsDetectedByMagicBytesNotByFileName()
    {
        byte[] raw = IdxBytes.Labels(1, 2, 3);
        string gzipNamedRaw = _folder.Write("labels-idx1-ubyte", IdxBytes.Gzip(raw));
        string rawNamedGzip = _folder.Write("labels-idx1-ubyte.gz", raw);

        Assert.Equal([1, 2, 3], IdxReader.ReadLabels(gzipNamedRaw, 10));
        Assert.Equal([1, 2, 3], IdxReader.ReadLabels(rawNamedGzip, 10));
    }

    [Theory]
    [InlineData(false, 0x00000903)]
    [InlineData(true, 0x00000903)]
    [InlineData(false, 0x01000803)]
    [InlineData(true, 0x00000D03)]
    public void BadMagicIsRefused(bool gzip, int magic)
    {
        string path = Write("images", [.. IdxBytes.Header(magic, 1, 2, 2), 1, 2, 3, 4], gzip);

        AssertRefused(path, () => IdxReader.ReadImages(path), $"bad magic number 0x{magic:X8}: expected 0x00000803");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LabelFileReadAsImagesIsRefusedForItsDimensionCount(bool gzip)
    {
        string path = Write("labels", IdxBytes.Labels(1, 2, 3), gzip);

        AssertRefused(path, () => IdxReader.ReadImages(path), "wrong dimension count: magic 0x00000801 declares 1 dimension(s), but an IDX image file has 3");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ImageFileReadAsLabelsIsRefusedForItsDimensionCount(bool gzip)
    {
        string path = Write("images", IdxBytes.Images(1, 2, 2), gzip);

        AssertRefused(path, () => IdxReader.ReadLabels(path, 10), "wrong dimension count: magic 0x00000803 declares 3 dimension(s), but an IDX label file has 1");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FileEndingInsideTheMagicIsRefusedAsTruncated(bool gzip)
    {
        string path = Write("images", [0, 0, 8], gzip);

        AssertRefused(path, () => IdxReader.ReadImages(path), "truncated: the file ends inside the 4-byte magic number");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void FileEndingInsideTheHeaderIsRefusedAsTruncated(bool gzip)
    {
        byte[] header = IdxBytes.Header(IdxBytes.ImagesMagic, 10, 28, 28);
        string path = Write("images", header[..10], gzip);

        AssertRefused(path, () => IdxReader.ReadImages(path), "truncated: the file ends inside the 16-byte header");
    }

    [Fact]
    public void RawFileShorterThanTheHeaderPromisesIsRefusedAsTruncated()
    {
        byte[] full = IdxBytes.Images(3, 2, 2);
        string path = _folder.Write("images", full[..^2]);

        AssertRefused(path, () => IdxReader.ReadImages(path), "truncated: the header declares 3 x 2 x 2 = 12 bytes of data, but the file holds only 10");
    }

    [Fact]
    public void GzipStreamShorterThanTheHeaderPromisesIsRefusedAsTruncated()
    {
        byte[] full = IdxBytes.Images(3, 2, 2);
        string path = _folder.Write("images.gz", IdxBytes.Gzip(full[..^2]));

        AssertRefused(path, () => IdxReader.ReadImages(path), "truncated: the header declares 3 x 2 x 2 = 12 bytes of data, but the gzip stream holds only 10");
    }

    [Fact]
    public void RawTrailingGarbageIsRefused()
    {
        string path = _folder.Write("labels", [.. IdxBytes.Labels(1, 2), 0xAB, 0xCD, 0xEF]);

        AssertRefused(path, () => IdxReader.ReadLabels(path, 10), "trailing garbage: 3 byte(s) after the 2 = 2 bytes of data the header declares");
    }

    [Fact]
    public void GzipTrailingGarbageIsRefused()
    {
        string path = _folder.Write("labels.gz", IdxBytes.Gzip([.. IdxBytes.Labels(1, 2), 0xAB]));

        AssertRefused(path, () => IdxReader.ReadLabels(path, 10), "trailing garbage: the gzip stream continues after the 2 = 2 bytes of data the header declares");
    }

    [Fact]
    public void GzipWithUnknownCompressionMethodIsRefusedAsCorrupt()
    {
        byte[] compressed = IdxBytes.Gzip(IdxBytes.Images(2, 4, 4));
        compressed[2] = 0x07; // CM byte: 8 (deflate) is the only method gzip defines

        string path = _folder.Write("images.gz", compressed);

        AssertRefused(path, () => IdxReader.ReadImages(path), "corrupt gzip stream");
    }

    [Fact]
    public void GzipWithDamagedDeflateDataIsRefusedAsCorrupt()
    {
        byte[] compressed = IdxBytes.Gzip(IdxBytes.Images(20, 28, 28));
        // Bytes 10 onwards are the deflate stream; 0xFF in a block header selects the reserved block type 3.
        compressed[10] = 0xFF;

        string path = _folder.Write("images.gz", compressed);

        AssertRefused(path, () => IdxReader.ReadImages(path), "corrupt gzip stream");
    }

    [Fact]
    public void GzipFileCutShortIsRefused()
    {
        byte[] compressed = IdxBytes.Gzip(IdxBytes.Images(20, 28, 28));
        string path = _folder.Write("images.gz", compressed[..(compressed.Length / 2)]);

        AssertRefused(path, () => IdxReader.ReadImages(path), "truncated: the header declares 20 x 28 x 28 = 15680 bytes of data, but the gzip stream holds only");
    }

    [Theory]
    [InlineData(false, -1)]
    [InlineData(true, 0)]
    public void NonPositiveDimensionIsRefusedAsAbsurd(bool gzip, int rows)
    {
        string path = Write("images", IdxBytes.Header(IdxBytes.ImagesMagic, 5, rows, 28), gzip);

        AssertRefused(path, () => IdxReader.ReadImages(path), $"absurd size in the header: dimension 1 is {rows}, expected at least 1");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SizeBeyondAnyArrayIsRefusedAsAbsurd(bool gzip)
    {
        string path = Write("images", IdxBytes.Header(IdxBytes.ImagesMagic, 100_000, 100_000, 100_000), gzip);

        AssertRefused(path, () => IdxReader.ReadImages(path), "absurd size in the header: dimensions 100000 x 100000 exceed");
    }

    [Fact]
    public void ForgedRawHeaderIsRefusedWithoutAllocatingTheDeclaredSize()
    {
        // 2,000,000,000 bytes fit an array, so only comparing with the file length prevents a 2 GB allocation.
        string path = _folder.Write("images", [.. IdxBytes.Header(IdxBytes.ImagesMagic, 1, 40_000, 50_000), 1, 2, 3]);

        long before = GC.GetAllocatedBytesForCurrentThread();
        AssertRefused(path, () => IdxReader.ReadImages(path), "truncated: the header declares 1 x 40000 x 50000 = 2000000000 bytes of data, but the file holds only 3");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }

    [Fact]
    public void ForgedGzipHeaderBeyondDeflateExpansionIsRefusedAsAbsurd()
    {
        string path = _folder.Write("images.gz", IdxBytes.Gzip([.. IdxBytes.Header(IdxBytes.ImagesMagic, 1, 40_000, 50_000), 1, 2, 3]));

        long before = GC.GetAllocatedBytesForCurrentThread();
        AssertRefused(path, () => IdxReader.ReadImages(path), "absurd size in the header: it declares 1 x 40000 x 50000 = 2000000000 bytes of data, but");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }

    [Fact]
    public void ForgedGzipHeaderWithinDeflateExpansionGrowsMemoryOnlyWithRealData()
    {
        // 256 KB of incompressible bytes behind a header declaring 100 MB: plausible for the compressed size, so the
        // reader must discover the shortfall by reading, with its buffer tracking what actually arrived.
        var noise = new byte[256 * 1024];
        new Random(1).NextBytes(noise);
        string path = _folder.Write("images.gz", IdxBytes.Gzip([.. IdxBytes.Header(IdxBytes.ImagesMagic, 100, 1000, 1000), .. noise]));

        long before = GC.GetAllocatedBytesForCurrentThread();
        AssertRefused(path, () => IdxReader.ReadImages(path), "truncated: the header declares 100 x 1000 x 1000 = 100000000 bytes of data, but the gzip stream holds only 262144");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 4 << 20);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void LabelAboveClassCountIsRefused(bool gzip)
    {
        string path = Write("labels", IdxBytes.Labels(3, 9, 10, 1), gzip);

        AssertRefused(path, () => IdxReader.ReadLabels(path, 10), "label 10 at index 2 is out of range: labels must be 0 to 9");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(257)]
    public void ClassCountOutsideByteRangeIsRefused(int classCount)
    {
        string path = _folder.Write("labels", IdxBytes.Labels(1));

        Assert.Throws<ArgumentOutOfRangeException>(() => IdxReader.ReadLabels(path, classCount));
    }

    [Fact]
    public void EmptyOrMissingPathIsRefused()
    {
        Assert.Throws<ArgumentException>(() => IdxReader.ReadImages(""));
        Assert.Throws<FileNotFoundException>(() => IdxReader.ReadImages(Path.Combine(_folder.Path, "absent")));
    }

    private string Write(string name, byte[] raw, bool gzip) =>
        gzip ? _folder.Write(name + ".gz", IdxBytes.Gzip(raw)) : _folder.Write(name, raw);

    private static void AssertRefused(string path, Func<object> read, string problem)
    {
        var exception = Assert.Throws<InvalidDataException>(read);
        Assert.Contains($"'{path}'", exception.Message, StringComparison.Ordinal);
        Assert.Contains(problem, exception.Message, StringComparison.Ordinal);
    }
}
