using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace StaticNets.Onnx;

/// <summary>
/// Loads weights from an ONNX model into a generated network: the inverse of <see cref="OnnxExporter"/>. The model
/// must describe the network's architecture exactly as the export would write it (same graph input and output
/// shapes, same operators in the same order with the same attributes and wiring, same initializer names, dims and
/// types); its FLOAT initializers then replace <see cref="INetwork.Parameters"/> and <see cref="INetwork.Buffers"/>.
/// </summary>
/// <remarks>
/// The reference is the export of the target network itself, so the importer accepts exactly the operator set the
/// exporter emits. Weights may be stored as raw_data or float_data. Intermediate tensor names may differ from the
/// export's (only the wiring is compared); node names are not compared. Everything is checked before anything is
/// written: on any failure the network is left unchanged. The protobuf is read by hand, bounds-checked against the
/// bytes present, so a damaged or hostile file fails with <see cref="InvalidDataException"/>.
/// </remarks>
public static class OnnxImporter
{
    private const string MemorySource = "<memory>";

    // A forged model can produce one mismatch per node or initializer; the message shows this many and says how many
    // more there are, while the exception's Data keeps them all.
    private const int MaxListedMismatches = 100;

    /// <summary>
    /// Key of <see cref="Exception.Data"/> under which a mismatch's <see cref="InvalidDataException"/> holds every
    /// mismatch found, one sentence each, as a <see cref="string"/> array (absent when the bytes were malformed).
    /// </summary>
    public const string MismatchesKey = "OnnxImporter.Mismatches";

    /// <summary>Reads the ONNX model at <paramref name="path"/> and loads its weights into <paramref name="network"/>.</summary>
    /// <param name="network">The network whose parameters and buffers receive the model's initializers.</param>
    /// <param name="path">The .onnx file; messages name it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or white space.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not a well-formed ModelProto, or it does not match the network; the message names the file and
    /// lists every mismatch (also in <see cref="Exception.Data"/>[<see cref="MismatchesKey"/>] as a string array).
    /// The network is unchanged.
    /// </exception>
    /// <exception cref="NotSupportedException">The network has a layer the ONNX export does not support.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static void Load(INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] model = File.ReadAllBytes(path);
        LoadFrom(network, model, path);
    }

    /// <summary>Loads the weights of a serialized ONNX model into <paramref name="network"/>; messages call the source <c>&lt;memory&gt;</c>.</summary>
    /// <param name="network">The network whose parameters and buffers receive the model's initializers.</param>
    /// <param name="model">The ModelProto's bytes.</param>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="InvalidDataException">
    /// The bytes are not a well-formed ModelProto, or they do not match the network; the message names the source
    /// <c>&lt;memory&gt;</c> and lists every mismatch (also in <see cref="Exception.Data"/>[<see cref="MismatchesKey"/>]).
    /// The network is unchanged.
    /// </exception>
    /// <exception cref="NotSupportedException">The network has a layer the ONNX export does not support.</exception>
    public static void Load(INetwork network, ReadOnlySpan<byte> model)
    {
        ArgumentNullException.ThrowIfNull(network);
        LoadFrom(network, model, MemorySource);
    }

    private static void LoadFrom(INetwork network, ReadOnlySpan<byte> data, string source)
    {
        OnnxModelDescription expected = OnnxGraphBuilder.Describe(network);
        ParsedModel model;
        try
        {
            model = OnnxModelReader.Read(data);
        }
        catch (ProtoFormatException exception)
        {
            throw new InvalidDataException($"ONNX model '{source}' is not a well-formed ModelProto: {exception.Message}", exception);
        }

        var mismatches = new List<string>();
        var weights = new OnnxModelComparer(expected, model, data, mismatches).Compare();
        if (mismatches.Count > 0)
        {
            throw MismatchException(source, network.GetType().Name, mismatches);
        }

        // Validated: every slot lies inside its span (the export built it from the network) and every tensor holds
        // exactly the slot's length of floats.
        Span<float> parameters = network.Parameters;
        Span<float> buffers = network.Buffers;
        foreach (var (tensor, slot) in weights)
        {
            Span<float> destination = (slot.IsBuffer ? buffers : parameters).Slice(slot.Offset, slot.Length);
            if (tensor.RawData is { } raw)
            {
                var bytes = data.Slice(raw.Offset, raw.Length);
                for (int i = 0; i < destination.Length; i++)
                {
                    destination[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.Slice(i * sizeof(float)));
                }
            }
            else
            {
                int written = 0;
                foreach (var (offset, count) in tensor.FloatRuns)
                {
                    for (int i = 0; i < count; i++)
                    {
                        destination[written++] = BinaryPrimitives.ReadSingleLittleEndian(data.Slice(offset + i * sizeof(float)));
                    }
                }
            }
        }
    }

    private static InvalidDataException MismatchException(string source, string networkName, List<string> mismatches)
    {
        var text = new StringBuilder();
        text.Append("ONNX model '").Append(source).Append("' does not match ").Append(networkName)
            .Append(" (").Append(mismatches.Count).Append(mismatches.Count == 1 ? " mismatch):" : " mismatches):");
        for (int i = 0; i < mismatches.Count && i < MaxListedMismatches; i++)
        {
            text.AppendLine().Append("  ").Append(mismatches[i]);
        }
        if (mismatches.Count > MaxListedMismatches)
        {
            text.AppendLine().Append("  ... and ").Append(mismatches.Count - MaxListedMismatches).Append(" more");
        }
        var exception = new InvalidDataException(text.ToString());
        exception.Data[MismatchesKey] = mismatches.ToArray();
        return exception;
    }
}

/// <summary>
/// Compares a parsed model with the export of the target network, collecting every difference as one sentence, and
/// pairs each weight initializer with where it goes.
/// </summary>
internal ref struct OnnxModelComparer
{
    private const string DefaultDomain = "";
    private const string DefaultDomainAlias = "ai.onnx";

    private readonly OnnxModelDescription _expected;
    private readonly ParsedModel _model;
    private readonly ReadOnlySpan<byte> _data;
    private readonly List<string> _mismatches;

    public OnnxModelComparer(OnnxModelDescription expected, ParsedModel model, ReadOnlySpan<byte> data, List<string> mismatches)
    {
        _expected = expected;
        _model = model;
        _data = data;
        _mismatches = mismatches;
    }

    /// <summary>Records mismatches; returns the weight initializers to copy (meaningful only without mismatches).</summary>
    public List<(ParsedTensor Tensor, OnnxWeightSlot Slot)> Compare()
    {
        var weights = new List<(ParsedTensor, OnnxWeightSlot)>();
        if (_model.GraphCount != 1 || _model.Graph is null)
        {
            _mismatches.Add(_model.GraphCount == 0 ? "the model has no graph" : $"the model has {_model.GraphCount} graph fields, expected one");
            return weights;
        }
        CompareOpset();
        ParsedGraph graph = _model.Graph;
        var initializerNames = new HashSet<string>(graph.Initializers.Select(t => t.Name), StringComparer.Ordinal);
        var renames = new Dictionary<string, string>(StringComparer.Ordinal);
        CompareValues("input", _expected.Input, graph.Inputs.Where(v => !initializerNames.Contains(v.Name)).ToList(), renames);
        CompareNodes(graph.Nodes, renames);
        CompareValues("output", _expected.Output, graph.Outputs, renames: null);
        CompareInitializers(graph, weights);
        return weights;
    }

    private void CompareOpset()
    {
        var versions = _model.Opsets.Where(o => o.Domain is DefaultDomain or DefaultDomainAlias).Select(o => o.Version).ToList();
        if (versions.Count != 1 || versions[0] != OnnxModelSerializer.OpsetVersion)
        {
            string found = versions.Count == 0 ? "none" : string.Join(", ", versions);
            _mismatches.Add($"opset: expected default-domain opset {OnnxModelSerializer.OpsetVersion}, found {found}");
        }
    }

    // Graph inputs (other than initializers, which older exporters list as inputs) or outputs: exactly the one the
    // export declares, FLOAT, with a batch dimension of any size or symbol followed by the network's fixed dims.
    // Renames maps the model's input name to the export's, so the nodes' wiring can be compared.
    private void CompareValues(string role, OnnxModelSerializer.ValueInfo expected, List<ParsedValueInfo> found, Dictionary<string, string>? renames)
    {
        if (found.Count != 1)
        {
            _mismatches.Add($"graph {role}s: expected one, '{expected.Name}', found {found.Count}" +
                (found.Count == 0 ? "" : $" ({string.Join(", ", found.Select(v => $"'{v.Name}'"))})"));
            return;
        }
        ParsedValueInfo value = found[0];
        if (value.Name != expected.Name)
        {
            _mismatches.Add($"graph {role}: expected name '{expected.Name}', found '{value.Name}'");
        }
        renames?.TryAdd(value.Name, expected.Name);
        if (!value.IsTensor || value.ElementType != (long)OnnxDataType.Float)
        {
            _mismatches.Add($"graph {role} '{value.Name}': expected a FLOAT tensor, found {(value.IsTensor ? $"element type {value.ElementType}" : "another type")}");
        }
        string expectedShape = "[N, " + string.Join(", ", expected.DimsAfterBatch) + "]";
        bool matches = value.HasShape && value.Dims.Count == expected.DimsAfterBatch.Count + 1 && (value.Dims[0].Size is null or > 0);
        for (int i = 0; matches && i < expected.DimsAfterBatch.Count; i++)
        {
            matches = value.Dims[i + 1].Size == expected.DimsAfterBatch[i];
        }
        if (!matches)
        {
            string foundShape = value.HasShape
                ? "[" + string.Join(", ", value.Dims.Select(d => d.Size?.ToString(CultureInfo.InvariantCulture) ?? d.Symbol ?? "?")) + "]"
                : "no shape";
            _mismatches.Add($"graph {role} '{value.Name}': expected shape {expectedShape}, found {foundShape}");
        }
    }

    private void CompareNodes(List<ParsedNode> found, Dictionary<string, string> renames)
    {
        IReadOnlyList<OnnxNode> expected = _expected.Graph.Nodes;
        int common = Math.Min(expected.Count, found.Count);
        for (int i = 0; i < common; i++)
        {
            CompareNode(i, expected[i], found[i], renames);
        }
        for (int i = common; i < expected.Count; i++)
        {
            _mismatches.Add($"node {i}: missing, expected {expected[i].OpType} '{expected[i].Name}'");
        }
        for (int i = common; i < found.Count; i++)
        {
            _mismatches.Add($"node {i}: unexpected {found[i].OpType} '{found[i].Name}'");
        }
    }

    private void CompareNode(int index, OnnxNode expected, ParsedNode found, Dictionary<string, string> renames)
    {
        if (found.OpType != expected.OpType || found.Domain is not (DefaultDomain or DefaultDomainAlias))
        {
            string domain = found.Domain.Length == 0 ? "" : found.Domain + ".";
            _mismatches.Add($"node {index}: expected {expected.OpType} '{expected.Name}', found {domain}{found.OpType} '{found.Name}'");
            return;
        }
        string label = $"node {index} ({expected.Name})";

        // Wiring: the model's tensor names, translated to the export's where the model chose others.
        var inputs = found.Inputs.Select(name => renames.TryGetValue(name, out var renamed) ? renamed : name).ToList();
        if (!inputs.SequenceEqual(expected.Inputs, StringComparer.Ordinal))
        {
            _mismatches.Add($"{label}: expected {expected.OpType} inputs [{string.Join(", ", expected.Inputs)}], found [{string.Join(", ", inputs)}]");
        }
        if (found.Outputs.Count != 1)
        {
            _mismatches.Add($"{label}: expected one output, found {found.Outputs.Count}");
        }
        else if (!renames.TryAdd(found.Outputs[0], expected.Output) && renames[found.Outputs[0]] != expected.Output)
        {
            _mismatches.Add($"{label}: output '{found.Outputs[0]}' is already produced earlier in the graph");
        }

        foreach (OnnxAttribute attribute in expected.Attributes)
        {
            var matching = found.Attributes.Where(a => a.Name == attribute.Name).ToList();
            if (matching.Count == 0)
            {
                _mismatches.Add($"{label}: expected {expected.OpType} {attribute.Name} {Format(attribute)}, found none");
            }
            else if (matching.Count > 1)
            {
                _mismatches.Add($"{label}: attribute {attribute.Name} appears {matching.Count} times");
            }
            else if (DescribeIfDifferent(attribute, matching[0]) is { } foundValue)
            {
                _mismatches.Add($"{label}: expected {expected.OpType} {attribute.Name} {Format(attribute)}, found {foundValue}");
            }
        }
        foreach (ParsedAttribute attribute in found.Attributes)
        {
            if (!expected.Attributes.Any(a => a.Name == attribute.Name))
            {
                _mismatches.Add($"{label}: unexpected attribute {attribute.Name}");
            }
        }
    }

    // Null when the attribute holds exactly the expected value (and nothing else); otherwise what it holds.
    private static string? DescribeIfDifferent(OnnxAttribute expected, ParsedAttribute found)
    {
        bool typeMatches = found.Type is null || found.Type == (long)expected.Type;
        bool onlyPayload = found.OtherPayloads == 0 && expected.Type switch
        {
            OnnxAttributeType.Int => found.Float is null && found.Ints.Count == 0,
            OnnxAttributeType.Float => found.Int is null && found.Ints.Count == 0,
            _ => found.Int is null && found.Float is null,
        };
        bool valueMatches = expected.Type switch
        {
            OnnxAttributeType.Int => found.Int == expected.Integer,
            // Bitwise: the export writes the layer's float as is, so a faithful model reads back the same bits.
            OnnxAttributeType.Float => found.Float is { } f && BitConverter.SingleToInt32Bits(f) == BitConverter.SingleToInt32Bits(expected.Real),
            _ => found.Ints.SequenceEqual(expected.Integers),
        };
        if (typeMatches && onlyPayload && valueMatches)
        {
            return null;
        }
        var parts = new List<string>();
        if (found.Int is { } i)
        {
            parts.Add(i.ToString(CultureInfo.InvariantCulture));
        }
        if (found.Float is { } real)
        {
            parts.Add(real.ToString("R", CultureInfo.InvariantCulture));
        }
        if (found.Ints.Count > 0)
        {
            parts.Add("[" + string.Join(", ", found.Ints) + "]");
        }
        if (found.OtherPayloads > 0)
        {
            parts.Add("a payload of another kind");
        }
        if (!typeMatches)
        {
            parts.Add($"(attribute type {found.Type})");
        }
        return parts.Count == 0 ? "no value" : string.Join(" ", parts);
    }

    private static string Format(OnnxAttribute attribute) => attribute.Type switch
    {
        OnnxAttributeType.Int => attribute.Integer.ToString(CultureInfo.InvariantCulture),
        OnnxAttributeType.Float => attribute.Real.ToString("R", CultureInfo.InvariantCulture),
        _ => "[" + string.Join(", ", attribute.Integers) + "]",
    };

    private void CompareInitializers(ParsedGraph graph, List<(ParsedTensor, OnnxWeightSlot)> weights)
    {
        var byName = new Dictionary<string, List<ParsedTensor>>(StringComparer.Ordinal);
        foreach (ParsedTensor tensor in graph.Initializers)
        {
            if (!byName.TryGetValue(tensor.Name, out var sameName))
            {
                byName[tensor.Name] = sameName = new List<ParsedTensor>();
            }
            sameName.Add(tensor);
        }
        var expectedNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (OnnxInitializer expected in _expected.Graph.Initializers)
        {
            expectedNames.Add(expected.Name);
            if (!byName.TryGetValue(expected.Name, out var found))
            {
                _mismatches.Add($"missing initializer {expected.Name}");
                continue;
            }
            if (found.Count > 1)
            {
                _mismatches.Add($"initializer {expected.Name} appears {found.Count} times");
                continue;
            }
            if (CompareInitializer(expected, found[0]) && expected.Slot is { } slot)
            {
                weights.Add((found[0], slot));
            }
        }
        foreach (ParsedTensor tensor in graph.Initializers)
        {
            if (!expectedNames.Contains(tensor.Name))
            {
                _mismatches.Add($"unexpected initializer {tensor.Name}");
            }
        }
        if (graph.SparseInitializerCount > 0)
        {
            _mismatches.Add($"the graph has {graph.SparseInitializerCount} sparse initializers, which the export never writes");
        }
    }

    // True when the tensor has the expected type, dims and exactly that many values.
    private bool CompareInitializer(OnnxInitializer expected, ParsedTensor found)
    {
        string label = $"initializer {expected.Name}";
        int before = _mismatches.Count;
        if (found.DataType != (long)expected.DataType)
        {
            _mismatches.Add($"{label}: data type {TypeName(found.DataType)} in the model, {TypeName((long)expected.DataType)} in the network");
        }
        if (!found.Dims.SequenceEqual(expected.Dims))
        {
            _mismatches.Add($"{label}: dims [{string.Join(", ", found.Dims)}] in the model, [{string.Join(", ", expected.Dims)}] in the network");
        }
        if (_mismatches.Count > before)
        {
            return false;
        }
        if (found.DataLocation != 0 || found.OtherPayloads > 0)
        {
            _mismatches.Add($"{label}: its data is stored externally or in fields other than raw_data, float_data and int64_data, which this importer does not read");
            return false;
        }

        int elementSize = expected.DataType == OnnxDataType.Float ? sizeof(float) : sizeof(long);
        long count = expected.RawData.Length / elementSize;
        long typedCount = expected.DataType == OnnxDataType.Float ? found.FloatCount : found.Int64Data.Count;
        string typedField = expected.DataType == OnnxDataType.Float ? "float_data" : "int64_data";
        if (found.RawData is { } raw)
        {
            if (typedCount > 0)
            {
                _mismatches.Add($"{label}: holds both raw_data and {typedField}");
                return false;
            }
            if (raw.Length != expected.RawData.Length)
            {
                _mismatches.Add($"{label}: raw_data holds {raw.Length} bytes, {expected.RawData.Length} expected ({count} values)");
                return false;
            }
        }
        else if (typedCount != count)
        {
            _mismatches.Add($"{label}: {typedField} holds {typedCount} values, {count} expected");
            return false;
        }

        // An INT64 initializer is part of the architecture (Reshape's target shape): its values must match too.
        if (expected.DataType == OnnxDataType.Int64)
        {
            var values = new long[count];
            for (int i = 0; i < count; i++)
            {
                values[i] = found.RawData is { } bytes
                    ? BinaryPrimitives.ReadInt64LittleEndian(_data.Slice(bytes.Offset + i * sizeof(long)))
                    : found.Int64Data[i];
            }
            var wanted = new long[count];
            for (int i = 0; i < count; i++)
            {
                wanted[i] = BinaryPrimitives.ReadInt64LittleEndian(expected.RawData.AsSpan(i * sizeof(long)));
            }
            if (!values.AsSpan().SequenceEqual(wanted))
            {
                _mismatches.Add($"{label}: values [{string.Join(", ", values)}] in the model, [{string.Join(", ", wanted)}] in the network");
                return false;
            }
        }
        return true;
    }

    private static string TypeName(long dataType) => dataType switch
    {
        (long)OnnxDataType.Float => "FLOAT",
        (long)OnnxDataType.Int64 => "INT64",
        _ => dataType.ToString(CultureInfo.InvariantCulture),
    };
}
