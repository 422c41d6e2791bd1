using System;
using System.IO;
using System.Linq;
using System.Text;
using Microsoft.ML.OnnxRuntime;
using StaticNets.Onnx;
using StaticNets.Runtime.Tests.Networks;
using Xunit.Abstractions;

namespace StaticNets.Runtime.Tests.Onnx;

public sealed class OnnxExporterTests(ITestOutputHelper output)
{
    private const float Tolerance = 1e-4f;

    [Theory]
    [InlineData("lenet5", 3)]
    [InlineData("mlp2", 3)]
    [InlineData("cifar", 2)]
    [InlineData("normalized-conv", 3)]
    [InlineData("saturating-svm", 3)]
    [InlineData("conv-regressor", 3)]
    [InlineData("flat-normalized", 3)]
    [InlineData("maxout-dropout", 3)]
    [InlineData("conv-prelu", 3)]
    public void OnnxRuntimeReproducesForward(string networkName, int batch)
    {
        INetwork network = Create(networkName, batch);
        float[] input = NetworkData.Uniform(batch * network.InputLength, seed: 11);
        var expected = new float[batch * network.OutputLength];
        network.Forward(input, expected, batch);

        float[] actual = OnnxRuntimeRunner.Run(OnnxExporter.Export(network), input, batch);

        float difference = OnnxRuntimeRunner.MaxAbsoluteDifference(expected, actual);
        float spread = expected.Max() - expected.Min();
        output.WriteLine($"{networkName}: max |Forward - ONNX Runtime| = {difference:E2} over {expected.Length} outputs spanning {spread:E2}");
        Assert.True(difference < Tolerance, $"{networkName}: max difference {difference} is not below {Tolerance}.");
    }

    // The comparison above could pass by luck if an operator's output barely depended on some tensor (softmax
    // squashes differences). Here each parameter and statistics tensor in turn is changed after export: Forward must
    // then leave the old model's answer by far more than the tolerance, and a fresh export must follow it again.
    [Theory]
    [InlineData("normalized-conv")]
    [InlineData("conv-prelu")]
    [InlineData("flat-normalized")]
    [InlineData("saturating-svm")]
    public void EveryExportedTensorChangesTheOutput(string networkName)
    {
        const int batch = 3;
        INetwork network = Create(networkName, batch);
        float[] input = NetworkData.Uniform(batch * network.InputLength, seed: 13);
        var tensors = network.ParameterTensors.Select(t => (Tensor: t, IsBuffer: false))
            .Concat(network.BufferTensors.Select(t => (Tensor: t, IsBuffer: true)));
        float[] before = OnnxRuntimeRunner.Run(OnnxExporter.Export(network), input, batch);
        foreach (var (tensor, isBuffer) in tensors)
        {
            int length = LengthOf(network, tensor, isBuffer);
            Span<float> values = (isBuffer ? network.Buffers : network.Parameters).Slice(tensor.Offset, length);
            float[] original = values.ToArray();
            for (int i = 0; i < values.Length; i++)
            {
                // Scaling by a positive factor keeps a variance positive; the added ramp moves zeros (fresh biases)
                // and differs per element, since one shift for all of a softmax's scores would change nothing.
                values[i] = 1.5f * values[i] + 0.1f * (i % 5 + 1);
            }
            var expected = new float[batch * network.OutputLength];
            network.Forward(input, expected, batch);

            float moved = OnnxRuntimeRunner.MaxAbsoluteDifference(expected, before);
            float difference = OnnxRuntimeRunner.MaxAbsoluteDifference(expected, OnnxRuntimeRunner.Run(OnnxExporter.Export(network), input, batch));
            output.WriteLine($"{networkName} {tensor.Name}: output moved {moved:E2}, export differs {difference:E2}");
            Assert.True(moved > 10 * Tolerance, $"{tensor.Name}: changing it moved the output only {moved}.");
            Assert.True(difference < Tolerance, $"{tensor.Name}: after the change the export differs by {difference}.");
            // One tensor at a time: changes piling up would saturate the softmax and hide the later ones.
            original.CopyTo(values);
        }
    }

    // ParameterTensor shapes of PRELU, BN and MAXOUT weights are not their lengths (see the report), so the length
    // is the distance to the next tensor.
    private static int LengthOf(INetwork network, ParameterTensor tensor, bool isBuffer)
    {
        var all = isBuffer ? network.BufferTensors : network.ParameterTensors;
        int end = isBuffer ? network.Buffers.Length : network.Parameters.Length;
        foreach (var other in all)
        {
            if (other.Offset > tensor.Offset && other.Offset < end)
            {
                end = other.Offset;
            }
        }
        return end - tensor.Offset;
    }

    [Fact]
    public void ExportedModelDeclaresNamedInputOutputWithSymbolicBatch()
    {
        var network = new LeNet5(1);
        network.InitializeParameters(seed: 1);
        byte[] model = OnnxExporter.Export(network);
        using var session = new InferenceSession(model);

        var input = session.InputMetadata["input"];
        Assert.Equal(new[] { -1, 1, 28, 28 }, input.Dimensions);
        Assert.Equal("N", input.SymbolicDimensions[0]);
        var outputInfo = session.OutputMetadata["output"];
        Assert.Equal(new[] { -1, 10 }, outputInfo.Dimensions);
        Assert.Equal("N", outputInfo.SymbolicDimensions[0]);
        Assert.Equal("StaticNets", session.ModelMetadata.ProducerName);
        // ModelProto field 1 (ir_version) as a varint, first: tag 0x08, value 8.
        Assert.Equal(new byte[] { 0x08, 0x08 }, model[..2]);
    }

    [Fact]
    public void FlatInputIsDeclaredAsFeatureVector()
    {
        var network = new TinyMlp(1);
        network.InitializeParameters(seed: 1);
        using var session = new InferenceSession(OnnxExporter.Export(network));

        Assert.Equal(new[] { -1, 9 }, session.InputMetadata["input"].Dimensions);
    }

    [Fact]
    public void InitializersCarryStateDictNames()
    {
        INetwork network = new ConvRegressor(1);
        network.InitializeParameters(seed: 1);
        string text = Encoding.UTF8.GetString(OnnxExporter.Export(network));

        foreach (var tensor in network.ParameterTensors.Concat(network.BufferTensors))
        {
            Assert.Contains(tensor.Name, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void SaveWritesModelThatLoadsAndLeavesNoTemporaryFile()
    {
        INetwork network = new NormalizedConvNet(2);
        network.InitializeParameters(seed: 5);
        string directory = Path.Combine(Path.GetTempPath(), "staticnets-onnx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        try
        {
            string path = Path.Combine(directory, "model.onnx");
            File.WriteAllText(path, "an older file that Save must replace");

            OnnxExporter.Save(network, path);

            Assert.Equal(new[] { path }, Directory.GetFiles(directory));
            float[] input = NetworkData.Uniform(2 * network.InputLength, seed: 3);
            var expected = new float[2 * network.OutputLength];
            network.Forward(input, expected, 2);
            using var session = new InferenceSession(path);
            float difference = OnnxRuntimeRunner.MaxAbsoluteDifference(expected, OnnxRuntimeRunner.Run(session, input, 2));
            Assert.True(difference < Tolerance, $"max difference {difference} is not below {Tolerance}.");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void LayerWithoutOnnxFormThrowsNotSupportedNamingIt()
    {
        var network = new FakeNetwork(
            new LayerInfo("fc1", LayerOperation.FullyConnected, new TensorShape(4, 1, 1), new TensorShape(9, 1, 1), 0, 0, 0, 0, 36),
            new LayerInfo("conv7", LayerOperation.Convolution, new TensorShape(9, 1, 1), new TensorShape(2, 1, 1), 1, 1, 0, 45, 63),
            new LayerInfo("svm", LayerOperation.SvmLoss, new TensorShape(2, 1, 1), new TensorShape(2, 1, 1), 0, 0, 0, -1, -1));

        var exception = Assert.Throws<NotSupportedException>(() => OnnxExporter.Export(network));

        Assert.Contains("conv7", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOperationThrowsNotSupportedNamingLayer()
    {
        var network = new FakeNetwork(
            new LayerInfo("mystery1", (LayerOperation)1000, new TensorShape(4, 1, 1), new TensorShape(4, 1, 1), 0, 0, 0, -1, -1));

        var exception = Assert.Throws<NotSupportedException>(() => OnnxExporter.Export(network));

        Assert.Contains("mystery1", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NullNetworkOrBlankPathIsRejected()
    {
        var network = new TinyMlp(1);
        Assert.Throws<ArgumentNullException>(() => OnnxExporter.Export(null!));
        Assert.Throws<ArgumentException>(() => OnnxExporter.Save(network, " "));
    }

    private static INetwork Create(string name, int batch)
    {
        switch (name)
        {
            case "lenet5": return Initialized(new LeNet5(batch));
            case "mlp2": return Initialized(new Mlp2(batch));
            case "cifar": return Initialized(new Cifar(batch));
            case "normalized-conv": return TrainedClassifier(new NormalizedConvNet(batch), batch);
            case "saturating-svm": return TrainedClassifier(new SaturatingSvmNet(batch), batch);
            case "flat-normalized": return TrainedClassifier(new FlatNormalizedNet(batch), batch);
            case "maxout-dropout": return TrainedClassifier(new MaxoutDropoutNet(batch), batch);
            case "conv-prelu": return TrainedClassifier(new ConvPreluNet(batch), batch);
            case "conv-regressor": return TrainedRegressor(new ConvRegressor(batch), batch);
            default: throw new ArgumentException($"Unknown test network '{name}'.", nameof(name));
        }
    }

    private static INetwork Initialized(INetwork network)
    {
        network.InitializeParameters(seed: 7);
        return network;
    }

    // A few SGD steps move batch norm's running statistics, scales and shifts (and PReLU's slopes) away from
    // their initial values, so the export is checked on values that can tell the inputs of each operator apart.
    private const int TrainingSteps = 5;
    private const float LearningRate = 0.05f;

    private static INetwork TrainedClassifier(IClassifier network, int batch)
    {
        network.InitializeParameters(seed: 7);
        for (int step = 0; step < TrainingSteps; step++)
        {
            float[] input = NetworkData.Uniform(batch * network.InputLength, seed: 100 + step);
            int[] labels = NetworkData.Labels(batch, network.OutputLength, seed: 200 + step);
            network.ForwardBackward(input, labels, batch);
            Descend(network);
        }
        AssertStatisticsMoved(network);
        return network;
    }

    private static INetwork TrainedRegressor(IRegressor network, int batch)
    {
        network.InitializeParameters(seed: 7);
        for (int step = 0; step < TrainingSteps; step++)
        {
            float[] input = NetworkData.Uniform(batch * network.InputLength, seed: 100 + step);
            float[] targets = NetworkData.Uniform(batch * network.OutputLength, seed: 200 + step);
            network.ForwardBackward(input, targets, batch);
            Descend(network);
        }
        AssertStatisticsMoved(network);
        return network;
    }

    private static void Descend(INetwork network)
    {
        Span<float> parameters = network.Parameters;
        Span<float> gradients = network.Gradients;
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] -= LearningRate * gradients[i];
        }
    }

    // Fresh statistics are mean 0 and variance 1; after training neither should be.
    private static void AssertStatisticsMoved(INetwork network)
    {
        foreach (var tensor in network.BufferTensors)
        {
            float initial = tensor.Name.EndsWith("running_var", StringComparison.Ordinal) ? 1f : 0f;
            var values = network.Buffers.Slice(tensor.Offset, tensor.Length);
            Assert.Contains(values.ToArray(), v => MathF.Abs(v - initial) > 1e-3f);
        }
    }
}
