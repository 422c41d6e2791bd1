using System;
using System.Collections.Generic;
using System.IO;
using StaticNets.Data;

namespace StaticNets.Runtime.Tests.Data;

public sealed class Cifar10Tests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void LoadBatchReadsLabelsAndPlanarRgbPixelsScaledToUnitRange()
    {
        string path = _folder.Write("data_batch_1.bin", CifarBytes.Batch(0, 9, 4));

        ImageDataset batch = Cifar10.LoadBatch(path);

        Assert.Equal((3, 3, 32, 32, 3072), (batch.Count, batch.Channels, batch.Height, batch.Width, batch.FeatureLength));
        Assert.Equal([0, 9, 4], batch.Labels);
        // Record 1, blue plane (channel 2), row 5, column 7: the file's planes are already NCHW.
        int offset = 2 * 1024 + 5 * 32 + 7;
        Assert.Equal(CifarBytes.Pixel(1, offset) / 255f, batch.FeaturesOf(1)[offset]);
        Assert.Equal(CifarBytes.Pixel(0, 0) / 255f, batch.Features[0]);
        Assert.Equal(CifarBytes.Pixel(2, 3071) / 255f, batch.Features[^1]);
        Assert.All(batch.Features, pixel => Assert.InRange(pixel, 0f, 1f));
    }

    [Fact]
    public void LoadTrainingConcatenatesTheFiveBatchesInOrder()
    {
        byte[][] labels = [[1], [2, 3], [4], [5], [6, 7, 8]];
        for (int b = 0; b < 5; b++)
        {
            _folder.Write(Cifar10.TrainingBatchFileNames[b], CifarBytes.Batch(labels[b]));
        }

        _folder.Write(Cifar10.TestBatchFileName, CifarBytes.Batch(0));

        ImageDataset training = Cifar10.LoadTraining(_folder.Path);

        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], training.Labels);
        Assert.Equal(8 * 3072, training.Features.Length);
        // Example 3 is record 0 of batch 3; example 7 is record 2 of batch 5.
        Assert.Equal(CifarBytes.Pixel(0, 100) / 255f, training.FeaturesOf(3)[100]);
        Assert.Equal(CifarBytes.Pixel(2, 3000) / 255f, training.FeaturesOf(7)[3000]);
    }

    [Fact]
    public void LoadTestReadsOnlyTheTestBatch()
    {
        _folder.Write(Cifar10.TrainingBatchFileNames[0], CifarBytes.Batch(1, 1, 1));
        _folder.Write(Cifar10.TestBatchFileName, CifarBytes.Batch(3, 8));

        ImageDataset test = Cifar10.LoadTest(_folder.Path);

        Assert.Equal([3, 8], test.Labels);
        Assert.Equal(CifarBytes.Pixel(1, 2048) / 255f, test.FeaturesOf(1)[2048]);
    }

    [Fact]
    public void ClassNamesAreTheTenCifarClassesInLabelOrderAndReadOnly()
    {
        Assert.Equal(
            ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"],
            Cifar10.ClassNames);
        Assert.Equal(Cifar10.ClassCount, Cifar10.ClassNames.Count);
        Assert.Throws<NotSupportedException>(() => ((IList<string>)Cifar10.ClassNames)[0] = "plane");
        Assert.Throws<NotSupportedException>(() => ((IList<string>)Cifar10.TrainingBatchFileNames)[0] = "other.bin");
    }

    [Fact]
    public void EmptyFileIsRefused()
    {
        string path = _folder.Write("data_batch_1.bin", []);

        AssertRefused(path, () => Cifar10.LoadBatch(path), "the file is empty: expected whole 3073-byte records");
    }

    [Theory]
    [InlineData(2, 100)]
    [InlineData(0, 10)]
    [InlineData(1, 3072)]
    public void LengthThatIsNotWholeRecordsIsRefusedWithTheLeftOverBytes(int records, int extra)
    {
        byte[] bytes = [.. CifarBytes.Batch(new byte[records]), .. new byte[extra]];
        string path = _folder.Write("data_batch_1.bin", bytes);

        AssertRefused(path, () => Cifar10.LoadBatch(path),
            $"its {bytes.Length} bytes are not a whole number of 3073-byte records: {records} record(s) and {extra} byte(s) left over");
    }

    [Fact]
    public void LabelAboveNineIsRefusedNamingTheRecord()
    {
        string path = _folder.Write("test_batch.bin", CifarBytes.Batch(1, 2, 10, 3));

        AssertRefused(path, () => Cifar10.LoadBatch(path), "label 10 in record 2 (counting from 0) is out of range: labels must be 0 to 9");
    }

    [Fact]
    public void FileLargerThanTheWholeDatasetIsRefusedWithoutAllocatingIt()
    {
        string path = Path.Combine(_folder.Path, "data_batch_1.bin");
        using (var file = new FileStream(path, FileMode.CreateNew))
        {
            // Sparse: the length is recorded without writing 184 MB.
            file.SetLength((Cifar10.MaxRecordsPerFile + 1L) * Cifar10.RecordLength);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        AssertRefused(path, () => Cifar10.LoadBatch(path), "too large: 184383073 bytes are 60001 records, more than the 60000 of the whole dataset");
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 1 << 20);
    }

    [Fact]
    public void MalformedBatchAmongTheTrainingFilesIsNamed()
    {
        for (int b = 0; b < 4; b++)
        {
            _folder.Write(Cifar10.TrainingBatchFileNames[b], CifarBytes.Batch(0));
        }

        string bad = _folder.Write(Cifar10.TrainingBatchFileNames[4], [.. CifarBytes.Batch(0), 7]);

        AssertRefused(bad, () => Cifar10.LoadTraining(_folder.Path), "1 record(s) and 1 byte(s) left over");
    }

    [Fact]
    public void MissingTrainingBatchesAreListedWithWhereCifarComesFrom()
    {
        _folder.Write("data_batch_1.bin", CifarBytes.Batch(0));
        _folder.Write("data_batch_2.bin", CifarBytes.Batch(0));
        _folder.Write("data_batch_4.bin", CifarBytes.Batch(0));

        var exception = Assert.Throws<FileNotFoundException>(() => Cifar10.LoadTraining(_folder.Path));

        Assert.Contains($"The CIFAR-10 files data_batch_3.bin, data_batch_5.bin are missing from '{_folder.Path}'.", exception.Message, StringComparison.Ordinal);
        AssertExplainsWhereCifarComesFrom(exception.Message);
        Assert.Equal(Path.Combine(_folder.Path, "data_batch_3.bin"), exception.FileName);
    }

    [Fact]
    public void MissingTestBatchIsNamedWithWhereCifarComesFrom()
    {
        _folder.Write("data_batch_1.bin", CifarBytes.Batch(0));

        var exception = Assert.Throws<FileNotFoundException>(() => Cifar10.LoadTest(_folder.Path));

        Assert.Contains($"The CIFAR-10 file test_batch.bin is missing from '{_folder.Path}'.", exception.Message, StringComparison.Ordinal);
        AssertExplainsWhereCifarComesFrom(exception.Message);
    }

    [Fact]
    public void MissingBatchFileIsNamedWithWhereCifarComesFrom()
    {
        string path = Path.Combine(_folder.Path, "data_batch_2.bin");

        var exception = Assert.Throws<FileNotFoundException>(() => Cifar10.LoadBatch(path));

        Assert.Contains($"The CIFAR-10 file data_batch_2.bin is missing from '{_folder.Path}'.", exception.Message, StringComparison.Ordinal);
        AssertExplainsWhereCifarComesFrom(exception.Message);
    }

    [Fact]
    public void MissingFolderIsNamedWithTheExpectedFilesAndWhereCifarComesFrom()
    {
        string folder = Path.Combine(_folder.Path, "cifar-10-batches-bin");

        var training = Assert.Throws<DirectoryNotFoundException>(() => Cifar10.LoadTraining(folder));
        var test = Assert.Throws<DirectoryNotFoundException>(() => Cifar10.LoadTest(folder));
        var batch = Assert.Throws<DirectoryNotFoundException>(() => Cifar10.LoadBatch(Path.Combine(folder, "data_batch_1.bin")));

        foreach (var exception in new[] { training, test, batch })
        {
            Assert.Contains($"The CIFAR-10 folder '{folder}' does not exist; it should hold ", exception.Message, StringComparison.Ordinal);
            AssertExplainsWhereCifarComesFrom(exception.Message);
        }

        Assert.Contains("should hold data_batch_1.bin, data_batch_2.bin, data_batch_3.bin, data_batch_4.bin, data_batch_5.bin.", training.Message, StringComparison.Ordinal);
        Assert.Contains("should hold test_batch.bin.", test.Message, StringComparison.Ordinal);
        Assert.Contains("should hold data_batch_1.bin.", batch.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyPathOrFolderIsRefused()
    {
        Assert.Throws<ArgumentException>(() => Cifar10.LoadBatch(""));
        Assert.Throws<ArgumentException>(() => Cifar10.LoadTraining(""));
        Assert.Throws<ArgumentNullException>(() => Cifar10.LoadTest(null!));
    }

    private static void AssertExplainsWhereCifarComesFrom(string message)
    {
        Assert.Contains("A CIFAR-10 folder holds data_batch_1.bin to data_batch_5.bin (training) and test_batch.bin (test)", message, StringComparison.Ordinal);
        Assert.Contains("\"CIFAR-10 binary version\" archive (cifar-10-binary.tar.gz) from the dataset's authors", message, StringComparison.Ordinal);
        Assert.Contains("https://www.cs.toronto.edu/~kriz/cifar.html", message, StringComparison.Ordinal);
        Assert.Contains("Download it, extract it, and pass the folder that holds these files (cifar-10-batches-bin)", message, StringComparison.Ordinal);
        // An instruction to a user reads as prose: no stack-trace fragments.
        Assert.DoesNotContain(" at ", message, StringComparison.Ordinal);
    }

    private static void AssertRefused(string path, Func<object> read, string problem)
    {
        var exception = Assert.Throws<InvalidDataException>(read);
        Assert.Contains($"'{path}'", exception.Message, StringComparison.Ordinal);
        Assert.Contains(problem, exception.Message, StringComparison.Ordinal);
    }
}
