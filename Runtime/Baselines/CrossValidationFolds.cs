using System;

namespace StaticNets.Baselines;

/// <summary>
/// Splits examples 0 .. n - 1 into consecutive folds for n-fold cross-validation (notes §2.2), as numpy's
/// <c>array_split</c> does: the first n mod folds folds hold one example more than the others.
/// </summary>
/// <remarks>Folds follow the data's order: shuffle a dataset sorted by class before cross-validating on it.</remarks>
public static class CrossValidationFolds
{
    /// <summary>The examples of fold <paramref name="fold"/>: <c>Start</c> .. <c>Start + Count - 1</c>.</summary>
    /// <param name="exampleCount">Number of examples; at least <paramref name="folds"/>.</param>
    /// <param name="folds">Number of folds; at least 2.</param>
    /// <param name="fold">The fold, 0 .. folds - 1.</param>
    /// <returns>The first example of the fold and how many it holds.</returns>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    public static (int Start, int Count) Bounds(int exampleCount, int folds, int fold)
    {
        if (folds < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(folds), folds, $"Cross-validation needs at least 2 folds, got {folds}.");
        }

        if (exampleCount < folds)
        {
            throw new ArgumentOutOfRangeException(nameof(exampleCount), exampleCount, $"{folds} folds need at least {folds} examples, got {exampleCount}.");
        }

        if ((uint)fold >= (uint)folds)
        {
            throw new ArgumentOutOfRangeException(nameof(fold), fold, $"The fold must be between 0 and {folds - 1}, got {fold}.");
        }

        int size = exampleCount / folds;
        int larger = exampleCount % folds;
        int start = fold * size + Math.Min(fold, larger);
        return (start, size + (fold < larger ? 1 : 0));
    }
}
