using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace StaticNets.Generator.Binding;

/// <summary>Compares syntax nodes by identity: two layers written alike at different places are different uses.</summary>
internal sealed class ReferenceComparer<T> : IEqualityComparer<T>
    where T : class
{
    public static readonly ReferenceComparer<T> Instance = new();

    public bool Equals(T? x, T? y) => ReferenceEquals(x, y);

    public int GetHashCode(T obj) => RuntimeHelpers.GetHashCode(obj);
}
