using System;
using System.Collections.Generic;

namespace StaticNets.Onnx;

/// <summary>
/// Translates a network's <see cref="INetwork.Layers"/> into ONNX nodes, one layer at a time, tracking the name
/// and rank of the tensor flowing between them: rank 4 (N, C, H, W) until a fully connected layer flattens it to
/// rank 2 (N, F).
/// </summary>
internal sealed class OnnxGraphBuilder
{
    private const string InputName = "input";
    private const string OutputName = "output";

    private readonly INetwork _network;
    private readonly OnnxGraph _graph = new();
    private string _current = InputName;
    private bool _isImage;

    private OnnxGraphBuilder(INetwork network)
    {
        _network = network;
    }

    public static byte[] Build(INetwork network, OnnxFloatEncoding encoding = OnnxFloatEncoding.RawData)
    {
        var model = Describe(network);
        return OnnxModelSerializer.Serialize(model.Graph, model.GraphName, model.Input, model.Output, encoding);
    }

    /// <summary>The model the export writes for <paramref name="network"/>, before serialization: the importer's reference.</summary>
    public static OnnxModelDescription Describe(INetwork network)
    {
        var builder = new OnnxGraphBuilder(network);
        return builder.Run();
    }

    private OnnxModelDescription Run()
    {
        var layers = _network.Layers;
        if (layers.Count == 0)
        {
            throw new NotSupportedException("The network has no layers to export.");
        }
        TensorShape inputShape = layers[0].Input;
        // A 1x1 input is a feature vector unless a spatial layer reads it directly.
        _isImage = inputShape.Height != 1 || inputShape.Width != 1 || IsSpatial(layers[0].Operation);
        long[] inputDims = _isImage
            ? new long[] { inputShape.Channels, inputShape.Height, inputShape.Width }
            : new long[] { inputShape.Length };

        foreach (var layer in layers)
        {
            AddLayer(layer);
        }
        FlattenIfImage(OutputName);
        if (_current == InputName)
        {
            _graph.AddNode("Identity", OutputName, OutputName, new[] { _current });
        }
        else
        {
            _graph.RenameLastOutput(OutputName);
        }

        var input = new OnnxModelSerializer.ValueInfo(InputName, inputDims);
        var output = new OnnxModelSerializer.ValueInfo(OutputName, new long[] { _network.OutputLength });
        return new OnnxModelDescription(_graph, _network.GetType().Name, input, output);
    }

    private static bool IsSpatial(LayerOperation operation) =>
        operation is LayerOperation.Convolution or LayerOperation.MaxPool or LayerOperation.AvgPool;

    private void AddLayer(LayerInfo layer)
    {
        if (IsSpatial(layer.Operation) && !_isImage)
        {
            throw Unsupported(layer, "it reads a flat feature vector, and the export keeps spatial layers on N x C x H x W tensors");
        }
        switch (layer.Operation)
        {
            case LayerOperation.Convolution:
                AddConvolution(layer);
                break;
            case LayerOperation.MaxPool:
            case LayerOperation.AvgPool:
                Then(layer.Operation == LayerOperation.MaxPool ? "MaxPool" : "AveragePool", layer, Array.Empty<string>(),
                    OnnxAttribute.Ints("kernel_shape", layer.KernelSize, layer.KernelSize),
                    OnnxAttribute.Ints("strides", layer.Stride, layer.Stride));
                break;
            case LayerOperation.FullyConnected:
                AddGemm(layer, layer.Output.Length, layer.Name);
                break;
            case LayerOperation.Maxout:
                AddMaxout(layer);
                break;
            case LayerOperation.Relu:
                Then("Relu", layer, Array.Empty<string>());
                break;
            case LayerOperation.LeakyRelu:
                Then("LeakyRelu", layer, Array.Empty<string>(), OnnxAttribute.Float("alpha", layer.Alpha));
                break;
            case LayerOperation.Elu:
                Then("Elu", layer, Array.Empty<string>(), OnnxAttribute.Float("alpha", layer.Alpha));
                break;
            case LayerOperation.Sigmoid:
                Then("Sigmoid", layer, Array.Empty<string>());
                break;
            case LayerOperation.Tanh:
                Then("Tanh", layer, Array.Empty<string>());
                break;
            case LayerOperation.Softplus:
                Then("Softplus", layer, Array.Empty<string>());
                break;
            case LayerOperation.Prelu:
                AddPrelu(layer);
                break;
            case LayerOperation.BatchNorm:
                AddBatchNorm(layer);
                break;
            case LayerOperation.Dropout:
                // Identity at inference, which is all Forward computes.
                break;
            case LayerOperation.SoftmaxLoss:
                FlattenIfImage(layer.Name);
                Then("Softmax", layer, Array.Empty<string>(), OnnxAttribute.Int("axis", 1));
                break;
            case LayerOperation.SvmLoss:
            case LayerOperation.SquaredErrorLoss:
                // Forward returns the scores or predictions themselves.
                break;
            default:
                throw Unsupported(layer, "ONNX export does not know this operation");
        }
    }

    private void AddConvolution(LayerInfo layer)
    {
        int outChannels = layer.Output.Channels;
        string weight = Parameter(layer, layer.WeightOffset, ".weight", outChannels, layer.Input.Channels, layer.KernelSize, layer.KernelSize);
        string bias = Parameter(layer, layer.BiasOffset, ".bias", outChannels);
        Then("Conv", layer, new[] { weight, bias },
            OnnxAttribute.Ints("kernel_shape", layer.KernelSize, layer.KernelSize),
            OnnxAttribute.Ints("strides", layer.Stride, layer.Stride),
            OnnxAttribute.Ints("pads", layer.Padding, layer.Padding, layer.Padding, layer.Padding));
    }

    private void AddGemm(LayerInfo layer, int outputs, string output)
    {
        FlattenIfImage(layer.Name);
        string weight = Parameter(layer, layer.WeightOffset, ".weight", outputs, layer.Input.Length);
        string bias = Parameter(layer, layer.BiasOffset, ".bias", outputs);
        _current = _graph.AddNode("Gemm", output, output, new[] { _current, weight, bias }, OnnxAttribute.Int("transB", 1));
    }

    // The FC part computes units * pieces values with each unit's pieces contiguous, so a reshape to
    // (N, units, pieces) and a max over the last axis give the units.
    private void AddMaxout(LayerInfo layer)
    {
        int units = layer.Output.Length;
        int pieces = layer.Pieces;
        if (pieces < 1)
        {
            throw Unsupported(layer, "its piece count is not positive");
        }
        AddGemm(layer, units * pieces, layer.Name + ".affine");
        string shape = _graph.AddInt64s(layer.Name + ".shape", 0, units, pieces);
        string grouped = layer.Name + ".grouped";
        _current = _graph.AddNode("Reshape", grouped, grouped, new[] { _current, shape });
        _current = _graph.AddNode("ReduceMax", layer.Name, layer.Name, new[] { _current },
            OnnxAttribute.Ints("axes", 2), OnnxAttribute.Int("keepdims", 0));
    }

    // One slope per channel (image) or feature (vector); [C, 1, 1] broadcasts over N x C x H x W.
    private void AddPrelu(LayerInfo layer)
    {
        int channels = Channels(layer);
        string slope = _isImage
            ? Parameter(layer, layer.WeightOffset, ".weight", channels, 1, 1)
            : Parameter(layer, layer.WeightOffset, ".weight", channels);
        Then("PRelu", layer, new[] { slope });
    }

    private void AddBatchNorm(LayerInfo layer)
    {
        int channels = Channels(layer);
        string scale = Parameter(layer, layer.WeightOffset, ".weight", channels);
        string shift = Parameter(layer, layer.BiasOffset, ".bias", channels);
        string mean = Buffer(layer, layer.BufferOffset, ".running_mean", channels);
        string variance = Buffer(layer, layer.BufferOffset + channels, ".running_var", channels);
        Then("BatchNormalization", layer, new[] { scale, shift, mean, variance }, OnnxAttribute.Float("epsilon", layer.Epsilon));
    }

    private int Channels(LayerInfo layer) => _isImage ? layer.Input.Channels : layer.Input.Length;

    private void FlattenIfImage(string layerName)
    {
        if (_isImage)
        {
            string name = layerName + ".flatten";
            _current = _graph.AddNode("Flatten", name, name, new[] { _current }, OnnxAttribute.Int("axis", 1));
            _isImage = false;
        }
    }

    // The layer's node reads the current tensor plus extra inputs and becomes the current tensor.
    private void Then(string opType, LayerInfo layer, IReadOnlyList<string> extraInputs, params OnnxAttribute[] attributes)
    {
        var inputs = new List<string>(extraInputs.Count + 1) { _current };
        inputs.AddRange(extraInputs);
        _current = _graph.AddNode(opType, layer.Name, layer.Name, inputs, attributes);
    }

    // Shapes come from the layer table; names from ParameterTensors (matched by offset) so they are the
    // state_dict names a PyTorch user would look for.
    private string Parameter(LayerInfo layer, int offset, string suffix, params long[] dims) =>
        Constant(layer, offset, suffix, dims, _network.Parameters, _network.ParameterTensors, isBuffer: false);

    private string Buffer(LayerInfo layer, int offset, string suffix, params long[] dims) =>
        Constant(layer, offset, suffix, dims, _network.Buffers, _network.BufferTensors, isBuffer: true);

    private string Constant(LayerInfo layer, int offset, string suffix, long[] dims, ReadOnlySpan<float> values, IReadOnlyList<ParameterTensor> tensors, bool isBuffer)
    {
        string what = isBuffer ? "buffers" : "parameters";
        long length = 1;
        foreach (long dim in dims)
        {
            length *= dim;
        }
        if (offset < 0 || offset + length > values.Length)
        {
            throw Unsupported(layer, $"its {suffix.TrimStart('.')} needs {length} {what} at offset {offset}, but the network has {values.Length}");
        }
        string name = layer.Name + suffix;
        foreach (var tensor in tensors)
        {
            if (tensor.Offset == offset && tensor.Name.EndsWith(suffix, StringComparison.Ordinal))
            {
                name = tensor.Name;
                break;
            }
        }
        return _graph.AddFloats(name, values.Slice(offset, (int)length), new OnnxWeightSlot(isBuffer, offset, (int)length), dims);
    }

    private static NotSupportedException Unsupported(LayerInfo layer, string reason) =>
        new($"Layer '{layer.Name}' ({layer.Operation}) cannot be exported to ONNX: {reason}.");
}

/// <summary>Everything the export serializes: the graph, its name, and the declared input and output.</summary>
internal sealed record OnnxModelDescription(OnnxGraph Graph, string GraphName, OnnxModelSerializer.ValueInfo Input, OnnxModelSerializer.ValueInfo Output);

/// <summary>How FLOAT initializers are stored: the export uses raw_data; float_data exists so the importer's tests can read both.</summary>
internal enum OnnxFloatEncoding
{
    /// <summary>TensorProto.raw_data, little-endian bytes.</summary>
    RawData,

    /// <summary>TensorProto.float_data, packed fixed32 values.</summary>
    FloatData,

    /// <summary>TensorProto.float_data, one fixed32 field per value (how a proto2 writer without packing emits it).</summary>
    FloatDataUnpacked,
}
