namespace StaticNets.Kernels;

/// <summary>
/// A compile-time integer for generic tile kernels: each <c>if (TRows.Value &gt; 2)</c> in a kernel folds away per
/// instantiation, so one body serves every tile size without hand-copied variants or runtime branches.
/// </summary>
internal interface ITileSize
{
    /// <summary>The size.</summary>
    static abstract int Value { get; }
}

/// <summary>1.</summary>
internal readonly struct Tile1 : ITileSize { public static int Value => 1; }

/// <summary>2.</summary>
internal readonly struct Tile2 : ITileSize { public static int Value => 2; }

/// <summary>3.</summary>
internal readonly struct Tile3 : ITileSize { public static int Value => 3; }

/// <summary>4.</summary>
internal readonly struct Tile4 : ITileSize { public static int Value => 4; }

/// <summary>5.</summary>
internal readonly struct Tile5 : ITileSize { public static int Value => 5; }

/// <summary>6.</summary>
internal readonly struct Tile6 : ITileSize { public static int Value => 6; }

/// <summary>7.</summary>
internal readonly struct Tile7 : ITileSize { public static int Value => 7; }

/// <summary>8.</summary>
internal readonly struct Tile8 : ITileSize { public static int Value => 8; }

/// <summary>9.</summary>
internal readonly struct Tile9 : ITileSize { public static int Value => 9; }

/// <summary>10.</summary>
internal readonly struct Tile10 : ITileSize { public static int Value => 10; }

/// <summary>11.</summary>
internal readonly struct Tile11 : ITileSize { public static int Value => 11; }

/// <summary>12.</summary>
internal readonly struct Tile12 : ITileSize { public static int Value => 12; }
