using System;

namespace StaticNets;

/// <summary>
/// Argument checks shared by every generated network, so each one reports a wrong batch or span length
/// with the same clear message naming what was expected.
/// </summary>
public static class NetworkGuard
{
    /// <summary>Throws unless <paramref name="maxBatch"/> is at least 1.</summary>
    public static void MaxBatch(int maxBatch)
    {
        if (maxBatch < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBatch), maxBatch, $"maxBatch must be at least 1, got {maxBatch}.");
        }
    }

    /// <summary>Throws when an arena of <paramref name="floats"/> floats cannot be one .NET array.</summary>
    public static void ArenaFits(long floats, int maxBatch)
    {
        if (floats > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(maxBatch), maxBatch,
                $"maxBatch {maxBatch} needs an arena of {floats} floats, more than one array can hold ({Array.MaxLength}); use a smaller maxBatch.");
        }
    }

    /// <summary>Throws unless 1 &lt;= <paramref name="batch"/> &lt;= <paramref name="maxBatch"/>.</summary>
    public static void Batch(int batch, int maxBatch)
    {
        if (batch < 1 || batch > maxBatch)
        {
            throw new ArgumentOutOfRangeException(nameof(batch), batch,
                $"batch must be between 1 and the maxBatch of {maxBatch} this network was constructed with, got {batch}.");
        }
    }

    /// <summary>Throws unless a span holds exactly <paramref name="batch"/> x <paramref name="perExample"/> elements.</summary>
    public static void Length(int actual, int batch, int perExample, string parameterName)
    {
        long expected = (long)batch * perExample;
        if (actual != expected)
        {
            throw new ArgumentException(
                $"{parameterName} must hold batch * {perExample} = {batch} * {perExample} = {expected} elements, got {actual}.", parameterName);
        }
    }

    /// <summary>Returns a regularisation strength after checking it is finite and not negative.</summary>
    public static float Regularization(float strength)
    {
        if (!float.IsFinite(strength) || strength < 0f)
        {
            throw new ArgumentOutOfRangeException(nameof(strength), strength, $"A regularisation strength must be finite and >= 0, got {strength}.");
        }
        return strength;
    }
}
