using System;

namespace StaticNets.Kernels;

/// <summary>
/// What a matrix product does to each finished entry of C before storing it: add a bias per row (a convolution's
/// output channel) or per column (a fully-connected layer's output feature), then optionally clamp at zero (ReLU).
/// Fusing these into the product's last store saves a full pass over the output for each.
/// </summary>
internal readonly ref struct GemmEpilogue
{
    /// <summary>One value per row of C added to that row, or empty.</summary>
    public readonly ReadOnlySpan<float> RowBias;

    /// <summary>One value per column of C added to that column, or empty.</summary>
    public readonly ReadOnlySpan<float> ColumnBias;

    /// <summary>Whether to replace negative results by zero after the bias.</summary>
    public readonly bool Relu;

    public GemmEpilogue(ReadOnlySpan<float> rowBias, ReadOnlySpan<float> columnBias, bool relu)
    {
        RowBias = rowBias;
        ColumnBias = columnBias;
        Relu = relu;
    }

    /// <summary>No bias, no activation: the plain product.</summary>
    public static GemmEpilogue None => default;

    /// <summary>Whether anything happens beyond the product.</summary>
    public bool IsNone => RowBias.IsEmpty && ColumnBias.IsEmpty && !Relu;
}
