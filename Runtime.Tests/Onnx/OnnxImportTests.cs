using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using StaticNets.Onnx;
using StaticNets.Runtime.Tests.Networks;
using Xunit.Abstractions;

namespace StaticNets.Runtime.Tests.Onnx;

// LeNet5 with a 5x5 second pool: the same layer names, a different MaxPool and a smaller fc1 (16 x 2 x 2 inputs).
[Network("CONV(6,5,pad:2)+RELU+POOL(2)+CONV(16,5)+RELU+POOL(5)+FC(120)+RELU+FC(84)+RELU+FC(10)+SOFTMAX", Input = "1x28x28")]
internal partial class LeNet5WidePool
{
}

public sealed class OnnxImportTests(ITestOutputHelper output)
{
    private const string Memory = "<memory>";

    // Encodings by name: OnnxFloatEncoding is internal, and xUnit runs public test methods only.
    private static OnnxFloatEncoding Encoding(string name) => name switch
    {
        "raw_data" => OnnxFloatEncoding.RawData,
        "float_data" => OnnxFloatEncoding.FloatData,
        "float_data unpacked" => OnnxFloatEncoding.FloatDataUnpacked,
        _ => throw new ArgumentException($"Unknown encoding '{name}'.", nameof(name)),
    };

    public static TheoryData<string, string> RoundTripCases()
    {
        var cases = new TheoryData<string, string>();
        foreach (string name in new[] { "lenet5", "mlp2", "lenet5-bn", "normalized-conv", "saturating-svm", "conv-regressor", "flat-normalized", "maxout-dropout", "conv-prelu" })
        {
            cases.Add(name, "raw_data");
            cases.Add(name, "float_data");
        }
        cases.Add("normalized-conv", "float_data unpacked");
        cases.Add("maxout-dropout", "float_data unpacked");
        return cases;
    }

    [Theory]
    [MemberData(nameof(RoundTripCases))]
    public void ExportThenImportGivesIdenticalWeightsAndForward(string networkName, string encoding)
    {
        const int batch = 3;
        INetwork source = Create(networkName, batch);
        Randomize(source, seed: 21);
        byte[] model = OnnxGraphBuilder.Build(source, Encoding(encoding));
        INetwork target = Create(networkName, batch);
        target.InitializeParameters(seed: 99);
        Assert.False(Bits(source.Parameters).SequenceEqual(Bits(target.Parameters)), "the target must start with other weights");

        OnnxImporter.Load(target, model);

        Assert.Equal(Bits(source.Parameters), Bits(target.Parameters));
        Assert.Equal(Bits(source.Buffers), Bits(target.Buffers));
        float[] input = NetworkData.Uniform(batch * source.InputLength, seed: 5);
        Assert.Equal(Bits(Forward(source, input, batch)), Bits(Forward(target, input, batch)));
    }

    // The float_data variants really are other encodings: no raw_data field (TensorProto field 9) is left in them,
    // and the unpacked one has one field per value.
    [Fact]
    public void FloatDataVariantStoresNoRawData()
    {
        INetwork network = Create("mlp2", 1);
        byte[] raw = OnnxGraphBuilder.Build(network, OnnxFloatEncoding.RawData);
        byte[] packed = OnnxGraphBuilder.Build(network, OnnxFloatEncoding.FloatData);
        ParsedGraph rawGraph = OnnxModelReader.Read(raw).Graph!;
        ParsedGraph packedGraph = OnnxModelReader.Read(packed).Graph!;

        Assert.All(rawGraph.Initializers, t => Assert.True(t.RawData is not null && t.FloatCount == 0));
        Assert.All(packedGraph.Initializers, t => Assert.True(t.RawData is null && t.FloatCount > 0 && t.FloatRuns.Count == 1));
        ParsedGraph unpackedGraph = OnnxModelReader.Read(OnnxGraphBuilder.Build(network, OnnxFloatEncoding.FloatDataUnpacked)).Graph!;
        Assert.All(unpackedGraph.Initializers, t => Assert.True(t.RawData is null && t.FloatCount > 1 && t.FloatRuns.Count == t.FloatCount));
    }

    // The float_data encodings are valid ONNX, not just something this importer accepts: ONNX Runtime computes
    // Forward from them as from the export.
    [Theory]
    [InlineData("float_data")]
    [InlineData("float_data unpacked")]
    public void FloatDataVariantsRunInOnnxRuntime(string encoding)
    {
        const int batch = 2;
        INetwork network = Create("normalized-conv", batch);
        Randomize(network, seed: 12);
        float[] input = NetworkData.Uniform(batch * network.InputLength, seed: 6);

        float[] actual = OnnxRuntimeRunner.Run(OnnxGraphBuilder.Build(network, Encoding(encoding)), input, batch);

        float difference = OnnxRuntimeRunner.MaxAbsoluteDifference(Forward(network, input, batch), actual);
        Assert.True(difference < 1e-4f, $"max difference {difference}");
    }

    [Fact]
    public void LoadFromFileNamesTheFileAndLoadsIt()
    {
        INetwork source = Create("normalized-conv", 2);
        Randomize(source, seed: 3);
        INetwork target = Create("normalized-conv", 2);
        INetwork other = Create("lenet5", 1);
        string directory = Path.Combine(Path.GetTempPath(), "staticnets-onnx-import-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            string path = Path.Combine(directory, "model.onnx");
            OnnxExporter.Save(source, path);

            OnnxImporter.Load(target, path);
            var exception = RejectsUnchanged(other, () => OnnxImporter.Load(other, path));

            Assert.Equal(Bits(source.Parameters), Bits(target.Parameters));
            Assert.Equal(Bits(source.Buffers), Bits(target.Buffers));
            Assert.Contains($"'{path}'", exception.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void ModelOfAnotherArchitectureIsRefusedListingEveryMismatch()
    {
        INetwork lenet = Create("lenet5", 1);
        Randomize(lenet, seed: 8);
        INetwork target = Create("lenet5-wide-pool", 1);

        var exception = RejectsUnchanged(target, () => OnnxImporter.Load(target, OnnxExporter.Export(lenet)));

        output.WriteLine(exception.Message);
        Assert.StartsWith($"ONNX model '{Memory}' does not match LeNet5WidePool", exception.Message, StringComparison.Ordinal);
        string[] mismatches = Mismatches(exception);
        // Exactly the differences: the second pool's window and stride, and the fc1 weight that follows from them.
        Assert.Equal(new[]
        {
            "node 5 (pool2): expected MaxPool kernel_shape [5, 5], found [2, 2]",
            "node 5 (pool2): expected MaxPool strides [5, 5], found [2, 2]",
            "initializer fc1.weight: dims [120, 400] in the model, [120, 64] in the network",
        }, mismatches);
        Assert.All(mismatches, m => Assert.Contains(m, exception.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void ModelWithoutBatchNormIsRefusedByTheBatchNormNetwork()
    {
        INetwork target = Create("lenet5-bn", 1);

        var exception = RejectsUnchanged(target, () => OnnxImporter.Load(target, OnnxExporter.Export(Create("lenet5", 1))));

        output.WriteLine(exception.Message);
        string[] mismatches = Mismatches(exception);
        Assert.Contains("missing initializer bn1.weight", mismatches);
        Assert.Contains("missing initializer bn1.running_var", mismatches);
        Assert.Contains(mismatches, m => m.StartsWith("node 1: expected BatchNormalization 'bn1', found Relu", StringComparison.Ordinal));
    }

    [Fact]
    public void ModelWithOtherInputAndLayersIsRefused()
    {
        INetwork target = Create("lenet5", 1);

        var exception = RejectsUnchanged(target, () => OnnxImporter.Load(target, OnnxExporter.Export(Create("mlp2", 1))));

        output.WriteLine(exception.Message);
        string[] mismatches = Mismatches(exception);
        Assert.Contains("graph input 'input': expected shape [N, 1, 28, 28], found [N, 3, 32, 32]", mismatches);
        Assert.Contains("missing initializer conv1.weight", mismatches);
        Assert.Contains("missing initializer fc3.bias", mismatches);
        Assert.Contains("initializer fc1.weight: dims [100, 3072] in the model, [120, 400] in the network", mismatches);
        Assert.Contains("initializer fc2.weight: dims [10, 100] in the model, [84, 120] in the network", mismatches);
    }

    [Fact]
    public void UnexpectedInitializerIsListed()
    {
        INetwork network = Create("tiny-mlp", 1);
        var description = OnnxGraphBuilder.Describe(network);
        description.Graph.AddInt64s("stray", 1, 2);
        byte[] model = OnnxModelSerializer.Serialize(description.Graph, description.GraphName, description.Input, description.Output);

        var exception = RejectsUnchanged(network, () => OnnxImporter.Load(network, model));

        Assert.Equal(new[] { "unexpected initializer stray" }, Mismatches(exception));
    }

    // TinyMlp's nodes: fc1 (Gemm), relu1, fc2, relu2, fc3, softmax.
    [Fact]
    public void ChangedMissingAndExtraAttributesAreListed()
    {
        INetwork network = Create("tiny-mlp", 1);
        byte[] model = Rebuild(network, node => node.Name switch
        {
            "fc1" => node with { Attributes = new[] { OnnxAttribute.Int("transB", 0), OnnxAttribute.Float("alpha", 2f) } },
            "fc2" => node with { Attributes = Array.Empty<OnnxAttribute>() },
            "softmax" => node with { Attributes = new[] { OnnxAttribute.Int("axis", -1) } },
            _ => node,
        });

        var exception = RejectsUnchanged(network, () => OnnxImporter.Load(network, model));

        Assert.Equal(new[]
        {
            "node 0 (fc1): expected Gemm transB 1, found 0",
            "node 0 (fc1): unexpected attribute alpha",
            "node 2 (fc2): expected Gemm transB 1, found none",
            "node 5 (softmax): expected Softmax axis 1, found -1",
        }, Mismatches(exception));
    }

    // Only the wiring counts, not the intermediate tensors' names: a model whose tools renamed them still loads,
    // while one that feeds a node the wrong tensor does not.
    [Fact]
    public void IntermediateNamesMayDifferButWiringMustNot()
    {
        INetwork source = Create("tiny-mlp", 1);
        Randomize(source, seed: 4);
        string Rename(string name) => name.StartsWith("relu", StringComparison.Ordinal) || name is "fc1" or "fc2" or "fc3" ? "t/" + name : name;
        byte[] renamed = Rebuild(source, node => node with { Output = Rename(node.Output), Inputs = node.Inputs.Select(Rename).ToArray() });
        byte[] miswired = Rebuild(source, node => node.Name == "fc3" ? node with { Inputs = new[] { "fc2", "fc3.weight", "fc3.bias" } } : node);
        INetwork target = Create("tiny-mlp", 1);

        OnnxImporter.Load(target, renamed);
        Assert.Equal(Bits(source.Parameters), Bits(target.Parameters));

        var exception = RejectsUnchanged(target, () => OnnxImporter.Load(target, miswired));
        Assert.Equal(new[] { "node 4 (fc3): expected Gemm inputs [relu2, fc3.weight, fc3.bias], found [fc2, fc3.weight, fc3.bias]" }, Mismatches(exception));
    }

    // The opset import is the model's last field: OperatorSetIdProto { domain "", version 17 } ends in 0x10 0x11.
    [Fact]
    public void OtherOpsetIsRefused()
    {
        INetwork network = Create("tiny-mlp", 1);
        byte[] model = OnnxExporter.Export(network);
        Assert.Equal(new byte[] { 0x10, 0x11 }, model[^2..]);
        model[^1] = 13;

        var exception = RejectsUnchanged(network, () => OnnxImporter.Load(network, model));

        Assert.Equal(new[] { "opset: expected default-domain opset 17, found 13" }, Mismatches(exception));
    }

    // Every proper prefix of a small model fails cleanly: the cut falls inside a field (malformed) or drops fields
    // the match needs (the trailing opset import, the graph's output...).
    [Theory]
    [InlineData("tiny-mlp")]
    [InlineData("maxout-dropout")]
    public void EveryTruncationIsRefused(string networkName)
    {
        INetwork target = Create(networkName, 1);
        byte[] model = OnnxExporter.Export(Create(networkName, 1));
        for (int length = 0; length < model.Length; length++)
        {
            var exception = RejectsUnchanged(target, () => OnnxImporter.Load(target, model.AsSpan(0, length)));
            Assert.Contains($"'{Memory}'", exception.Message, StringComparison.Ordinal);
        }
        output.WriteLine($"{networkName}: {model.Length} truncations refused");
    }

    // LeNet5's model is mostly weights; a dense sample of cuts (every 61st byte and the whole structure before the
    // first weights) keeps the test quick.
    [Fact]
    public void SampledTruncationsOfLargeModelAreRefused()
    {
        INetwork target = Create("lenet5", 1);
        byte[] model = OnnxExporter.Export(Create("lenet5", 1));
        var lengths = Enumerable.Range(0, 600).Concat(Enumerable.Range(0, model.Length / 61).Select(i => i * 61)).Concat(new[] { model.Length - 1 }).Distinct();
        foreach (int length in lengths)
        {
            RejectsUnchanged(target, () => OnnxImporter.Load(target, model.AsSpan(0, length)));
        }
    }

    // Random byte changes either still describe the network (a changed weight byte) or are refused with an
    // InvalidDataException naming the source; nothing else may escape, and a refusal changes nothing.
    [Theory]
    [InlineData("tiny-mlp")]
    [InlineData("normalized-conv")]
    public void RandomCorruptionsAreRefusedOrLoadedNeverCrash(string networkName)
    {
        INetwork target = Create(networkName, 1);
        byte[] model = OnnxExporter.Export(Create(networkName, 1));
        var random = new Random(20261123);
        int refused = 0;
        const int Corruptions = 400;
        for (int trial = 0; trial < Corruptions; trial++)
        {
            byte[] corrupted = (byte[])model.Clone();
            int changes = 1 + random.Next(4);
            for (int c = 0; c < changes; c++)
            {
                corrupted[random.Next(corrupted.Length)] = (byte)random.Next(256);
            }
            float[] parameters = target.Parameters.ToArray();
            float[] buffers = target.Buffers.ToArray();
            Exception? exception = Record.Exception(() => OnnxImporter.Load(target, corrupted));
            if (exception is not null)
            {
                Assert.IsType<InvalidDataException>(exception);
                Assert.Contains($"'{Memory}'", exception.Message, StringComparison.Ordinal);
                Assert.Equal(Bits(parameters), Bits(target.Parameters));
                Assert.Equal(Bits(buffers), Bits(target.Buffers));
                refused++;
            }
        }
        output.WriteLine($"{networkName}: {refused} of {Corruptions} corruptions refused, the rest loaded");
        Assert.True(refused > Corruptions / 10, $"only {refused} corruptions were refused");
    }

    public static TheoryData<string, byte[]> ForgedModels()
    {
        var cases = new TheoryData<string, byte[]>();
        // ModelProto.graph (field 7, length-delimited) claiming 4 GiB, 2^64 - 1 bytes (a negative length), then an
        // 11-byte varint and a 10-byte varint overflowing 64 bits.
        cases.Add("exceeds", new byte[] { 0x3A, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00 });
        cases.Add("exceeds", new byte[] { 0x3A, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01, 0x00 });
        cases.Add("overflows 64 bits", new byte[] { 0x3A, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 });
        cases.Add("overflows 64 bits", new byte[] { 0x3A, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F });
        // A length of int.MaxValue + 1, which would turn negative as an int.
        cases.Add("exceeds", new byte[] { 0x3A, 0x80, 0x80, 0x80, 0x80, 0x08, 0x00 });
        // A tag with field number 0, a group (wire type 3), and a tag cut off mid-varint.
        cases.Add("field number 0", new byte[] { 0x00, 0x01 });
        cases.Add("wire type 3", new byte[] { 0x3B, 0x3C });
        cases.Add("runs past the end", new byte[] { 0xBA });
        // Inside the graph: an initializer whose raw_data claims 2^31 - 1 bytes after 3 real ones.
        cases.Add("exceeds", Nest(7, Nest(5, new byte[] { 0x4A, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 1, 2, 3 })));
        // Packed float_data that is not a whole number of floats, and a fixed32 cut short.
        cases.Add("whole number of floats", Nest(7, Nest(5, new byte[] { 0x22, 0x03, 1, 2, 3 })));
        cases.Add("runs past the end", Nest(7, Nest(5, new byte[] { 0x25, 1, 2 })));
        // 100 dims in one initializer, beyond the cap on repeated integers.
        cases.Add("more than 64", Nest(7, Nest(5, Enumerable.Repeat(new byte[] { 0x08, 0x02 }, 100).SelectMany(b => b).ToArray())));
        // A packed dims run claiming more bytes than its message has.
        cases.Add("exceeds", Nest(7, Nest(5, new byte[] { 0x0A, 0x7F, 0x01 })));
        return cases;
    }

    [Theory]
    [MemberData(nameof(ForgedModels))]
    public void ForgedLengthsAndTagsAreRefusedWithoutAllocating(string problem, byte[] model)
    {
        INetwork target = Create("tiny-mlp", 1);
        // Warm up the comparison's code paths and the first throw, which load code and resources once per process.
        OnnxImporter.Load(target, OnnxExporter.Export(target));
        Assert.Throws<InvalidDataException>(() => OnnxImporter.Load(target, new byte[] { 0x00 }));
        long before = GC.GetAllocatedBytesForCurrentThread();

        var exception = RejectsUnchanged(target, () => OnnxImporter.Load(target, model));

        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"{exception.Message} ({allocated} bytes allocated)");
        Assert.Contains($"ONNX model '{Memory}' is not a well-formed ModelProto", exception.Message, StringComparison.Ordinal);
        Assert.Contains(problem, exception.Message, StringComparison.Ordinal);
        // The export of the target (a few kilobytes) plus messages: nothing sized by a forged length.
        Assert.True(allocated < 256 * 1024, $"{allocated} bytes allocated");
    }

    // Well-formed protobuf with absurd values is a mismatch, not an overflow: dims near 2^63 or negative are only
    // compared, never multiplied.
    [Fact]
    public void HugeAndNegativeDimsAreMismatches()
    {
        INetwork network = Create("tiny-mlp", 1);
        var description = OnnxGraphBuilder.Describe(network);
        var graph = new OnnxGraph();
        foreach (var node in description.Graph.Nodes)
        {
            graph.AddNode(node.OpType, node.Name, node.Output, node.Inputs, node.Attributes.ToArray());
        }
        foreach (var initializer in description.Graph.Initializers)
        {
            long[] dims = initializer.Name == "fc1.weight" ? new[] { long.MaxValue, long.MaxValue } : initializer.Name == "fc1.bias" ? new[] { -7L } : initializer.Dims.ToArray();
            graph.AddFloats(initializer.Name, MemoryMarshal.Cast<byte, float>(initializer.RawData.AsSpan()), default, dims);
        }
        byte[] model = OnnxModelSerializer.Serialize(graph, description.GraphName, description.Input, description.Output);

        var exception = RejectsUnchanged(network, () => OnnxImporter.Load(network, model));

        Assert.Equal(new[]
        {
            $"initializer fc1.weight: dims [{long.MaxValue}, {long.MaxValue}] in the model, [7, 9] in the network",
            "initializer fc1.bias: dims [-7] in the model, [7] in the network",
        }, Mismatches(exception));
    }

    // Garbage nested 100,000 messages deep inside a field the reader skips (an attribute's subgraph) is skipped by
    // its length, without recursion; the same nesting along fields the reader descends stops at its depth limit.
    [Fact]
    public void DeeplyNestedGarbageIsSkippedOrRefused()
    {
        INetwork target = Create("tiny-mlp", 1);
        byte[] garbage = DeeplyNested(6, 100_000);
        // ModelProto.graph -> GraphProto.node -> NodeProto.attribute -> AttributeProto.g (field 6, skipped).
        byte[] model = Nest(7, Nest(1, Nest(5, garbage)));
        var skipped = RejectsUnchanged(target, () => OnnxImporter.Load(target, model));
        Assert.Contains("does not match", skipped.Message, StringComparison.Ordinal);

        byte[] nested = DeeplyNested(1, 20);
        Assert.Throws<ProtoFormatException>(() =>
        {
            var reader = ProtoReader.Root(nested, "test");
            while (reader.HasMore)
            {
                reader.ReadTag();
                reader = reader.ReadMessage("test");
            }
        });
    }

    [Fact]
    public void ReaderDecodesWhatTheWriterWrites()
    {
        var writer = new ProtoWriter();
        writer.WriteInt64(1, 150);
        writer.WriteInt64(2, -1);
        writer.WriteFloat(3, 1.5f);
        writer.WriteDouble(4, 2.0);
        writer.WriteMessage(5, inner => inner.WriteString(2, "testing"));
        byte[] bytes = writer.ToArray();

        var reader = ProtoReader.Root(bytes, "test");
        Assert.Equal((1, ProtoReader.WireVarint), reader.ReadTag());
        Assert.Equal(150L, reader.ReadInt64());
        Assert.Equal((2, ProtoReader.WireVarint), reader.ReadTag());
        Assert.Equal(-1L, reader.ReadInt64());
        Assert.Equal((3, ProtoReader.WireFixed32), reader.ReadTag());
        Assert.Equal(1.5f, reader.ReadFloat());
        Assert.Equal((4, ProtoReader.WireFixed64), reader.ReadTag());
        reader.Skip(ProtoReader.WireFixed64);
        Assert.Equal((5, ProtoReader.WireLengthDelimited), reader.ReadTag());
        var inner = reader.ReadMessage("inner");
        Assert.Equal((2, ProtoReader.WireLengthDelimited), inner.ReadTag());
        Assert.Equal("testing", inner.ReadString());
        Assert.False(inner.HasMore);
        Assert.False(reader.HasMore);
    }

    [Fact]
    public void NullNetworkOrBlankPathIsRejected()
    {
        INetwork network = Create("tiny-mlp", 1);
        Assert.Throws<ArgumentNullException>(() => OnnxImporter.Load(null!, OnnxExporter.Export(network)));
        Assert.Throws<ArgumentNullException>(() => OnnxImporter.Load(null!, "model.onnx"));
        Assert.Throws<ArgumentException>(() => OnnxImporter.Load(network, " "));
    }

    // Asserts the load throws InvalidDataException and leaves parameters and buffers bit-for-bit as they were.
    private static InvalidDataException RejectsUnchanged(INetwork target, Action load)
    {
        float[] parameters = target.Parameters.ToArray();
        float[] buffers = target.Buffers.ToArray();
        var exception = Assert.Throws<InvalidDataException>(load);
        Assert.Equal(Bits(parameters), Bits(target.Parameters));
        Assert.Equal(Bits(buffers), Bits(target.Buffers));
        return exception;
    }

    private static string[] Mismatches(InvalidDataException exception) =>
        Assert.IsType<string[]>(exception.Data[OnnxImporter.MismatchesKey]);

    private static int[] Bits(ReadOnlySpan<float> values) => MemoryMarshal.Cast<float, int>(values).ToArray();

    private static float[] Forward(INetwork network, float[] input, int batch)
    {
        var result = new float[batch * network.OutputLength];
        network.Forward(input, result, batch);
        return result;
    }

    // Weights and statistics no initialisation would produce (variances stay positive), so a tensor the import
    // missed or misplaced shows.
    private static void Randomize(INetwork network, int seed)
    {
        NetworkData.Uniform(network.Parameters.Length, seed, -0.5f, 0.5f).CopyTo(network.Parameters);
        NetworkData.Uniform(network.Buffers.Length, seed + 1, 0.5f, 1.5f).CopyTo(network.Buffers);
    }

    // The network's export with each node passed through change (same initializers, input and output).
    private static byte[] Rebuild(INetwork network, Func<OnnxNode, OnnxNode> change)
    {
        var description = OnnxGraphBuilder.Describe(network);
        var graph = new OnnxGraph();
        foreach (var node in description.Graph.Nodes.Select(change))
        {
            graph.AddNode(node.OpType, node.Name, node.Output, node.Inputs, node.Attributes.ToArray());
        }
        foreach (var initializer in description.Graph.Initializers)
        {
            graph.AddFloats(initializer.Name, MemoryMarshal.Cast<byte, float>(initializer.RawData.AsSpan()), default, initializer.Dims.ToArray());
        }
        return OnnxModelSerializer.Serialize(graph, description.GraphName, description.Input, description.Output);
    }

    // A length-delimited field holding payload.
    private static byte[] Nest(int field, byte[] payload)
    {
        var writer = new ProtoWriter();
        writer.WriteBytes(field, payload);
        return writer.ToArray();
    }

    // Levels of empty-at-the-core messages, each the only field of its parent, built inside out in one pass (nesting
    // arrays one by one would copy quadratically).
    private static byte[] DeeplyNested(int field, int levels)
    {
        var reversed = new List<byte>();
        int length = 0;
        for (int level = 0; level < levels; level++)
        {
            var prefix = new List<byte> { (byte)((field << 3) | ProtoReader.WireLengthDelimited) };
            for (ulong value = (ulong)length; ; value >>= 7)
            {
                prefix.Add(value >= 0x80 ? (byte)(value | 0x80) : (byte)value);
                if (value < 0x80)
                {
                    break;
                }
            }
            prefix.Reverse();
            reversed.AddRange(prefix);
            length += prefix.Count;
        }
        reversed.Reverse();
        return reversed.ToArray();
    }

    private static INetwork Create(string name, int batch)
    {
        INetwork network = name switch
        {
            "lenet5" => new LeNet5(batch),
            "lenet5-bn" => new LeNet5BatchNorm(batch),
            "lenet5-wide-pool" => new LeNet5WidePool(batch),
            "mlp2" => new Mlp2(batch),
            "tiny-mlp" => new TinyMlp(batch),
            "normalized-conv" => new NormalizedConvNet(batch),
            "saturating-svm" => new SaturatingSvmNet(batch),
            "conv-regressor" => new ConvRegressor(batch),
            "flat-normalized" => new FlatNormalizedNet(batch),
            "maxout-dropout" => new MaxoutDropoutNet(batch),
            "conv-prelu" => new ConvPreluNet(batch),
            _ => throw new ArgumentException($"Unknown test network '{name}'.", nameof(name)),
        };
        network.InitializeParameters(seed: 7);
        return network;
    }
}
