using System;
using System.IO;
using System.Linq;
using StaticNets.Data;

namespace StaticNets.Runtime.Tests.Data;

/// <summary>
/// Truncated, corrupted, oversized and forged IDX (raw and gzip) and CIFAR-10 files: each either loads well-formed
/// data or is refused with an <see cref="InvalidDataException"/> naming the file, never another exception, a hang
/// or an allocation sized from a forged header.
/// </summary>
public sealed class ReaderBadInputTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EveryTruncationOfAnImageFileIsRefused(bool gzip)
    {
        byte[] file = Encode(IdxBytes.Images(count: 3, height: 4, width: 5), gzip);
        string path = Path.Combine(_folder.Path, gzip ? "images.gz" : "images");
        for (int length = 0; length < file.Length; length++)
        {
            File.WriteAllBytes(path, file[..length]);
            AssertRefused(path, () => IdxReader.ReadImages(path));
        }

        File.WriteAllBytes(path, file);
        Assert.Equal(60, IdxReader.ReadImages(path).Pixels.Length);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EveryTruncationOfALabelFileIsRefused(bool gzip)
    {
        byte[] file = Encode(IdxBytes.Labels(3, 1, 4, 1, 5, 9, 2, 6), gzip);
        string path = Path.Combine(_folder.Path, gzip ? "labels.gz" : "labels");
        for (int length = 0; length < file.Length; length++)
        {
            File.WriteAllBytes(path, file[..length]);
            AssertRefused(path, () => IdxReader.ReadLabels(path, Mnist.ClassCount));
        }

        File.WriteAllBytes(path, file);
        Assert.Equal([3, 1, 4, 1, 5, 9, 2, 6], IdxReader.ReadLabels(path, Mnist.ClassCount));
    }

    [Fact]
    public void EveryTruncationOfAGzipFileLargerThanOneDeflateBlockIsRefused()
    {
        // Incompressible pixels make stored and Huffman blocks past the first read buffer, so cuts land inside
        // later blocks too, not only in the header. Every length through the gzip and IDX headers, every 29th (a
        // prime, so cuts hit every alignment) after, and every length through the 8-byte trailer.
        var pixels = new byte[20 * 28 * 28];
        new Random(7).NextBytes(pixels);
        byte[] file = IdxBytes.Gzip([.. IdxBytes.Header(IdxBytes.ImagesMagic, 20, 28, 28), .. pixels]);
        string path = Path.Combine(_folder.Path, "images.gz");
        foreach (int length in Enumerable.Range(0, 64).Concat(Enumerable.Range(0, file.Length / 29).Select(i => i * 29)).Concat(Enumerable.Range(file.Length - 16, 16)))
        {
            File.WriteAllBytes(path, file[..length]);
            AssertRefused(path, () => IdxReader.ReadImages(path));
        }
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 4)]
    [InlineData(false, 1000)]
    [InlineData(true, 1)]
    [InlineData(true, 4)]
    [InlineData(true, 1000)]
    public void OversizedIdxFilesAreRefused(bool gzip, int extra)
    {
        byte[] raw = [.. IdxBytes.Images(2, 3, 3), .. new byte[extra]];
        string path = _folder.Write(gzip ? "images.gz" : "images", Encode(raw, gzip));

        AssertRefused(path, () => IdxReader.ReadImages(path), "trailing garbage");
    }

    [Fact]
    public void BytesAppendedAfterTheGzipStreamAreRefused()
    {
        byte[] gzip = IdxBytes.Gzip(IdxBytes.Labels(1, 2, 3));
        string path = _folder.Write("labels.gz", [.. gzip, 0x55, 0x66, 0x77, 0x88]);

        AssertRefused(path, () => IdxReader.ReadLabels(path, Mnist.ClassCount));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RandomCorruptionsOfIdxFilesLoadOrAreRefusedCleanly(bool gzip)
    {
        byte[] images = Encode(IdxBytes.Images(4, 6, 5), gzip);
        byte[] labels = Encode(IdxBytes.Labels(0, 9, 5, 7), gzip);
        string imagesPath = Path.Combine(_folder.Path, gzip ? "images.gz" : "images");
        string labelsPath = Path.Combine(_folder.Path, gzip ? "labels.gz" : "labels");
        var random = new Random(gzip ? 20261124 : 20261123);
        int refused = 0;
        for (int trial = 0; trial < 300; trial++)
        {
            bool corruptImages = trial % 2 == 0;
            byte[] corrupted = Corrupt(corruptImages ? images : labels, random);
            File.WriteAllBytes(imagesPath, corruptImages ? corrupted : images);
            File.WriteAllBytes(labelsPath, corruptImages ? labels : corrupted);
            string corruptedPath = corruptImages ? imagesPath : labelsPath;
            try
            {
                ImageDataset dataset = Mnist.Load(imagesPath, labelsPath);
                // Loaded: it must be a coherent dataset, whatever bytes changed.
                Assert.Equal(dataset.Count * dataset.FeatureLength, dataset.Features.Length);
                Assert.All(dataset.Labels, label => Assert.InRange(label, 0, Mnist.ClassCount - 1));
                Assert.All(dataset.Features, pixel => Assert.InRange(pixel, 0f, 1f));
            }
            catch (InvalidDataException exception)
            {
                refused++;
                Assert.Contains($"'{corruptedPath}'", exception.Message, StringComparison.Ordinal);
            }
        }

        // Corruptions that hit pixel bytes (or gzip's ignored header fields) load; most others cannot.
        Assert.InRange(refused, 100, 300);
    }

    [Fact]
    public void RandomCorruptionsOfDeflateBlocksLoadOrAreRefusedCleanly()
    {
        // Digit-like images (dark background, a few bright strokes) compress into dynamic Huffman blocks, whose
        // code tables a changed byte breaks in many different ways inside zlib.
        var random = new Random(20261126);
        var pixels = new byte[20 * 28 * 28];
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = random.Next(5) == 0 ? (byte)random.Next(256) : (byte)0;
        }

        byte[] file = IdxBytes.Gzip([.. IdxBytes.Header(IdxBytes.ImagesMagic, 20, 28, 28), .. pixels]);
        string path = Path.Combine(_folder.Path, "images.gz");
        const int Trials = 300; // 3,000 trials of this seed found no other exception either
        int refused = 0;
        for (int trial = 0; trial < Trials; trial++)
        {
            byte[] corrupted = (byte[])file.Clone();
            // After the 10-byte gzip header, whose flags and timestamps zlib mostly tolerates.
            corrupted[10 + random.Next(file.Length - 10)] ^= (byte)(1 + random.Next(255));
            File.WriteAllBytes(path, corrupted);
            try
            {
                IdxImages images = IdxReader.ReadImages(path);
                Assert.Equal(pixels.Length, images.Pixels.Length);
            }
            catch (InvalidDataException exception)
            {
                refused++;
                Assert.Contains($"'{path}'", exception.Message, StringComparison.Ordinal);
            }
        }

        // The CRC-32 in the trailer catches any changed output, so almost every corruption is refused.
        Assert.InRange(refused, Trials * 9 / 10, Trials);
    }

    [Theory]
    [InlineData(false, int.MaxValue, 1, 1)]
    [InlineData(true, int.MaxValue, 1, 1)]
    [InlineData(false, 1, int.MaxValue, 28)]
    [InlineData(true, 1, 28, int.MaxValue)]
    [InlineData(false, 65536, 65536, 1)] // 2^32: overflows an int
    [InlineData(true, 65536, 65536, 1)]
    [InlineData(false, int.MaxValue, int.MaxValue, int.MaxValue)] // about 2^93: overflows a long
    [InlineData(true, int.MaxValue, int.MaxValue, int.MaxValue)]
    [InlineData(false, 60000, 0, 28)]
    [InlineData(true, 0, 28, 28)]
    [InlineData(false, 10, 28, -28)]
    [InlineData(true, int.MinValue, 28, 28)]
    [InlineData(false, 1, 40_000, 50_000)] // 2 GB: fits an array, but not this file
    [InlineData(true, 1, 40_000, 50_000)]
    public void ForgedImageHeadersAreRefusedWithoutAllocating(bool gzip, int count, int height, int width)
    {
        string path = _folder.Write(gzip ? "images.gz" : "images", Encode([.. IdxBytes.Header(IdxBytes.ImagesMagic, count, height, width), 1, 2, 3, 4], gzip));

        long before = GC.GetAllocatedBytesForCurrentThread();
        AssertRefused(path, () => IdxReader.ReadImages(path));
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1 << 20);
    }

    [Theory]
    [InlineData(false, int.MaxValue)]
    [InlineData(true, int.MaxValue)]
    [InlineData(false, 0)]
    [InlineData(true, -1)]
    public void ForgedLabelHeadersAreRefusedWithoutAllocating(bool gzip, int count)
    {
        string path = _folder.Write(gzip ? "labels.gz" : "labels", Encode([.. IdxBytes.Header(IdxBytes.LabelsMagic, count), 1, 2, 3], gzip));

        long before = GC.GetAllocatedBytesForCurrentThread();
        AssertRefused(path, () => IdxReader.ReadLabels(path, Mnist.ClassCount));
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1 << 20);
    }

    [Fact]
    public void ForgedGzipHeaderPlausibleForTheFileSizeAllocatesOnlyWhatArrives()
    {
        // 60,000 incompressible bytes could expand to the 47 MB of MNIST's 60000 x 28 x 28 header, so the reader
        // only finds the shortfall by decompressing; its buffer must track the bytes that arrived, not the header.
        var noise = new byte[60_000];
        new Random(3).NextBytes(noise);
        string path = _folder.Write("images.gz", IdxBytes.Gzip([.. IdxBytes.Header(IdxBytes.ImagesMagic, 60_000, 28, 28), .. noise]));

        long before = GC.GetAllocatedBytesForCurrentThread();
        AssertRefused(path, () => IdxReader.ReadImages(path), "but the gzip stream holds only 60000");
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1 << 20);
    }

    [Fact]
    public void GzipHeaderDeclaringMoreThanTheGzipLimitIsRefusedBeforeDecompressing()
    {
        // Padding makes the file long enough that deflate's expansion bound alone would let 1.07 GB through.
        byte[] gzip = IdxBytes.Gzip([.. IdxBytes.Header(IdxBytes.ImagesMagic, 1, 32_768, 32_769), 1, 2, 3]);
        string path = _folder.Write("images.gz", gzip);
        using (var file = new FileStream(path, FileMode.Open))
        {
            file.SetLength(2 << 20);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        AssertRefused(path, () => IdxReader.ReadImages(path), "1 x 32768 x 32769 = 1073774592 bytes of data, more than the 1073741824");
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1 << 20);
    }

    [Theory]
    [InlineData(0x00000800)] // no dimensions
    [InlineData(0x00000802)]
    [InlineData(0x00000804)] // more dimensions than images have
    [InlineData(0x000008FF)] // 255 dimensions, the most a magic can declare
    public void WrongDimensionCountIsRefusedForImagesAndLabels(int magic)
    {
        byte[] raw = [.. IdxBytes.Header(magic, Enumerable.Repeat(2, magic & 0xFF).ToArray()), .. new byte[64]];
        string path = _folder.Write("file", raw);

        AssertRefused(path, () => IdxReader.ReadImages(path), "wrong dimension count");
        AssertRefused(path, () => IdxReader.ReadLabels(path, Mnist.ClassCount), "wrong dimension count");
    }

    [Theory]
    [InlineData(0x09, "signed bytes")]
    [InlineData(0x0B, "16-bit integers")]
    [InlineData(0x0C, "32-bit integers")]
    [InlineData(0x0D, "32-bit floats")]
    [InlineData(0x0E, "64-bit floats")]
    public void OtherIdxDataTypesAreRefusedByName(byte typeCode, string typeName)
    {
        int magic = (typeCode << 8) | 3;
        string path = _folder.Write("images", [.. IdxBytes.Header(magic, 1, 2, 2), .. new byte[4 * 8]]);

        AssertRefused(path, () => IdxReader.ReadImages(path), $"bad magic number 0x{magic:X8}: expected 0x00000803");
        AssertRefused(path, () => IdxReader.ReadImages(path), $"data type 0x{typeCode:X2} ({typeName})");
    }

    [Fact]
    public void UnknownIdxDataTypeIsRefusedAsBadMagic()
    {
        string path = _folder.Write("images", [.. IdxBytes.Header(0x00000A03, 1, 2, 2), 1, 2, 3, 4]);

        AssertRefused(path, () => IdxReader.ReadImages(path), "bad magic number 0x00000A03: expected 0x00000803");
        AssertRefused(path, () => IdxReader.ReadImages(path), "data type 0x0A is not an IDX type");
    }

    [Fact]
    public void EmptyFilesAreRefused()
    {
        string idx = _folder.Write("empty-idx", []);
        string gzip = _folder.Write("empty.gz", IdxBytes.Gzip([]));
        string cifar = _folder.Write("data_batch_1.bin", []);

        AssertRefused(idx, () => IdxReader.ReadImages(idx), "truncated");
        AssertRefused(gzip, () => IdxReader.ReadLabels(gzip, Mnist.ClassCount), "truncated");
        AssertRefused(cifar, () => Cifar10.LoadBatch(cifar), "the file is empty");
    }

    [Fact]
    public void LabelCountDisagreeingWithImagesIsRefusedNamingBothFiles()
    {
        string images = _folder.Write("images", IdxBytes.Images(5, 2, 2));
        string labels = _folder.Write("labels.gz", IdxBytes.Gzip(IdxBytes.Labels(1, 2, 3, 4, 5, 6)));

        var exception = Assert.Throws<InvalidDataException>(() => Mnist.Load(images, labels));

        Assert.Contains($"'{images}' holds 5 images but '{labels}' holds 6 labels", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryTruncationAndExtensionOfACifarFileIsRefused()
    {
        byte[] file = CifarBytes.Batch(3, 9);
        string path = Path.Combine(_folder.Path, "data_batch_1.bin");
        // From empty to one record beyond the file: every length within 40 bytes of a record boundary, where an
        // off-by-one would show, and every 31st (a prime, so every offset within a record is hit) in between.
        int end = file.Length + CifarBytes.RecordLength;
        var lengths = Enumerable.Range(0, end)
            .Where(length => length % 31 == 0 || Math.Abs(length - (int)Math.Round(length / (double)CifarBytes.RecordLength) * CifarBytes.RecordLength) <= 40)
            .Where(length => length == 0 || length % CifarBytes.RecordLength != 0);
        foreach (int length in lengths)
        {

            byte[] content = length <= file.Length ? file[..length] : [.. file, .. new byte[length - file.Length]];
            File.WriteAllBytes(path, content);
            AssertRefused(path, () => Cifar10.LoadBatch(path));
        }
    }

    [Fact]
    public void RandomCorruptionsOfACifarFileLoadOrAreRefusedCleanly()
    {
        byte[] file = CifarBytes.Batch(0, 1, 2, 9);
        string path = Path.Combine(_folder.Path, "test_batch.bin");
        var random = new Random(20261125);
        int refused = 0;
        for (int trial = 0; trial < 300; trial++)
        {
            byte[] corrupted = (byte[])file.Clone();
            // Half the corruptions hit a label byte, the only bytes whose value can make a record invalid.
            int position = trial % 2 == 0 ? random.Next(4) * CifarBytes.RecordLength : random.Next(file.Length);
            corrupted[position] = (byte)random.Next(256);
            File.WriteAllBytes(path, corrupted);
            try
            {
                ImageDataset batch = Cifar10.LoadBatch(path);
                Assert.Equal(4, batch.Count);
                Assert.All(batch.Labels, label => Assert.InRange(label, 0, Cifar10.ClassCount - 1));
                Assert.Equal(corrupted[position] / 255f, position % CifarBytes.RecordLength == 0
                    ? batch.Labels[position / CifarBytes.RecordLength] / 255f
                    : batch.Features[position / CifarBytes.RecordLength * 3072 + position % CifarBytes.RecordLength - 1]);
            }
            catch (InvalidDataException exception)
            {
                refused++;
                Assert.Contains($"'{path}'", exception.Message, StringComparison.Ordinal);
                Assert.Contains($"label {corrupted[position]} in record {position / CifarBytes.RecordLength}", exception.Message, StringComparison.Ordinal);
            }
        }

        // A random byte at a label position is above 9 with probability 246/256.
        Assert.InRange(refused, 100, 150);
    }

    [Fact]
    public void MessagesNameTheFileForEveryKindOfProblem()
    {
        string[] names = ["bad magic.gz", "trunc", "labels-idx1-ubyte.gz", "data_batch_3.bin"];
        string badMagic = _folder.Write(names[0], IdxBytes.Gzip([.. IdxBytes.Header(0x12345603, 1, 1, 1), 0]));
        string truncated = _folder.Write(names[1], IdxBytes.Images(2, 2, 2)[..^1]);
        string badLabel = _folder.Write(names[2], IdxBytes.Gzip(IdxBytes.Labels(1, 200)));
        string badCifar = _folder.Write(names[3], CifarBytes.Batch(10));

        string[] messages =
        [
            Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(badMagic)).Message,
            Assert.Throws<InvalidDataException>(() => IdxReader.ReadImages(truncated)).Message,
            Assert.Throws<InvalidDataException>(() => IdxReader.ReadLabels(badLabel, Mnist.ClassCount)).Message,
            Assert.Throws<InvalidDataException>(() => Cifar10.LoadBatch(badCifar)).Message,
        ];

        for (int i = 0; i < names.Length; i++)
        {
            Assert.Contains(names[i], messages[i], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ConcatenatedGzipMembersLoad()
    {
        // gzip allows several members back to back; the trailer check covers the last member's share of the data.
        byte[] raw = IdxBytes.Images(3, 4, 4);
        string path = _folder.Write("images.gz", [.. IdxBytes.Gzip(raw[..20]), .. IdxBytes.Gzip(raw[20..])]);

        Assert.Equal(IdxBytes.Pattern(48).Select(b => b / 255f), IdxReader.ReadImages(path).Pixels);
    }

    private static byte[] Encode(byte[] raw, bool gzip) => gzip ? IdxBytes.Gzip(raw) : raw;

    // One to three random bytes set to random values, a quarter of the time also a cut or an extension.
    private static byte[] Corrupt(byte[] file, Random random)
    {
        byte[] corrupted = (byte[])file.Clone();
        int changes = 1 + random.Next(3);
        for (int i = 0; i < changes; i++)
        {
            corrupted[random.Next(corrupted.Length)] = (byte)random.Next(256);
        }

        return random.Next(4) switch
        {
            0 => corrupted[..random.Next(corrupted.Length)],
            1 => [.. corrupted, .. Enumerable.Range(0, 1 + random.Next(8)).Select(_ => (byte)random.Next(256))],
            _ => corrupted,
        };
    }

    private static void AssertRefused(string path, Func<object> read, string? problem = null)
    {
        InvalidDataException exception;
        try
        {
            exception = Assert.Throws<InvalidDataException>(read);
        }
        catch (Exception failure)
        {
            throw new Xunit.Sdk.XunitException($"{path} ({new FileInfo(path).Length} bytes): {failure.Message}");
        }

        Assert.Contains($"'{path}'", exception.Message, StringComparison.Ordinal);
        if (problem is not null)
        {
            Assert.Contains(problem, exception.Message, StringComparison.Ordinal);
        }
    }
}
