using System;
using System.Globalization;
using System.IO;
using System.Linq;
using StaticNets.Serialization;

namespace StaticNets.Tool.Tests;

public sealed class InspectCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("staticnets-tool-tests-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void SafeTensorsFileListsEveryTensorWithShapeAndStatistics()
    {
        var network = new SmallConvNet(1);
        INetwork weights = network;
        weights.InitializeParameters(seed: 7);
        // Non-finite values are counted apart and left out of min/max/mean/std.
        var fcWeight = weights.ParameterTensors.Single(t => t.Name == "fc1.weight");
        weights.Parameters[fcWeight.Offset + 3] = float.NaN;
        weights.Parameters[fcWeight.Offset + 8] = float.PositiveInfinity;
        weights.Parameters[fcWeight.Offset + 9] = float.NegativeInfinity;
        string path = Path.Combine(_directory, "small.safetensors");
        SafeTensors.Save(network, path);

        var run = ToolRunner.Run("inspect", path);

        Assert.Equal(Cli.Success, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains("  format = pt", run.OutputLines);
        var rows = run.OutputLines.SkipWhile(l => !l.StartsWith("name", StringComparison.Ordinal)).Skip(1)
            .Where(l => l.Length > 0)
            .Select(l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries).Select(c => c.Trim()).ToArray())
            .ToDictionary(cells => cells[0]);

        var saved = weights.ParameterTensors.Select(t => (Tensor: t, Values: weights.Parameters.Slice(t.Offset, t.Length).ToArray()))
            .Concat(weights.BufferTensors.Select(t => (Tensor: t, Values: weights.Buffers.Slice(t.Offset, t.Length).ToArray())))
            .ToList();
        Assert.Equal(saved.Count + 1, rows.Count); // plus bn1.num_batches_tracked
        foreach (var (tensor, values) in saved)
        {
            var cells = rows[tensor.Name];
            Assert.Equal("F32", cells[1]);
            Assert.Equal("[" + string.Join(", ", tensor.Shape) + "]", cells[2]);
            Assert.Equal(tensor.Length.ToString(CultureInfo.InvariantCulture), cells[3]);
            AssertStatistics(values, cells);
        }
        Assert.Equal(["1", "2"], rows["fc1.weight"][8..]); // one NaN, two infinities
        var tracker = rows["bn1.num_batches_tracked"];
        Assert.Equal(["bn1.num_batches_tracked", "I64", "[]", "1", "0", "0", "0", "0", "0", "0"], tracker);
    }

    [Fact]
    public void TruncatedSafeTensorsFileIsAOneLineErrorNamingTheFile()
    {
        var network = new SmallConvNet(1);
        ((INetwork)network).InitializeParameters(seed: 1);
        string path = Path.Combine(_directory, "truncated.safetensors");
        byte[] bytes = SafeTensors.Serialize(network);
        File.WriteAllBytes(path, bytes.AsSpan(0, bytes.Length - 10).ToArray());

        var run = ToolRunner.Run("inspect", path);

        Assert.Equal(Cli.Failure, run.ExitCode);
        Assert.Equal("", run.Output);
        string error = run.Error.TrimEnd();
        Assert.DoesNotContain('\n', error);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains(path, error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingFileIsAnErrorNamingTheFile()
    {
        string path = Path.Combine(_directory, "absent.safetensors");

        var run = ToolRunner.Run("inspect", path);

        Assert.Equal(Cli.Failure, run.ExitCode);
        Assert.Contains(path, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void OnnxModelListsItsInitializersWithStatistics()
    {
        var network = new SmallConvNet(1);
        INetwork weights = network;
        weights.InitializeParameters(seed: 3);
        string path = Path.Combine(_directory, "small.onnx");
        StaticNets.Onnx.OnnxExporter.Save(network, path);

        var run = ToolRunner.Run("inspect", path);

        Assert.Equal(Cli.Success, run.ExitCode);
        Assert.Equal("", run.Error);
        var rows = run.OutputLines.SkipWhile(l => !l.StartsWith("name", StringComparison.Ordinal)).Skip(1)
            .Where(l => l.Length > 0)
            .Select(l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries).Select(c => c.Trim()).ToArray())
            .ToList();
        // Every parameter's values appear in some FLOAT initializer (names and layouts are the exporter's business).
        foreach (var tensor in weights.ParameterTensors)
        {
            float[] values = weights.Parameters.Slice(tensor.Offset, tensor.Length).ToArray();
            Assert.Contains(rows, cells => cells[1] == "FLOAT" && cells[3] == tensor.Length.ToString(CultureInfo.InvariantCulture)
                && Statistic(cells[4]) == Round(values.Min()) && Statistic(cells[5]) == Round(values.Max()));
        }
    }

    private static void AssertStatistics(float[] values, string[] cells)
    {
        double[] finite = values.Where(float.IsFinite).Select(v => (double)v).ToArray();
        double mean = finite.Average();
        double std = Math.Sqrt(finite.Sum(v => (v - mean) * (v - mean)) / finite.Length);
        Assert.Equal(Round(finite.Min()), Statistic(cells[4]));
        Assert.Equal(Round(finite.Max()), Statistic(cells[5]));
        // Six significant digits are printed; the mean of values near zero is compared at the tensor's scale.
        double scale = Math.Max(finite.Max(Math.Abs), 1e-30);
        Assert.InRange(Statistic(cells[6]), mean - 1e-5 * scale, mean + 1e-5 * scale);
        Assert.InRange(Statistic(cells[7]), std * (1 - 1e-5) - 1e-30, std * (1 + 1e-5) + 1e-30);
        Assert.Equal(values.Count(float.IsNaN).ToString(CultureInfo.InvariantCulture), cells[8]);
        Assert.Equal(values.Count(float.IsInfinity).ToString(CultureInfo.InvariantCulture), cells[9]);
    }

    private static double Statistic(string cell) => double.Parse(cell, CultureInfo.InvariantCulture);

    private static double Round(double value) => double.Parse(value.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
}
