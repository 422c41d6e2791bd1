using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Text;
using StaticNets.Runtime.Tests.Networks;
using StaticNets.Serialization;
using static StaticNets.Runtime.Tests.Serialization.SafeTensorsBytes;

namespace StaticNets.Runtime.Tests.Serialization;

public sealed class SafeTensorsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("safetensors-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    // ---- The pinned format ------------------------------------------------------------------------------------

    [Fact]
    public void TinyBatchNormNetHasTheTensorsThePinnedFilesAssume()
    {
        var network = new TinyBatchNormNet(1);
        Assert.Equal(
            ["fc1.weight [2, 3] at 0", "fc1.bias [2] at 6", "bn1.weight [2] at 8", "bn1.bias [2] at 10", "fc2.weight [2, 2] at 12", "fc2.bias [2] at 16"],
            ((INetwork)network).ParameterTensors.Select(t => t.ToString()));
        Assert.Equal(["bn1.running_mean [2] at 0", "bn1.running_var [2] at 2"], ((INetwork)network).BufferTensors.Select(t => t.ToString()));
    }

    [Fact]
    public void SerializeWritesTheHandComputedBytes()
    {
        var network = NumberedTinyNetwork();

        // The reference implementation's order: the I64 counter first (wider dtype), then the F32 tensors by name.
        string header = "{\"__metadata__\":{\"format\":\"pt\"},"
            + "\"bn1.num_batches_tracked\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]},"
            + "\"bn1.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]},"
            + "\"bn1.running_mean\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[16,24]},"
            + "\"bn1.running_var\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[24,32]},"
            + "\"bn1.weight\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[32,40]},"
            + "\"fc1.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[40,48]},"
            + "\"fc1.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[48,72]},"
            + "\"fc2.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[72,80]},"
            + "\"fc2.weight\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[80,96]}}";
        // 626 characters of JSON, padded with 6 spaces to 632 = 79 * 8.
        Assert.Equal(626, header.Length);
        float[] data =
        [
            // (num_batches_tracked: 8 zero bytes, written separately below)
            11, 12,             // bn1.bias        (parameters 10..11 hold 11, 12)
            101, 102,           // bn1.running_mean (buffers 0..1 hold 101, 102)
            103, 104,           // bn1.running_var
            9, 10,              // bn1.weight      (parameters 8..9)
            7, 8,               // fc1.bias        (parameters 6..7)
            1, 2, 3, 4, 5, 6,   // fc1.weight      (parameters 0..5)
            17, 18,             // fc2.bias        (parameters 16..17)
            13, 14, 15, 16,     // fc2.weight      (parameters 12..15)
        ];
        byte[] expected = File(header, [.. Int64(0), .. Floats(data)]);

        byte[] actual = SafeTensors.Serialize(network);

        Assert.Equal(632UL, BinaryPrimitives.ReadUInt64LittleEndian(actual));
        Assert.Equal(Encoding.ASCII.GetString(expected, 8, 632), Encoding.ASCII.GetString(actual, 8, 632));
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void LoadsTheBytesPyTorchSaveFileWritesForTheStateDict()
    {
        // safetensors.torch.save_file(model.state_dict(), path) for the PyTorch twin of TinyBatchNormNet: no
        // __metadata__, the int64 counter first, then the float32 tensors sorted by name, JSON padded to 8 bytes.
        string header = "{" + string.Join(",",
            Entry("bn1.num_batches_tracked", "I64", [], 0, 8),
            Entry("bn1.bias", "F32", [2], 8, 16),
            Entry("bn1.running_mean", "F32", [2], 16, 24),
            Entry("bn1.running_var", "F32", [2], 24, 32),
            Entry("bn1.weight", "F32", [2], 32, 40),
            Entry("fc1.bias", "F32", [2], 40, 48),
            Entry("fc1.weight", "F32", [2, 3], 48, 72),
            Entry("fc2.bias", "F32", [2], 72, 80),
            Entry("fc2.weight", "F32", [2, 2], 80, 96)) + "}";
        byte[] file = File(header,
        [
            .. Int64(1234),
            .. Floats([-0.5f, 0.25f]),
            .. Floats([0.125f, -2f]),
            .. Floats([1.5f, 0.75f]),
            .. Floats([0.9f, 1.1f]),
            .. Floats([0.01f, -0.02f]),
            .. Floats([0.1f, 0.2f, 0.3f, -0.4f, -0.5f, -0.6f]),
            .. Floats([0.03f, 0.04f]),
            .. Floats([1f, -1f, 2f, -2f]),
        ]);
        string path = Path.Combine(_directory, "torch.safetensors");
        System.IO.File.WriteAllBytes(path, file);
        var network = new TinyBatchNormNet(1);
        network.InitializeParameters(3);

        SafeTensors.Load(network, path);

        Assert.Equal([0.1f, 0.2f, 0.3f, -0.4f, -0.5f, -0.6f, 0.01f, -0.02f, 0.9f, 1.1f, -0.5f, 0.25f, 1f, -1f, 2f, -2f, 0.03f, 0.04f],
            network.Parameters.ToArray());
        Assert.Equal([0.125f, -2f, 1.5f, 0.75f], network.Buffers.ToArray());
        Assert.Empty(SafeTensors.ReadMetadata(path));
    }

    [Fact]
    public void ReadHeaderDescribesEveryTensorInFileOrder()
    {
        byte[] file = SafeTensors.Serialize(NumberedTinyNetwork());
        string path = Path.Combine(_directory, "tiny.safetensors");
        System.IO.File.WriteAllBytes(path, file);

        var fromFile = SafeTensors.ReadHeader(path);
        var fromBytes = SafeTensors.ReadHeader(file);

        Assert.Equal(
            ["bn1.num_batches_tracked I64 [] bytes [0, 8)", "bn1.bias F32 [2] bytes [8, 16)", "bn1.running_mean F32 [2] bytes [16, 24)",
             "bn1.running_var F32 [2] bytes [24, 32)", "bn1.weight F32 [2] bytes [32, 40)", "fc1.bias F32 [2] bytes [40, 48)",
             "fc1.weight F32 [2, 3] bytes [48, 72)", "fc2.bias F32 [2] bytes [72, 80)", "fc2.weight F32 [2, 2] bytes [80, 96)"],
            fromFile.Select(t => t.ToString()));
        Assert.Equal(fromFile.Select(t => t.ToString()), fromBytes.Select(t => t.ToString()));
        Assert.Equal(6, fromFile.Single(t => t.Name == "fc1.weight").ElementCount);
        Assert.Equal(1, fromFile[0].ElementCount);
        Assert.Equal(24, fromFile.Single(t => t.Name == "fc1.weight").ByteLength);
        Assert.Equal("pt", SafeTensors.ReadMetadata(path)["format"]);
    }

    // ---- Round trips ------------------------------------------------------------------------------------------

    [Fact]
    public void LeNet5RoundTripsThroughAFile() => AssertRoundTrip(new LeNet5(4), new LeNet5(4), LeNet5.InputLength, LeNet5.OutputLength);

    [Fact]
    public void LeNet5BatchNormRoundTripsThroughAFile() =>
        AssertRoundTrip(new LeNet5BatchNorm(4), new LeNet5BatchNorm(4), LeNet5BatchNorm.InputLength, LeNet5BatchNorm.OutputLength);

    [Fact]
    public void NormalizedConvNetRoundTripsThroughStreamsAndBytes()
    {
        var source = new NormalizedConvNet(2);
        source.InitializeParameters(5);
        FillBuffers(source, new Random(5));
        var stream = new MemoryStream();
        SafeTensors.Save(source, stream);
        Assert.Equal(SafeTensors.Serialize(source), stream.ToArray());

        var fromStream = new NormalizedConvNet(2);
        stream.Position = 0;
        SafeTensors.Load(fromStream, stream);
        var fromBytes = new NormalizedConvNet(2);
        SafeTensors.Load(fromBytes, stream.ToArray());

        foreach (var loaded in new[] { fromStream, fromBytes })
        {
            Assert.Equal(Bits(source.Parameters), Bits(loaded.Parameters));
            Assert.Equal(Bits(source.Buffers), Bits(loaded.Buffers));
        }
    }

    [Fact]
    public void LoadsThroughAStreamThatCannotSeek()
    {
        var source = NumberedTinyNetwork();
        var network = new TinyBatchNormNet(1);
        SafeTensors.Load(network, new ForwardOnlyStream(SafeTensors.Serialize(source)));
        Assert.Equal(source.Parameters.ToArray(), network.Parameters.ToArray());
        Assert.Equal(source.Buffers.ToArray(), network.Buffers.ToArray());

        byte[] withTrailingByte = [.. SafeTensors.Serialize(source), 0];
        var error = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(new TinyBatchNormNet(1), new ForwardOnlyStream(withTrailingByte)));
        Assert.Contains("bytes follow", error.Message);
    }

    // ---- Mismatches -------------------------------------------------------------------------------------------

    [Fact]
    public void MismatchListsEveryDifferenceAndLeavesTheNetworkUnchanged()
    {
        var tiny = new TinyMlp(1);
        tiny.InitializeParameters(1);
        string path = Path.Combine(_directory, "tinymlp.safetensors");
        SafeTensors.Save(tiny, path);
        var network = new Mlp2(1);
        network.InitializeParameters(2);
        int[] before = Bits(network.Parameters);

        var error = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(network, path));

        Assert.Equal(before, Bits(network.Parameters));
        string[] expected =
        [
            "fc1.weight: shape [7, 9] in the file, [100, 3072] in the network",
            "fc1.bias: shape [7] in the file, [100] in the network",
            "fc2.weight: shape [5, 7] in the file, [10, 100] in the network",
            "fc2.bias: shape [5] in the file, [10] in the network",
            "fc3.bias: in the file (F32 [3]) but not in the network",
            "fc3.weight: in the file (F32 [3, 5]) but not in the network",
        ];
        Assert.Equal(expected, (string[])error.Data[SafeTensors.MismatchesKey]!);
        Assert.StartsWith($"'{path}' does not match the network (6 mismatches):", error.Message);
        foreach (string line in expected)
        {
            Assert.Contains(line, error.Message);
        }
    }

    [Fact]
    public void MismatchReportsMissingTensorsWrongDtypesAndABadCounterTogether()
    {
        // Valid file, but: fc2.weight missing, fc2.bias stored as F16, the counter as F32, and an extra tensor.
        string header = "{" + string.Join(",",
            Entry("bn1.bias", "F32", [2], 0, 8),
            Entry("bn1.num_batches_tracked", "F32", [], 8, 12),
            Entry("bn1.running_mean", "F32", [2], 12, 20),
            Entry("bn1.running_var", "F32", [2], 20, 28),
            Entry("bn1.weight", "F32", [2], 28, 36),
            Entry("fc1.bias", "F32", [2], 36, 44),
            Entry("fc1.weight", "F32", [2, 3], 44, 68),
            Entry("fc2.bias", "F16", [2], 68, 72),
            Entry("head.weight", "F32", [1], 72, 76)) + "}";
        byte[] file = File(header, new byte[76]);
        var network = NumberedTinyNetwork();
        var (parameters, buffers) = (Bits(network.Parameters), Bits(network.Buffers));

        var error = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(network, file));

        Assert.Equal(
        [
            "fc2.weight: missing from the file (the network has F32 [2, 2])",
            "fc2.bias: dtype F16 in the file, F32 in the network",
            "bn1.num_batches_tracked: dtype F32 in the file, I64 in the network",
            "head.weight: in the file (F32 [1]) but not in the network",
        ], (string[])error.Data[SafeTensors.MismatchesKey]!);
        Assert.Contains("the safetensors data does not match the network (4 mismatches)", error.Message);
        Assert.Equal(parameters, Bits(network.Parameters));
        Assert.Equal(buffers, Bits(network.Buffers));
    }

    [Fact]
    public void CounterWithAShapeIsAMismatchAndAMissingCounterIsAccepted()
    {
        var network = NumberedTinyNetwork();
        string[] rest =
        [
            Entry("bn1.bias", "F32", [2], 8, 16), Entry("bn1.running_mean", "F32", [2], 16, 24), Entry("bn1.running_var", "F32", [2], 24, 32),
            Entry("bn1.weight", "F32", [2], 32, 40), Entry("fc1.bias", "F32", [2], 40, 48), Entry("fc1.weight", "F32", [2, 3], 48, 72),
            Entry("fc2.bias", "F32", [2], 72, 80), Entry("fc2.weight", "F32", [2, 2], 80, 96),
        ];
        byte[] shaped = File("{" + string.Join(",", [Entry("bn1.num_batches_tracked", "I64", [1], 0, 8), .. rest]) + "}", new byte[96]);
        var error = Assert.Throws<InvalidDataException>(() => SafeTensors.Load(network, shaped));
        Assert.Equal(["bn1.num_batches_tracked: shape [1] in the file, [] in the network"], (string[])error.Data[SafeTensors.MismatchesKey]!);

        // Without the counter (as older PyTorch exports have it) the data shifts down by 8 bytes.
        string[] shifted = rest.Select(e => e.Replace("[8,16]", "[0,8]").Replace("[16,24]", "[8,16]").Replace("[24,32]", "[16,24]")
            .Replace("[32,40]", "[24,32]").Replace("[40,48]", "[32,40]").Replace("[48,72]", "[40,64]").Replace("[72,80]", "[64,72]")
            .Replace("[80,96]", "[72,88]")).ToArray();
        SafeTensors.Load(network, File("{" + string.Join(",", shifted) + "}", Floats(Enumerable.Repeat(0.5f, 22))));
        Assert.All(network.Parameters.ToArray(), value => Assert.Equal(0.5f, value));
        Assert.All(network.Buffers.ToArray(), value => Assert.Equal(0.5f, value));
    }

    // ---- Atomic writes ----------------------------------------------------------------------------------------

    [Fact]
    public void SaveIntoAMissingDirectoryThrowsAndCreatesNothing()
    {
        string path = Path.Combine(_directory, "missing", "weights.safetensors");
        Assert.ThrowsAny<IOException>(() => SafeTensors.Save(NumberedTinyNetwork(), path));
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
        Assert.Empty(Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public void SaveThatFailsMidwayKeepsTheOldFileAndLeavesNoTemporaryFile()
    {
        string path = Path.Combine(_directory, "weights.safetensors");
        byte[] old = SafeTensors.Serialize(NumberedTinyNetwork());
        System.IO.File.WriteAllBytes(path, old);
        var failing = new FailingBufferNetwork();

        var error = Assert.Throws<InvalidOperationException>(() => SafeTensors.Save(failing, path));

        Assert.Equal(FailingBufferNetwork.Message, error.Message);
        Assert.True(failing.BytesWereWritten);
        Assert.Equal(old, System.IO.File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public void SaveOntoADirectoryFailsAtTheMoveAndRemovesTheTemporaryFile()
    {
        string path = Path.Combine(_directory, "taken");
        Directory.CreateDirectory(path);
        Assert.ThrowsAny<IOException>(() => SafeTensors.Save(NumberedTinyNetwork(), path));
        Assert.Equal([path], Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public void SaveReplacesTheFileAndLeavesNoTemporaryFile()
    {
        string path = Path.Combine(_directory, "weights.safetensors");
        System.IO.File.WriteAllBytes(path, [1, 2, 3]);
        var network = NumberedTinyNetwork();
        SafeTensors.Save(network, path);
        Assert.Equal(SafeTensors.Serialize(network), System.IO.File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFileSystemEntries(_directory));
    }

    [Fact]
    public void SaveToAStreamThatFailsMidwayPassesTheFailureOn()
    {
        var stream = new FailingStream(failAfterBytes: 100);
        var error = Assert.Throws<IOException>(() => SafeTensors.Save(NumberedTinyNetwork(), stream));
        Assert.Equal(FailingStream.Message, error.Message);
    }

    // ---- Helpers ----------------------------------------------------------------------------------------------

    /// <summary>Parameters 1..18 and buffers 101..104, so every value says where it came from.</summary>
    internal static TinyBatchNormNet NumberedTinyNetwork()
    {
        var network = new TinyBatchNormNet(1);
        for (int i = 0; i < network.Parameters.Length; i++)
        {
            network.Parameters[i] = i + 1;
        }
        for (int i = 0; i < network.Buffers.Length; i++)
        {
            network.Buffers[i] = 101 + i;
        }
        return network;
    }

    // Running statistics as after training: means anywhere, variances positive.
    private static void FillBuffers(INetwork network, Random random)
    {
        foreach (var tensor in network.BufferTensors)
        {
            bool variance = tensor.Name.EndsWith(".running_var", StringComparison.Ordinal);
            var values = network.Buffers.Slice(tensor.Offset, tensor.Length);
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = variance ? 0.5f + random.NextSingle() : random.NextSingle() * 2 - 1;
            }
        }
    }

    private void AssertRoundTrip(INetwork source, INetwork target, int inputLength, int outputLength)
    {
        const int batch = 4;
        source.InitializeParameters(11);
        FillBuffers(source, new Random(11));
        target.InitializeParameters(12);
        string path = Path.Combine(_directory, "round-trip.safetensors");

        SafeTensors.Save(source, path);
        SafeTensors.Load(target, path);

        Assert.Equal(Bits(source.Parameters), Bits(target.Parameters));
        Assert.Equal(Bits(source.Buffers), Bits(target.Buffers));
        var random = new Random(13);
        float[] input = Enumerable.Range(0, batch * inputLength).Select(_ => random.NextSingle()).ToArray();
        float[] expected = new float[batch * outputLength];
        float[] actual = new float[batch * outputLength];
        source.Forward(input, expected, batch);
        target.Forward(input, actual, batch);
        Assert.Equal(Bits(expected), Bits(actual));
        Assert.Equal(source.Parameters.Length * 4L + source.Buffers.Length * 4L + 8L * source.BufferTensors.Count(t => t.Name.EndsWith(".running_mean", StringComparison.Ordinal)),
            SafeTensors.ReadHeader(path).Sum(t => t.ByteLength));
    }
}
