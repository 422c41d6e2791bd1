using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using StaticNets.Runtime.Tests.Networks;
using StaticNets.Serialization;
using static StaticNets.Runtime.Tests.Serialization.SafeTensorsBytes;

namespace StaticNets.Runtime.Tests.Serialization;

/// <summary>Truncated, corrupted and forged files: each refused with an <see cref="InvalidDataException"/>, the network untouched.</summary>
public sealed class SafeTensorsBadInputTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("safetensors-bad-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void EveryTruncationIsRefusedFromBytesStreamsAndFiles()
    {
        var network = SafeTensorsTests.NumberedTinyNetwork();
        byte[] file = SafeTensors.Serialize(network);
        string path = Path.Combine(_directory, "cut.safetensors");
        for (int length = 0; length < file.Length; length++)
        {
            byte[] cut = file[..length];
            var fromBytes = AssertRefused(network, () => SafeTensors.Load(network, cut));
            var fromStream = AssertRefused(network, () => SafeTensors.Load(network, new ForwardOnlyStream(cut)));
            Assert.Contains("the safetensors data is not a valid safetensors file", fromBytes.Message);
            Assert.Contains("the safetensors data is not a valid safetensors file", fromStream.Message);
            if (length % 16 == 0 || length > file.Length - 16)
            {
                System.IO.File.WriteAllBytes(path, cut);
                var fromFile = AssertRefused(network, () => SafeTensors.Load(network, path));
                Assert.StartsWith($"'{path}' is not a valid safetensors file", fromFile.Message);
                Assert.Throws<InvalidDataException>(() => SafeTensors.ReadHeader(path));
            }
        }
    }

    [Fact]
    public void TruncationsOfALargeFileAreRefused()
    {
        var network = new LeNet5(1);
        network.InitializeParameters(1);
        byte[] file = SafeTensors.Serialize(network);
        // Every length through the header, then every 61st (a prime, so cuts land at every alignment) to the end.
        int headerEnd = 8 + (int)BinaryPrimitives.ReadUInt64LittleEndian(file);
        var lengths = Enumerable.Range(0, headerEnd + 1).Concat(Enumerable.Range(0, (file.Length - headerEnd) / 61).Select(i => headerEnd + i * 61))
            .Append(file.Length - 1);
        foreach (int length in lengths)
        {
            AssertRefused(network, () => SafeTensors.Load(network, file.AsSpan(0, length)));
        }
    }

    [Fact]
    public void RandomCorruptionsLoadOrAreRefusedCleanly()
    {
        var source = SafeTensorsTests.NumberedTinyNetwork();
        byte[] file = SafeTensors.Serialize(source);
        var random = new Random(20261123);
        int refused = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            byte[] corrupted = (byte[])file.Clone();
            int flips = 1 + random.Next(3);
            for (int i = 0; i < flips; i++)
            {
                // Mostly the prefix and header, where a byte changes the structure; the data only changes values.
                int position = random.Next(4) == 0 ? random.Next(file.Length) : random.Next(file.Length - 96);
                corrupted[position] = (byte)random.Next(256);
            }
            var network = SafeTensorsTests.NumberedTinyNetwork();
            try
            {
                SafeTensors.Load(network, corrupted);
            }
            catch (InvalidDataException error)
            {
                refused++;
                Assert.Contains("the safetensors data", error.Message);
                Assert.Equal(Bits(source.Parameters), Bits(network.Parameters));
                Assert.Equal(Bits(source.Buffers), Bits(network.Buffers));
            }
        }
        // Most corruptions of the structure must be caught; the rest hit data bytes or spaces and load.
        Assert.InRange(refused, 200, 400);
    }

    [Theory]
    [InlineData(ulong.MaxValue, "exceeds the 100,000,000-byte limit")]
    [InlineData(0x8000_0000_0000_0000UL, "exceeds the 100,000,000-byte limit")]
    [InlineData(1UL << 40, "exceeds the 100,000,000-byte limit")]
    [InlineData(100_000_001UL, "exceeds the 100,000,000-byte limit")]
    [InlineData(0UL, "too short for a JSON object")]
    [InlineData(1UL, "too short for a JSON object")]
    public void ForgedHeaderLengthsAreRefusedBeforeAllocating(ulong forged, string problem)
    {
        var network = SafeTensorsTests.NumberedTinyNetwork();
        byte[] file = SafeTensors.Serialize(network);
        BinaryPrimitives.WriteUInt64LittleEndian(file, forged);
        Assert.Contains(problem, AssertRefused(network, () => SafeTensors.Load(network, file)).Message);
        Assert.Contains(problem, AssertRefused(network, () => SafeTensors.Load(network, new ForwardOnlyStream(file))).Message);
    }

    [Fact]
    public void ForgedHeaderLengthUnderTheLimitOnAShortStreamAllocatesOnlyWhatArrives()
    {
        var network = SafeTensorsTests.NumberedTinyNetwork();
        byte[] file = SafeTensors.Serialize(network);
        BinaryPrimitives.WriteUInt64LittleEndian(file, 99_999_992UL);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var error = AssertRefused(network, () => SafeTensors.Load(network, new ForwardOnlyStream(file)));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("bytes short inside the header (truncated)", error.Message);
        // The file is 736 bytes: the 64 KiB first read buffer dominates, far from the 100 MB the length claims.
        Assert.InRange(allocated, 0, 1 << 20);
    }

    [Fact]
    public void HeaderLengthPastTheEndOfTheFileIsRefused()
    {
        var network = SafeTensorsTests.NumberedTinyNetwork();
        byte[] file = SafeTensors.Serialize(network);
        BinaryPrimitives.WriteUInt64LittleEndian(file, (ulong)(file.Length - 8 + 1));
        string path = Path.Combine(_directory, "long.safetensors");
        System.IO.File.WriteAllBytes(path, file);
        var error = AssertRefused(network, () => SafeTensors.Load(network, path));
        Assert.Contains($"exceeds the {file.Length - 8} bytes after the length prefix", error.Message);
    }

    public static TheoryData<string, int, string> BadHeaders() => new()
    {
        // header JSON, bytes of data, a fragment the message must hold
        { "{" + Entry("fc1.weight", "F32", [2, 3], 0, 24) + "," + Entry("fc1.bias", "F32", [2], 16, 24) + "}", 24, "overlap" },
        { "{" + Entry("fc1.weight", "F32", [2, 3], 0, 24) + "," + Entry("fc1.bias", "F32", [2], 32, 40) + "}", 40, "8 bytes lie unused" },
        { "{" + Entry("fc1.weight", "F32", [2, 3], 8, 32) + "}", 32, "8 bytes lie unused between the start of the data" },
        { "{" + Entry("fc1.weight", "F32", [2, 3], 0, 24) + "}", 16, "only 16 follow it" },
        { "{" + Entry("fc1.weight", "F32", [2, 3], 0, 24) + "}", 30, "6 unexpected bytes follow" },
        { "{" + Entry("fc1.weight", "F32", [2, 3], 0, 9_000_000_000_000_000_000) + "}", 24, "spans" },
        { "{" + Entry("fc1.weight", "F32", [2, 3], 24, 0) + "}", 24, "end before they begin" },
        { "{" + Entry("fc1.weight", "F32", [2, 3], 0, 20) + "}", 20, "need 24" },
        { "{" + Entry("fc1.weight", "F33", [2, 3], 0, 24) + "}", 24, "unknown dtype 'F33'" },
        { "{" + Entry("fc1.weight", "F32", [4_294_967_296, 4_294_967_296, 4], 0, 24) + "}", 24, "overflows a 64-bit byte count" },
        { "{" + Entry("fc1.weight", "F32", [1 << 30, 1 << 30, 1 << 30], 0, 24) + "}", 24, "overflows a 64-bit byte count" },
        { "{\"fc1.weight\":{\"dtype\":\"F32\",\"shape\":[-2,3],\"data_offsets\":[0,24]}}", 24, "holds -2, not a non-negative" },
        { "{\"fc1.weight\":{\"dtype\":\"F32\",\"shape\":[2.5],\"data_offsets\":[0,10]}}", 10, "holds 2.5" },
        { "{\"fc1.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,18446744073709551616]}}", 24, "not a non-negative 64-bit integer" },
        { "{\"fc1.weight\":{\"dtype\":\"F32\",\"shape\":[2,3]}}", 24, "has no 'data_offsets'" },
        { "{\"fc1.weight\":{\"shape\":[2,3],\"data_offsets\":[0,24]}}", 24, "has no 'dtype'" },
        { "{\"fc1.weight\":{\"dtype\":\"F32\",\"data_offsets\":[0,24]}}", 24, "has no 'shape'" },
        { "{\"fc1.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24,48]}}", 24, "hold 3 numbers" },
        { "{\"fc1.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24],\"extra\":1}}", 24, "unknown field 'extra'" },
        { "{\"fc1.weight\":{\"dtype\":\"F32\",\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}}", 24, "has 'dtype' twice" },
        { "{\"fc1.weight\":{\"dtype\":32,\"shape\":[2,3],\"data_offsets\":[0,24]}}", 24, "dtype of 'fc1.weight' is not a string" },
        { "{\"fc1.weight\":{\"dtype\":\"F32\",\"shape\":\"2x3\",\"data_offsets\":[0,24]}}", 24, "shape of 'fc1.weight' is not an array" },
        { "{\"fc1.weight\":[]}", 0, "is not an object" },
        { "{" + Entry("a", "F32", [1], 0, 4) + "," + Entry("a", "F32", [1], 4, 8) + "}", 8, "names 'a' twice" },
        { "{\"__metadata__\":{\"format\":1}}", 0, "is not a string" },
        { "{\"__metadata__\":[]}", 0, "is not an object" },
        { "{\"fc1.weight\":{\"dtype\":\"F32\",", 0, "not well-formed JSON" },
        { "{\"a\":1}", 0, "the entry of 'a' is not an object" },
        { "{\"__metadata__\":{\"format\":\"pt\",}}", 0, "not well-formed JSON" },
        { "{} {}", 0, "not well-formed JSON" },
        { "{}}", 0, "not well-formed JSON" },
        { "[]", 0, "does not start with '{'" },
        { " {}", 0, "does not start with '{'" },
        { "{\"\\ud800\":{}}", 0, "not valid text" },
        { "{\"__metadata__\":{\"format\":\"pt\"}} x", 0, "not well-formed JSON" },
    };

    [Theory]
    [MemberData(nameof(BadHeaders))]
    public void MalformedHeadersAreRefused(string header, int dataLength, string problem)
    {
        var network = SafeTensorsTests.NumberedTinyNetwork();
        byte[] file = File(header, new byte[dataLength]);
        var error = AssertRefused(network, () => SafeTensors.Load(network, file));
        Assert.Contains(problem, error.Message);
        Assert.Contains(problem, Assert.Throws<InvalidDataException>(() => SafeTensors.ReadHeader(file)).Message);
    }

    [Fact]
    public void InvalidUtf8InTheHeaderIsRefused()
    {
        var network = SafeTensorsTests.NumberedTinyNetwork();
        byte[] file = File("{\"a\u00e9\":{}}", []);
        int accent = Array.IndexOf(file, (byte)0xC3);
        file[accent + 1] = 0x28;
        Assert.Contains("not valid UTF-8", AssertRefused(network, () => SafeTensors.Load(network, file)).Message);
    }

    [Fact]
    public void EmptyHeaderIsAMismatchNotAFormatError()
    {
        var network = SafeTensorsTests.NumberedTinyNetwork();
        byte[] file = File("{}", []);
        Assert.Empty(SafeTensors.ReadHeader(file));
        var error = AssertRefused(network, () => SafeTensors.Load(network, file));
        Assert.Equal(8, ((string[])error.Data[SafeTensors.MismatchesKey]!).Length);
    }

    // The load must fail with InvalidDataException and leave every parameter and buffer bit as it was.
    private static InvalidDataException AssertRefused(INetwork network, Action load)
    {
        int[] parameters = Bits(network.Parameters);
        int[] buffers = Bits(network.Buffers);
        var error = Assert.Throws<InvalidDataException>(load);
        Assert.Equal(parameters, Bits(network.Parameters));
        Assert.Equal(buffers, Bits(network.Buffers));
        return error;
    }
}
