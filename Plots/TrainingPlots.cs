using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using ScottPlot;
using SkiaSharp;
using StaticNets.Training;

namespace StaticNets.Plots;

/// <summary>
/// PNG pictures of training and of what a network learned, drawn with ScottPlot: loss and accuracy curves per epoch,
/// the first layer's weights as a grid of images, a confusion matrix, and a linear classifier's class templates.
/// The SkiaSharp native library ships without system dependencies, so these render on a bare Linux machine.
/// </summary>
public static class TrainingPlots
{
    /// <summary>Width of the curves image in pixels (two panels side by side).</summary>
    public const int CurvesWidth = 1200;

    /// <summary>Height of the curves image in pixels.</summary>
    public const int CurvesHeight = 450;

    /// <summary>
    /// Writes one PNG of <see cref="CurvesWidth"/> x <see cref="CurvesHeight"/> pixels with two panels: on the left
    /// the training loss (mean minibatch loss, regularisation included) and the validation loss (data loss) per epoch;
    /// on the right the training and validation accuracy per epoch, in percent. Measurements that are NaN (accuracy of
    /// a regressor, training accuracy when it was not measured) are left out.
    /// </summary>
    /// <param name="result">A finished <see cref="Trainer"/> run; its <see cref="TrainingResult.History"/> is drawn.</param>
    /// <param name="path">The PNG file to write; its folder must exist.</param>
    public static void SaveCurves(TrainingResult result, string path)
    {
        ArgumentNullException.ThrowIfNull(result);
        SaveCurves(result.History, path);
    }

    /// <summary>
    /// Writes the curves of <see cref="SaveCurves(TrainingResult, string)"/> from per-epoch reports gathered any other
    /// way (for example from <see cref="TrainerOptions.OnEpoch"/>).
    /// </summary>
    /// <param name="history">One report per epoch, in order; at least one.</param>
    /// <param name="path">The PNG file to write; its folder must exist.</param>
    public static void SaveCurves(IReadOnlyList<EpochReport> history, string path)
    {
        ArgumentNullException.ThrowIfNull(history);
        RequirePath(path);
        if (history.Count == 0)
        {
            throw new ArgumentException("There are no epochs to plot: the history is empty.", nameof(history));
        }

        var loss = new Plot();
        AddSeries(loss, history, report => report.TrainingLoss, "training loss", Colors.C0);
        AddSeries(loss, history, report => report.ValidationLoss, "validation loss", Colors.C1);
        Label(loss, "Loss per epoch", "loss");

        var accuracy = new Plot();
        bool anyAccuracy = AddSeries(accuracy, history, report => 100 * report.TrainingAccuracy, "training accuracy", Colors.C0);
        anyAccuracy |= AddSeries(accuracy, history, report => 100 * report.ValidationAccuracy, "validation accuracy", Colors.C1);
        Label(accuracy, anyAccuracy ? "Accuracy per epoch" : "Accuracy per epoch (not measured)", "accuracy (%)");

        // Two panels side by side: each plot renders at half the width, then both are drawn onto one surface.
        int panelWidth = CurvesWidth / 2;
        using var surface = SKSurface.Create(new SKImageInfo(CurvesWidth, CurvesHeight));
        surface.Canvas.Clear(SKColors.White);
        using (var lossImage = loss.GetImage(panelWidth, CurvesHeight))
        using (var accuracyImage = accuracy.GetImage(CurvesWidth - panelWidth, CurvesHeight))
        using (var paint = Paint.NewDisposablePaint())
        {
            lossImage.Render(surface.Canvas, new PixelRect(0, panelWidth, CurvesHeight, 0), paint, antiAlias: false);
            accuracyImage.Render(surface.Canvas, new PixelRect(panelWidth, CurvesWidth, CurvesHeight, 0), paint, antiAlias: false);
        }

        using var combined = new Image(surface);
        combined.SavePng(path);
    }

    /// <summary>
    /// Writes the first weighted layer as a grid of images, one tile per output unit, each normalised to its own
    /// minimum and maximum (the CS231n visualisations): a convolution's filters (grey for one input channel, RGB for
    /// three, the mean of the channels in grey otherwise), or, when the first layer is fully connected on image input,
    /// each unit's weights reshaped to the input image (for maxout, each piece's). Tiles run row by row in a grid of ceil(sqrt(units)) columns;
    /// each weight is a square of max(1, 96 / max(kernel height, kernel width)) pixels and tiles are 4 pixels apart.
    /// </summary>
    /// <param name="network">A network whose first convolution or fully connected layer sees an image.</param>
    /// <param name="path">The PNG file to write; its folder must exist.</param>
    /// <exception cref="ArgumentException">The network has no weighted layer, or its first one sees a flat vector.</exception>
    public static void SaveFilters(INetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        RequirePath(path);
        TileGrid.Save(WeightImages.FirstLayerTiles(network), path, labels: null);
    }

    /// <summary>
    /// Writes a confusion matrix: row i, column j holds how many examples of true class i were predicted as class j,
    /// each cell annotated with its count and shaded by it.
    /// </summary>
    /// <param name="predictions">Predicted class per example, each in [0, <paramref name="classes"/>).</param>
    /// <param name="labels">True class per example, as many as predictions, each in [0, <paramref name="classes"/>).</param>
    /// <param name="classes">Number of classes; at least 1.</param>
    /// <param name="path">The PNG file to write; its folder must exist.</param>
    /// <param name="classNames">Optional tick labels, one per class; class indices when null.</param>
    public static void SaveConfusionMatrix(IReadOnlyList<int> predictions, IReadOnlyList<int> labels, int classes, string path, IReadOnlyList<string>? classNames = null)
    {
        var counts = ConfusionCounts(predictions, labels, classes);
        RequirePath(path);
        if (classNames is not null && classNames.Count != classes)
        {
            throw new ArgumentException($"Expected {classes} class names, got {classNames.Count}.", nameof(classNames));
        }

        var (width, height) = ConfusionMatrixSize(classes);
        ConfusionMatrixPlot(counts, classNames).SavePng(path, width, height);
    }

    /// <summary>Pixel size of a confusion matrix image: a square side of max(480, 48 * classes + 200), plus 80 pixels of width for the colour bar.</summary>
    internal static (int Width, int Height) ConfusionMatrixSize(int classes)
    {
        int side = Math.Max(480, 48 * classes + 200);
        return (side + 80, side);
    }

    /// <summary>
    /// The confusion matrix as a plot in which cell (true class i, predicted class j) is centred on the coordinates
    /// (j, classes - 1 - i), so true class 0 is the top row.
    /// </summary>
    internal static Plot ConfusionMatrixPlot(int[,] counts, IReadOnlyList<string>? classNames)
    {
        int classes = counts.GetLength(0);
        // Row 0 of the heatmap data is drawn at the top, so true class 0 is the top row as in the usual layout.
        var values = new double[classes, classes];
        int largest = 0;
        for (int actual = 0; actual < classes; actual++)
        {
            for (int predicted = 0; predicted < classes; predicted++)
            {
                values[actual, predicted] = counts[actual, predicted];
                largest = Math.Max(largest, counts[actual, predicted]);
            }
        }

        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(values);
        heatmap.Colormap = new LightToDark(new ScottPlot.Colormaps.Blues());
        heatmap.Rectangle = new CoordinateRect(-0.5, classes - 0.5, -0.5, classes - 0.5);
        heatmap.FlipVertically = false;
        plot.Add.ColorBar(heatmap);

        for (int actual = 0; actual < classes; actual++)
        {
            for (int predicted = 0; predicted < classes; predicted++)
            {
                int count = counts[actual, predicted];
                var text = plot.Add.Text(count.ToString(CultureInfo.InvariantCulture), predicted, classes - 1 - actual);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontSize = classes <= 12 ? 13 : 9;
                text.LabelFontColor = count * 2 > largest ? Colors.White : Colors.Black;
            }
        }

        var positions = new double[classes];
        var bottomNames = new string[classes];
        var leftPositions = new double[classes];
        for (int c = 0; c < classes; c++)
        {
            string name = classNames?[c] ?? c.ToString(CultureInfo.InvariantCulture);
            positions[c] = c;
            bottomNames[c] = name;
            leftPositions[c] = classes - 1 - c;
        }

        plot.Axes.Bottom.SetTicks(positions, bottomNames);
        plot.Axes.Left.SetTicks(leftPositions, bottomNames);
        plot.Axes.SetLimits(-0.5, classes - 0.5, -0.5, classes - 0.5);
        plot.HideGrid();
        plot.Title("Confusion matrix");
        plot.XLabel("predicted class");
        plot.YLabel("true class");
        return plot;
    }

    /// <summary>
    /// Writes a linear classifier's class templates: each class's row of the (only) fully connected layer reshaped to
    /// the input image and normalised to its own range, bright where the weight is large, with the class name under it
    /// (CS231n's "templates" view of a linear classifier). The grid follows <see cref="SaveFilters"/>, with a name band
    /// of 22 pixels under each tile.
    /// </summary>
    /// <param name="linearClassifier">A network with one weighted layer, fully connected, taking channels x height x width inputs.</param>
    /// <param name="channels">Input channels (1 grey, 3 RGB).</param>
    /// <param name="height">Input height.</param>
    /// <param name="width">Input width.</param>
    /// <param name="path">The PNG file to write; its folder must exist.</param>
    /// <param name="classNames">One name per class; class indices when null.</param>
    public static void SaveClassTemplates(INetwork linearClassifier, int channels, int height, int width, string path, IReadOnlyList<string>? classNames = null)
    {
        ArgumentNullException.ThrowIfNull(linearClassifier);
        RequirePath(path);
        var tiles = WeightImages.LinearTemplates(linearClassifier, channels, height, width);
        var names = classNames;
        if (names is null)
        {
            var indices = new string[tiles.Count];
            for (int c = 0; c < indices.Length; c++)
            {
                indices[c] = c.ToString(CultureInfo.InvariantCulture);
            }

            names = indices;
        }
        else if (names.Count != tiles.Count)
        {
            throw new ArgumentException($"The classifier has {tiles.Count} classes but {names.Count} names were given.", nameof(classNames));
        }

        TileGrid.Save(tiles, path, names);
    }

    /// <summary>Counts (true class, predicted class) pairs after checking lengths and ranges.</summary>
    internal static int[,] ConfusionCounts(IReadOnlyList<int> predictions, IReadOnlyList<int> labels, int classes)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentNullException.ThrowIfNull(labels);
        if (classes <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), $"classes must be at least 1, got {classes}.");
        }

        if (predictions.Count != labels.Count)
        {
            throw new ArgumentException($"Expected one label per prediction: {predictions.Count} predictions but {labels.Count} labels.", nameof(labels));
        }

        var counts = new int[classes, classes];
        for (int i = 0; i < labels.Count; i++)
        {
            int label = labels[i];
            int prediction = predictions[i];
            if ((uint)label >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(nameof(labels), $"labels[{i}] = {label} is outside [0, {classes}).");
            }

            if ((uint)prediction >= (uint)classes)
            {
                throw new ArgumentOutOfRangeException(nameof(predictions), $"predictions[{i}] = {prediction} is outside [0, {classes}).");
            }

            counts[label, prediction]++;
        }

        return counts;
    }

    private static bool AddSeries(Plot plot, IReadOnlyList<EpochReport> history, Func<EpochReport, float> value, string legend, Color color)
    {
        var epochs = new List<double>(history.Count);
        var values = new List<double>(history.Count);
        foreach (var report in history)
        {
            float y = value(report);
            if (float.IsFinite(y))
            {
                epochs.Add(report.Epoch);
                values.Add(y);
            }
        }

        if (values.Count == 0)
        {
            return false;
        }

        var scatter = plot.Add.Scatter(epochs.ToArray(), values.ToArray(), color);
        scatter.LegendText = legend;
        scatter.LineWidth = 2;
        scatter.MarkerSize = 6;
        return true;
    }

    private static void Label(Plot plot, string title, string yLabel)
    {
        plot.Title(title);
        plot.XLabel("epoch");
        plot.YLabel(yLabel);
        plot.ShowLegend(Alignment.UpperRight);
    }

    private static void RequirePath(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The folder of '{path}' does not exist: {folder}.");
        }
    }

    /// <summary>A colormap read backwards: ScottPlot's Blues runs dark to light, and a confusion matrix reads best with empty cells light.</summary>
    private sealed class LightToDark(IColormap colormap) : IColormap
    {
        public string Name => colormap.Name + " (reversed)";

        public Color GetColor(double normalizedIntensity) => colormap.GetColor(1 - normalizedIntensity);
    }
}
