namespace StaticNets.Data;

/// <summary>The content of an IDX image file: <paramref name="Count"/> images of <paramref name="Height"/> x <paramref name="Width"/> pixels.</summary>
/// <param name="Count">Number of images.</param>
/// <param name="Height">Rows per image.</param>
/// <param name="Width">Columns per image.</param>
/// <param name="Pixels">Count * Height * Width pixels, image after image, row-major, scaled from bytes 0..255 to [0, 1].</param>
public sealed record IdxImages(int Count, int Height, int Width, float[] Pixels);
