namespace StaticNets.Generator.Model;

/// <summary>An activation shape per example: channels x height x width (a flat vector is C x 1 x 1).</summary>
internal readonly record struct Shape(int Channels, int Height, int Width)
{
    public int Length => Channels * Height * Width;

    public bool IsFlat => Height == 1 && Width == 1;

    public override string ToString() => IsFlat ? Channels.ToString(System.Globalization.CultureInfo.InvariantCulture)
        : string.Format(System.Globalization.CultureInfo.InvariantCulture, "{0}x{1}x{2}", Channels, Height, Width);
}
