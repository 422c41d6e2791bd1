using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Numerics.Tensors;

namespace StaticNets.Data;

/// <summary>
/// Loads CIFAR-10 from its binary version: each batch file is a sequence of 3,073-byte records, one label byte
/// (0 to 9) followed by 3,072 pixel bytes (1,024 red, then 1,024 green, then 1,024 blue, each plane 32 x 32 row-major),
/// so the images are already NCHW. They load as 3 x 32 x 32 images with pixels scaled from 0..255 to [0, 1].
/// </summary>
/// <remarks>
/// The files come from the "CIFAR-10 binary version" archive (<c>cifar-10-binary.tar.gz</c>) published by the
/// dataset's authors at https://www.cs.toronto.edu/~kriz/cifar.html; extracted, it holds them in
/// <c>cifar-10-batches-bin/</c>. A malformed file is refused with an <see cref="InvalidDataException"/> naming the
/// file and the problem; an absent file or folder with a <see cref="FileNotFoundException"/> or
/// <see cref="DirectoryNotFoundException"/> whose message tells the user what to download and where to put it.
/// </remarks>
public static class Cifar10
{
    /// <summary>Number of classes; labels are 0 to 9.</summary>
    public const int ClassCount = 10;

    /// <summary>Channels per image (red, green, blue).</summary>
    public const int Channels = 3;

    /// <summary>Rows per image.</summary>
    public const int Height = 32;

    /// <summary>Columns per image.</summary>
    public const int Width = 32;

    /// <summary>Pixel bytes per record: <see cref="Channels"/> * <see cref="Height"/> * <see cref="Width"/> = 3,072.</summary>
    public const int PixelsPerImage = Channels * Height * Width;

    /// <summary>Bytes per record: one label byte, then <see cref="PixelsPerImage"/> pixel bytes.</summary>
    public const int RecordLength = 1 + PixelsPerImage;

    /// <summary>Records in each file of the official archive (5 training batches and 1 test batch).</summary>
    public const int RecordsPerBatch = 10_000;

    /// <summary>
    /// Most records <see cref="LoadBatch"/> accepts from one file: 60,000, the whole dataset (training and test)
    /// concatenated. A longer file is refused before anything is allocated for it.
    /// </summary>
    public const int MaxRecordsPerFile = 60_000;

    /// <summary>File name of the test batch.</summary>
    public const string TestBatchFileName = "test_batch.bin";

    /// <summary>What a CIFAR-10 folder holds and where it comes from, phrased for the messages of a missing file or folder.</summary>
    private const string Origin =
        "A CIFAR-10 folder holds data_batch_1.bin to data_batch_5.bin (training) and test_batch.bin (test): the files of the " +
        "\"CIFAR-10 binary version\" archive (cifar-10-binary.tar.gz) from the dataset's authors, https://www.cs.toronto.edu/~kriz/cifar.html. " +
        "Download it, extract it, and pass the folder that holds these files (cifar-10-batches-bin).";

    // Records converted per read: large enough for few system calls, small enough (about 0.8 MB) to stay cheap.
    private const int RecordsPerChunk = 256;

    /// <summary>The class names, indexed by label: airplane, automobile, bird, cat, deer, dog, frog, horse, ship, truck.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        Array.AsReadOnly(["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]);

    /// <summary>File names of the five training batches, <c>data_batch_1.bin</c> to <c>data_batch_5.bin</c>, in loading order.</summary>
    public static IReadOnlyList<string> TrainingBatchFileNames { get; } =
        Array.AsReadOnly(["data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin", "data_batch_5.bin"]);

    /// <summary>Reads one batch file: any whole number of records from 1 to <see cref="MaxRecordsPerFile"/>.</summary>
    /// <param name="path">The batch file, for example <c>cifar-10-batches-bin/data_batch_1.bin</c>.</param>
    /// <returns>The images, 3 x 32 x 32 with pixels in [0, 1], and their labels, in file order.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file is absent (the message says where CIFAR-10 comes from).</exception>
    /// <exception cref="DirectoryNotFoundException">The file's folder is absent (the message says where CIFAR-10 comes from).</exception>
    /// <exception cref="InvalidDataException">
    /// The file is empty, is not a whole number of records, holds more than <see cref="MaxRecordsPerFile"/> records,
    /// or has a label above 9 (the message names the file and the problem).
    /// </exception>
    /// <exception cref="IOException">The file cannot be opened or read.</exception>
    public static ImageDataset LoadBatch(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string fullPath = Path.GetFullPath(path);
        RequireFiles(Path.GetDirectoryName(fullPath) ?? fullPath, [Path.GetFileName(fullPath)]);
        return Load([path]);
    }

    /// <summary>Reads the five training batches of a folder, <c>data_batch_1.bin</c> to <c>data_batch_5.bin</c>, into one dataset.</summary>
    /// <param name="folder">The extracted <c>cifar-10-batches-bin</c> folder.</param>
    /// <returns>All their images (50,000 for the official files), batch 1 first, 3 x 32 x 32 with pixels in [0, 1].</returns>
    /// <exception cref="ArgumentException"><paramref name="folder"/> is null or empty.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder is absent (the message says what to download).</exception>
    /// <exception cref="FileNotFoundException">
    /// One or more of the five batches is absent: all five are required, so a partial download is not silently
    /// trained on. The message lists the missing files and says where they come from.
    /// </exception>
    /// <exception cref="InvalidDataException">A batch file is malformed (see <see cref="LoadBatch"/>).</exception>
    /// <exception cref="IOException">A file cannot be opened or read.</exception>
    public static ImageDataset LoadTraining(string folder) => LoadFolder(folder, TrainingBatchFileNames);

    /// <summary>Reads the test batch of a folder, <c>test_batch.bin</c>.</summary>
    /// <param name="folder">The extracted <c>cifar-10-batches-bin</c> folder.</param>
    /// <returns>Its images (10,000 for the official file), 3 x 32 x 32 with pixels in [0, 1].</returns>
    /// <exception cref="ArgumentException"><paramref name="folder"/> is null or empty.</exception>
    /// <exception cref="DirectoryNotFoundException">The folder is absent (the message says what to download).</exception>
    /// <exception cref="FileNotFoundException">The test batch is absent (the message says where it comes from).</exception>
    /// <exception cref="InvalidDataException">The file is malformed (see <see cref="LoadBatch"/>).</exception>
    /// <exception cref="IOException">The file cannot be opened or read.</exception>
    public static ImageDataset LoadTest(string folder) => LoadFolder(folder, [TestBatchFileName]);

    private static ImageDataset LoadFolder(string folder, IReadOnlyList<string> fileNames)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        RequireFiles(folder, fileNames);
        return Load([.. fileNames.Select(name => Path.Combine(folder, name))]);
    }

    private static void RequireFiles(string folder, IReadOnlyList<string> fileNames)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException(
                $"The CIFAR-10 folder '{folder}' does not exist; it should hold {string.Join(", ", fileNames)}. {Origin}");
        }

        string[] missing = [.. fileNames.Where(name => !File.Exists(Path.Combine(folder, name)))];
        if (missing.Length > 0)
        {
            string which = missing.Length == 1 ? $"file {missing[0]} is" : $"files {string.Join(", ", missing)} are";
            throw new FileNotFoundException($"The CIFAR-10 {which} missing from '{folder}'. {Origin}", Path.Combine(folder, missing[0]));
        }
    }

    private static ImageDataset Load(string[] paths)
    {
        // Measure and check every file before allocating, so a bad last file costs no 600 MB array. At most five
        // files of MaxRecordsPerFile records make 921,600,000 floats: always one array.
        var recordCounts = new int[paths.Length];
        int totalRecords = 0;
        for (int f = 0; f < paths.Length; f++)
        {
            recordCounts[f] = CountRecords(paths[f], new FileInfo(paths[f]).Length);
            totalRecords += recordCounts[f];
        }

        var features = new float[totalRecords * PixelsPerImage];
        var labels = new int[totalRecords];
        var chunk = new byte[Math.Min(RecordsPerChunk, recordCounts.Max()) * RecordLength];
        int first = 0;
        for (int f = 0; f < paths.Length; f++)
        {
            ReadRecords(paths[f], recordCounts[f], chunk,
                features.AsSpan(first * PixelsPerImage, recordCounts[f] * PixelsPerImage), labels.AsSpan(first, recordCounts[f]));
            first += recordCounts[f];
        }

        return new ImageDataset(features, labels, Channels, Height, Width);
    }

    private static int CountRecords(string path, long length)
    {
        if (length == 0)
        {
            throw Invalid(path, $"the file is empty: expected whole {RecordLength}-byte records (1 label byte and {PixelsPerImage} pixel bytes each), {RecordsPerBatch} in an official batch.");
        }

        long leftOver = length % RecordLength;
        if (leftOver != 0)
        {
            throw Invalid(path, $"its {length} bytes are not a whole number of {RecordLength}-byte records: {length / RecordLength} record(s) and {leftOver} byte(s) left over.");
        }

        long records = length / RecordLength;
        if (records > MaxRecordsPerFile)
        {
            throw Invalid(path, $"too large: {length} bytes are {records} records, more than the {MaxRecordsPerFile} of the whole dataset ({RecordsPerBatch} per official batch).");
        }

        return (int)records;
    }

    private static void ReadRecords(string path, int recordCount, byte[] chunk, Span<float> features, Span<int> labels)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        if (file.Length != (long)recordCount * RecordLength)
        {
            throw Invalid(path, $"the file changed while being read: it held {recordCount} records, it now holds {file.Length} bytes.");
        }

        for (int record = 0; record < recordCount;)
        {
            int records = Math.Min(chunk.Length / RecordLength, recordCount - record);
            Span<byte> bytes = chunk.AsSpan(0, records * RecordLength);
            if (file.ReadAtLeast(bytes, bytes.Length, throwOnEndOfStream: false) < bytes.Length)
            {
                throw Invalid(path, $"the file shrank while being read: it held {recordCount} records, it ends inside record {record + records - 1} or before.");
            }

            for (int r = 0; r < records; r++, record++)
            {
                ReadOnlySpan<byte> source = bytes.Slice(r * RecordLength, RecordLength);
                if (source[0] >= ClassCount)
                {
                    throw Invalid(path, $"label {source[0]} in record {record} (counting from 0) is out of range: labels must be 0 to {ClassCount - 1}.");
                }

                labels[record] = source[0];
                Span<float> pixels = features.Slice(record * PixelsPerImage, PixelsPerImage);
                TensorPrimitives.ConvertChecked<byte, float>(source.Slice(1), pixels);
                // Divide rather than multiply by 1/255 so a pixel gets the same float as from the MNIST reader.
                TensorPrimitives.Divide(pixels, 255f, pixels);
            }
        }
    }

    private static InvalidDataException Invalid(string path, string problem) => new($"CIFAR-10 file '{path}': {problem}");
}
