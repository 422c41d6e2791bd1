using System;
using System.Collections.Generic;

namespace StaticNets.Serialization;

/// <summary>
/// One entry of a safetensors header: a tensor's name, element type, shape and where its bytes lie.
/// <see cref="SafeTensors.ReadHeader(string)"/> returns these in file order (by <see cref="DataBegin"/>).
/// </summary>
public sealed class SafeTensorInfo
{
    private readonly long[] _shape;

    internal SafeTensorInfo(string name, string dataType, long[] shape, long elementCount, long dataBegin, long dataEnd)
    {
        Name = name;
        DataType = dataType;
        _shape = shape;
        ElementCount = elementCount;
        DataBegin = dataBegin;
        DataEnd = dataEnd;
    }

    /// <summary>The tensor's name, e.g. <c>conv1.weight</c> (a PyTorch <c>state_dict</c> key).</summary>
    public string Name { get; }

    /// <summary>The safetensors dtype code: <c>F32</c>, <c>I64</c>, <c>F16</c>, <c>BF16</c>, ...</summary>
    public string DataType { get; }

    /// <summary>Dimensions, outermost first; empty for a scalar.</summary>
    public IReadOnlyList<long> Shape => _shape;

    /// <summary>Number of elements: the product of <see cref="Shape"/> (1 for a scalar).</summary>
    public long ElementCount { get; }

    /// <summary>Offset of the tensor's first byte, counted from the first byte after the header.</summary>
    public long DataBegin { get; }

    /// <summary>Offset one past the tensor's last byte, counted from the first byte after the header.</summary>
    public long DataEnd { get; }

    /// <summary>Number of bytes the tensor occupies: <see cref="DataEnd"/> - <see cref="DataBegin"/>.</summary>
    public long ByteLength => DataEnd - DataBegin;

    /// <summary>Formats a shape as the mismatch messages do: <c>[120, 400]</c>.</summary>
    internal static string FormatShape(IReadOnlyList<long> shape) => "[" + string.Join(", ", shape) + "]";

    /// <inheritdoc/>
    public override string ToString() => $"{Name} {DataType} {FormatShape(_shape)} bytes [{DataBegin}, {DataEnd})";
}
