using System;
using System.Collections.Generic;
using ScottPlot;

namespace StaticNets.Plots;

/// <summary>
/// Pixel layout of a grid of weight tiles: <see cref="Columns"/> = ceil(sqrt(tiles)) columns, as many rows as needed,
/// each weight drawn as a <see cref="Scale"/> x <see cref="Scale"/> block, tiles separated and framed by
/// <see cref="Gap"/> pixels, with an optional label band under each tile.
/// Width = columns * (tile width * scale) + (columns + 1) * gap;
/// height = rows * (tile height * scale + label height) + (rows + 1) * gap.
/// </summary>
internal readonly record struct TileGridLayout(int Tiles, int Columns, int Rows, int Scale, int TileWidth, int TileHeight, int LabelHeight)
{
    /// <summary>Target edge of a tile in pixels; small filters are enlarged by a whole factor up to about this.</summary>
    internal const int TargetTilePixels = 96;

    /// <summary>Pixels between tiles and around the grid.</summary>
    internal const int Gap = 4;

    /// <summary>Height of the band under each tile holding its label, when there are labels.</summary>
    internal const int LabelBand = 22;

    /// <summary>Image width in pixels.</summary>
    internal int Width => Columns * TileWidth * Scale + (Columns + 1) * Gap;

    /// <summary>Image height in pixels.</summary>
    internal int Height => Rows * (TileHeight * Scale + LabelHeight) + (Rows + 1) * Gap;

    /// <summary>The layout for <paramref name="tiles"/> tiles of <paramref name="tileHeight"/> x <paramref name="tileWidth"/> weights.</summary>
    internal static TileGridLayout For(int tiles, int tileHeight, int tileWidth, bool labelled)
    {
        if (tiles <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(tiles), $"A grid needs at least one tile, got {tiles}.");
        }

        int columns = (int)Math.Ceiling(Math.Sqrt(tiles));
        int rows = (tiles + columns - 1) / columns;
        int scale = Math.Max(1, TargetTilePixels / Math.Max(tileHeight, tileWidth));
        return new TileGridLayout(tiles, columns, rows, scale, tileWidth, tileHeight, labelled ? LabelBand : 0);
    }

    /// <summary>Top-left pixel of tile <paramref name="index"/> (row-major).</summary>
    internal (int X, int Y) Origin(int index)
    {
        int column = index % Columns;
        int row = index / Columns;
        return (Gap + column * (TileWidth * Scale + Gap), Gap + row * (TileHeight * Scale + LabelHeight + Gap));
    }
}

/// <summary>Draws weight tiles, each normalised to its own range, into one PNG.</summary>
internal static class TileGrid
{
    private const byte Background = 255;

    /// <summary>
    /// Writes the tiles as a grid: one channel is drawn in grey, three as RGB, any other count as the mean of the
    /// channels in grey (one picture per unit still). Labels, when given, go under their tiles.
    /// </summary>
    internal static TileGridLayout Save(IReadOnlyList<WeightTile> tiles, string path, IReadOnlyList<string>? labels)
    {
        if (labels is not null && labels.Count != tiles.Count)
        {
            throw new ArgumentException($"Expected {tiles.Count} names, one per tile, got {labels.Count}.", nameof(labels));
        }

        var first = tiles[0];
        var layout = TileGridLayout.For(tiles.Count, first.Height, first.Width, labels is not null);
        var pixels = new byte[layout.Height, layout.Width, 3];
        for (int y = 0; y < layout.Height; y++)
        {
            for (int x = 0; x < layout.Width; x++)
            {
                pixels[y, x, 0] = pixels[y, x, 1] = pixels[y, x, 2] = Background;
            }
        }

        for (int index = 0; index < tiles.Count; index++)
        {
            Draw(tiles[index], layout, layout.Origin(index), pixels);
        }

        using var image = new Image(pixels);
        if (labels is null)
        {
            image.SavePng(path);
            return layout;
        }

        // Labels need text rendering, so the bitmap goes into a frameless plot whose axes are the pixel grid.
        var plot = new Plot();
        var rect = plot.Add.ImageRect(image, new CoordinateRect(0, layout.Width, 0, layout.Height));
        rect.AntiAlias = false;
        for (int index = 0; index < tiles.Count; index++)
        {
            var (x, y) = layout.Origin(index);
            double centreX = x + first.Width * layout.Scale / 2.0;
            double bandCentreY = y + first.Height * layout.Scale + layout.LabelHeight / 2.0;
            var text = plot.Add.Text(labels[index], centreX, layout.Height - bandCentreY);
            text.LabelAlignment = Alignment.MiddleCenter;
            text.LabelFontSize = 13;
            text.LabelFontColor = Colors.Black;
        }

        plot.Axes.SetLimits(0, layout.Width, 0, layout.Height);
        plot.Layout.Frameless();
        plot.HideGrid();
        plot.SavePng(path, layout.Width, layout.Height);
        return layout;
    }

    private static void Draw(WeightTile tile, TileGridLayout layout, (int X, int Y) origin, byte[,,] pixels)
    {
        var normalised = new float[tile.Values.Length];
        WeightImages.NormalizeToUnitRange(tile.Values, normalised);
        int plane = tile.Height * tile.Width;
        for (int row = 0; row < tile.Height; row++)
        {
            for (int column = 0; column < tile.Width; column++)
            {
                int at = row * tile.Width + column;
                byte red, green, blue;
                if (tile.Channels == 3)
                {
                    red = ToByte(normalised[at]);
                    green = ToByte(normalised[plane + at]);
                    blue = ToByte(normalised[2 * plane + at]);
                }
                else
                {
                    float sum = 0;
                    for (int channel = 0; channel < tile.Channels; channel++)
                    {
                        sum += normalised[channel * plane + at];
                    }

                    red = green = blue = ToByte(sum / tile.Channels);
                }

                for (int dy = 0; dy < layout.Scale; dy++)
                {
                    for (int dx = 0; dx < layout.Scale; dx++)
                    {
                        int y = origin.Y + row * layout.Scale + dy;
                        int x = origin.X + column * layout.Scale + dx;
                        pixels[y, x, 0] = red;
                        pixels[y, x, 1] = green;
                        pixels[y, x, 2] = blue;
                    }
                }
            }
        }
    }

    private static byte ToByte(float unit) => (byte)Math.Clamp(MathF.Round(unit * 255f), 0f, 255f);
}
