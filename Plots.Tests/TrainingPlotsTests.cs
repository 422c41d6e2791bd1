using System;
using System.Collections.Generic;
using System.IO;
using SkiaSharp;
using StaticNets.Data;
using StaticNets.Training;

namespace StaticNets.Plots.Tests;

public class TrainingPlotsTests
{
    [Fact]
    public void CurvesFromATrainerRunAreAPngOfTheDocumentedSize()
    {
        var data = Spiral.Generate(classes: 3, pointsPerClass: 40, seed: 0);
        var network = new LinearOnPoints(16);
        network.InitializeParameters(seed: 1);
        var result = new Trainer(new TrainerOptions { Epochs = 3, BatchSize = 16, Seed = 1 }).Train(network, new Sgd(network, 0.5f), data);
        Assert.Equal(3, result.History.Count);

        using var folder = new TempFolder();
        string path = folder.File("curves.png");
        TrainingPlots.SaveCurves(result, path);

        Assert.Equal((TrainingPlots.CurvesWidth, TrainingPlots.CurvesHeight), Png.AssertValid(path));
    }

    [Fact]
    public void CurvesFromReportsSkipNaNAndRejectAnEmptyHistory()
    {
        var history = new List<EpochReport>
        {
            new(0, 0.1f, 2.0f, float.NaN, 0.40f, 1.8f, 0.1),
            new(1, 0.1f, 1.2f, float.NaN, 0.70f, 1.1f, 0.1),
            new(2, 0.05f, 0.9f, float.NaN, 0.80f, 0.9f, 0.1),
        };
        using var folder = new TempFolder();
        string path = folder.File("curves.png");
        TrainingPlots.SaveCurves(history, path);
        Assert.Equal((1200, 450), Png.AssertValid(path));

        Assert.Throws<ArgumentException>(() => TrainingPlots.SaveCurves(new List<EpochReport>(), folder.File("empty.png")));
        Assert.Throws<DirectoryNotFoundException>(() => TrainingPlots.SaveCurves(history, folder.File("missing/curves.png")));
    }

    [Fact]
    public void GreyFilterGridHasOneTilePerFilter()
    {
        var network = new GreyConvNet(16);
        network.InitializeParameters(seed: 3);
        using var folder = new TempFolder();
        string path = folder.File("filters.png");
        TrainingPlots.SaveFilters(network, path);

        // 5 filters of 5x5: ceil(sqrt(5)) = 3 columns, 2 rows, 96 / 5 = 19 pixels per weight (95-pixel tiles), 4-pixel gaps.
        int tile = 5 * 19;
        Assert.Equal((3 * tile + 4 * 4, 2 * tile + 3 * 4), Png.AssertValid(path));

        // Each filter is stretched to its own range, so every tile holds a black and a white weight; the sixth slot is empty.
        using var bitmap = SKBitmap.Decode(path);
        for (int slot = 0; slot < 6; slot++)
        {
            int left = 4 + (slot % 3) * (tile + 4);
            int top = 4 + (slot / 3) * (tile + 4);
            var (darkest, brightest) = Extremes(bitmap, left, top, tile, tile);
            if (slot < 5)
            {
                Assert.Equal((0, 255), (darkest, brightest));
            }
            else
            {
                Assert.Equal((255, 255), (darkest, brightest));
            }
        }
    }

    [Fact]
    public void RgbFilterGridUsesKernelTiles()
    {
        var network = new RgbConvNet(16);
        network.InitializeParameters(seed: 2);
        using var folder = new TempFolder();
        string path = folder.File("filters.png");
        TrainingPlots.SaveFilters(network, path);

        // 4 filters of 3x3x3: 2 x 2 grid, 96 / 3 = 32 pixels per weight.
        Assert.Equal((2 * 96 + 3 * 4, 2 * 96 + 3 * 4), Png.AssertValid(path));
    }

    [Fact]
    public void FirstFullyConnectedLayerOnAnImageIsDrawnAsImages()
    {
        var network = new MlpOnImage(16);
        network.InitializeParameters(seed: 1);
        using var folder = new TempFolder();
        string path = folder.File("fc.png");
        TrainingPlots.SaveFilters(network, path);

        // 16 units of 28x28: 4 x 4 grid, 96 / 28 = 3 pixels per weight.
        Assert.Equal((4 * 84 + 5 * 4, 4 * 84 + 5 * 4), Png.AssertValid(path));
    }

    [Fact]
    public void FirstMaxoutLayerOnAnImageDrawsEveryPiece()
    {
        var network = new MaxoutOnImage(16);
        network.InitializeParameters(seed: 1);
        using var folder = new TempFolder();
        string path = folder.File("maxout.png");
        TrainingPlots.SaveFilters(network, path);

        // 4 units x 2 pieces = 8 rows of 6x6: 3 x 3 grid, 96 / 6 = 16 pixels per weight.
        Assert.Equal((3 * 96 + 4 * 4, 3 * 96 + 4 * 4), Png.AssertValid(path));
    }

    [Fact]
    public void FiltersOfAFlatInputLayerAreRejected()
    {
        var network = new LinearOnPoints(16);
        using var folder = new TempFolder();
        var error = Assert.Throws<ArgumentException>(() => TrainingPlots.SaveFilters(network, folder.File("flat.png")));
        Assert.Contains("does not see an image", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ClassTemplatesHaveANamedTilePerClass()
    {
        var network = new LinearOnImage(16);
        network.InitializeParameters(seed: 1);
        using var folder = new TempFolder();
        string path = folder.File("templates.png");
        var names = new[] { "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine" };
        TrainingPlots.SaveClassTemplates(network, 1, 28, 28, path, names);

        // 10 classes: 4 columns, 3 rows of 84-pixel tiles with a 22-pixel name band under each.
        Assert.Equal((4 * 84 + 5 * 4, 3 * (84 + 22) + 4 * 4), Png.AssertValid(path));
    }

    [Fact]
    public void ClassTemplatesRejectWrongShapesNamesAndNetworks()
    {
        using var folder = new TempFolder();
        string path = folder.File("templates.png");
        var linear = new LinearOnImage(16);
        Assert.Throws<ArgumentException>(() => TrainingPlots.SaveClassTemplates(linear, 1, 28, 27, path));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainingPlots.SaveClassTemplates(linear, 0, 28, 28, path));
        Assert.Throws<ArgumentException>(() => TrainingPlots.SaveClassTemplates(linear, 1, 28, 28, path, new[] { "a", "b" }));
        var error = Assert.Throws<ArgumentException>(() => TrainingPlots.SaveClassTemplates(new MlpOnImage(16), 1, 28, 28, path));
        Assert.Contains("one weighted layer", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => TrainingPlots.SaveClassTemplates(new GreyConvNet(16), 1, 28, 28, path));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void ConfusionMatrixIsAPngSizedByTheClassCount()
    {
        var labels = new[] { 0, 0, 1, 1, 2, 2, 2 };
        var predictions = new[] { 0, 1, 1, 1, 2, 0, 2 };
        using var folder = new TempFolder();
        string path = folder.File("confusion.png");
        TrainingPlots.SaveConfusionMatrix(predictions, labels, 3, path, new[] { "a", "b", "c" });

        // side = max(480, 48 * classes + 200); the colour bar takes 80 more pixels of width.
        Assert.Equal((560, 480), Png.AssertValid(path));

        string tenPath = folder.File("confusion10.png");
        TrainingPlots.SaveConfusionMatrix(new[] { 9, 3 }, new[] { 9, 4 }, 10, tenPath);
        Assert.Equal((48 * 10 + 200 + 80, 48 * 10 + 200), Png.AssertValid(tenPath));
    }

    [Fact]
    public void ConfusionMatrixDrawsTrueClassesAsRowsFromTheTopAndPredictionsAsColumns()
    {
        // Nine digits of class 0 predicted as 2, one of class 2 predicted as 2: only the top-right cell is dark.
        var counts = TrainingPlots.ConfusionCounts(
            new[] { 2, 2, 2, 2, 2, 2, 2, 2, 2, 2 }, new[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 2 }, 3);
        var plot = TrainingPlots.ConfusionMatrixPlot(counts, classNames: null);
        var (width, height) = TrainingPlots.ConfusionMatrixSize(3);
        using var folder = new TempFolder();
        string path = folder.File("confusion.png");
        plot.SavePng(path, width, height);
        using var bitmap = SKBitmap.Decode(path);

        // Sample each cell off its centre, where the count's text is not drawn.
        int Red(int actual, int predicted)
        {
            var pixel = plot.GetPixel(new ScottPlot.Coordinates(predicted - 0.35, 3 - 1 - actual + 0.35));
            return bitmap.GetPixel((int)pixel.X, (int)pixel.Y).Red;
        }

        int full = Red(0, 2);
        int empty = Red(2, 0);
        Assert.True(full < 80, $"The cell of 9 examples should be dark, red channel {full}.");
        Assert.True(empty > 230, $"An empty cell should be light, red channel {empty}.");
        for (int actual = 0; actual < 3; actual++)
        {
            for (int predicted = 0; predicted < 3; predicted++)
            {
                int red = Red(actual, predicted);
                if (counts[actual, predicted] == 0)
                {
                    Assert.Equal(empty, red);
                }
                else if (counts[actual, predicted] == 9)
                {
                    Assert.Equal(full, red);
                }
                else
                {
                    Assert.InRange(red, full + 1, empty - 1);
                }
            }
        }
    }

    [Fact]
    public void ConfusionCountsPairTrueRowsWithPredictedColumns()
    {
        var counts = TrainingPlots.ConfusionCounts(new[] { 0, 1, 1, 1, 2, 0, 2 }, new[] { 0, 0, 1, 1, 2, 2, 2 }, 3);
        Assert.Equal(new[,] { { 1, 1, 0 }, { 0, 2, 0 }, { 1, 0, 2 } }, counts);
    }

    [Fact]
    public void ConfusionMatrixRejectsMismatchedLengthsAndOutOfRangeClasses()
    {
        using var folder = new TempFolder();
        string path = folder.File("confusion.png");
        var lengths = Assert.Throws<ArgumentException>(() => TrainingPlots.SaveConfusionMatrix(new[] { 0, 1 }, new[] { 0 }, 2, path));
        Assert.Contains("2 predictions but 1 labels", lengths.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainingPlots.SaveConfusionMatrix(new[] { 0, 1 }, new[] { 0, 2 }, 2, path));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainingPlots.SaveConfusionMatrix(new[] { -1, 1 }, new[] { 0, 1 }, 2, path));
        Assert.Throws<ArgumentOutOfRangeException>(() => TrainingPlots.SaveConfusionMatrix(new[] { 0 }, new[] { 0 }, 0, path));
        Assert.Throws<ArgumentException>(() => TrainingPlots.SaveConfusionMatrix(new[] { 0 }, new[] { 0 }, 2, path, new[] { "only one" }));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void NormalisationMapsEachFilterOntoTheFullUnitRange()
    {
        var random = new Random(7);
        for (int trial = 0; trial < 20; trial++)
        {
            int length = 1 + random.Next(100);
            var weights = new float[length];
            for (int i = 0; i < length; i++)
            {
                weights[i] = (float)((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 3)));
            }

            weights[random.Next(length)] = -3f;
            if (length > 1)
            {
                weights[(Array.IndexOf(weights, -3f) + 1) % length] = 5f;
            }

            var unit = new float[length];
            WeightImages.NormalizeToUnitRange(weights, unit);

            float min = float.MaxValue, max = float.MinValue;
            foreach (float w in weights)
            {
                min = Math.Min(min, w);
                max = Math.Max(max, w);
            }

            for (int i = 0; i < length; i++)
            {
                float expected = length > 1 ? (weights[i] - min) / (max - min) : 0.5f;
                Assert.Equal(expected, unit[i], 6);
                Assert.InRange(unit[i], 0f, 1f);
            }

            if (length > 1)
            {
                Assert.Equal(0f, unit[Array.IndexOf(weights, min)]);
                Assert.Equal(1f, unit[Array.IndexOf(weights, max)]);
            }
        }
    }

    [Fact]
    public void NormalisationOfAConstantFilterIsMidGreyAndRejectsBadInput()
    {
        var unit = new float[4];
        WeightImages.NormalizeToUnitRange(new[] { 0.3f, 0.3f, 0.3f, 0.3f }, unit);
        Assert.All(unit, value => Assert.Equal(0.5f, value));
        Assert.Throws<ArgumentException>(() => WeightImages.NormalizeToUnitRange(new float[3], new float[4]));
        Assert.Throws<ArgumentException>(() => WeightImages.NormalizeToUnitRange(new[] { 1f, float.NaN }, new float[2]));
    }

    [Fact]
    public void GridLayoutFollowsTheDocumentedFormula()
    {
        foreach (var (tiles, columns, rows) in new[] { (1, 1, 1), (2, 2, 1), (5, 3, 2), (6, 3, 2), (10, 4, 3), (16, 4, 4), (17, 5, 4) })
        {
            var layout = TileGridLayout.For(tiles, 5, 5, labelled: false);
            Assert.Equal((columns, rows), (layout.Columns, layout.Rows));
            Assert.True(layout.Columns * layout.Rows >= tiles && (layout.Rows - 1) * layout.Columns < tiles);
            Assert.Equal(columns * 95 + (columns + 1) * 4, layout.Width);
            Assert.Equal(rows * 95 + (rows + 1) * 4, layout.Height);
        }

        Assert.Equal(1, TileGridLayout.For(1, 200, 100, labelled: false).Scale);
        Assert.Throws<ArgumentOutOfRangeException>(() => TileGridLayout.For(0, 5, 5, labelled: false));
    }

    private static (int Darkest, int Brightest) Extremes(SKBitmap bitmap, int left, int top, int width, int height)
    {
        int darkest = 255, brightest = 0;
        for (int y = top; y < top + height; y++)
        {
            for (int x = left; x < left + width; x++)
            {
                int grey = bitmap.GetPixel(x, y).Red;
                darkest = Math.Min(darkest, grey);
                brightest = Math.Max(brightest, grey);
            }
        }

        return (darkest, brightest);
    }
}
