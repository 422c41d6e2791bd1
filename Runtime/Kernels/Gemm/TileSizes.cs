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
