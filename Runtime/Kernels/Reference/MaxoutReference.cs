using System;
using System.Numerics;

namespace StaticNets.Kernels;

/// <summary>
/// Maxout from notes §6.1.4, f = max(w₁ᵀx + b₁, …, wₖᵀx + bₖ), over pre-activations computed by a fully-connected layer;
/// generic over the float type. Same shapes and meaning as <see cref="Maxout"/>.
/// </summary>
internal static class MaxoutReference
{
    /// <summary>output[n, u] = max over p of preActivations[n, u·pieces + p].</summary>
    public static void Forward<T>(Span<T> output, ReadOnlySpan<T> preActivations, int batch, int units, int pieces)
        where T : IFloatingPointIeee754<T>
    {
        for (int g = 0; g < batch * units; g++)
        {
            output[g] = preActivations[FirstMaximum(preActivations, g, pieces)];
        }
    }

    /// <summary>dPreActivations is zero except at each group's first maximum, which gets dOutput[n, u].</summary>
    public static void Backward<T>(Span<T> dPreActivations, ReadOnlySpan<T> dOutput, ReadOnlySpan<T> preActivations, int batch, int units, int pieces)
        where T : IFloatingPointIeee754<T>
    {
        dPreActivations.Clear();
        for (int g = 0; g < batch * units; g++)
        {
            dPreActivations[FirstMaximum(preActivations, g, pieces)] = dOutput[g];
        }
    }

    // Index of the group's first largest piece: a later piece must be strictly larger to win.
    private static int FirstMaximum<T>(ReadOnlySpan<T> preActivations, int group, int pieces)
        where T : IFloatingPointIeee754<T>
    {
        int best = group * pieces;
        for (int p = 1; p < pieces; p++)
        {
            if (preActivations[group * pieces + p] > preActivations[best])
            {
                best = group * pieces + p;
            }
        }

        return best;
    }
}
