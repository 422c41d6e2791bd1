using System;
using System.Collections.Generic;

namespace StaticNets;

/// <summary>
/// One named tensor inside <see cref="INetwork.Parameters"/>, named and shaped as PyTorch's <c>state_dict</c>
/// would (<c>conv1.weight</c> [6, 1, 5, 5], <c>fc3.bias</c> [10]), so weights can be matched by name.
/// </summary>
public sealed class ParameterTensor
{
    private readonly int[] _shape;

    /// <summary>Creates the description of one tensor.</summary>
    /// <param name="name">The <c>state_dict</c> name.</param>
    /// <param name="offset">Index of its first element in <see cref="INetwork.Parameters"/>.</param>
    /// <param name="shape">Its dimensions; their product is its length.</param>
    public ParameterTensor(string name, int offset, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(shape);
        Name = name;
        Offset = offset;
        _shape = (int[])shape.Clone();
        int length = 1;
        foreach (int dimension in _shape)
        {
            length = checked(length * dimension);
        }
        Length = length;
    }

    /// <summary>The <c>state_dict</c> name, e.g. <c>conv1.weight</c>.</summary>
    public string Name { get; }

    /// <summary>Index of the first element in <see cref="INetwork.Parameters"/>.</summary>
    public int Offset { get; }

    /// <summary>Number of elements.</summary>
    public int Length { get; }

    /// <summary>Dimensions, outermost first (conv weight [out, in, kh, kw], FC weight [out, in]).</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>True for weights (which regularisation applies to), false for biases.</summary>
    public bool IsWeight => Name.EndsWith(".weight", StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => $"{Name} [{string.Join(", ", _shape)}] at {Offset}";
}
