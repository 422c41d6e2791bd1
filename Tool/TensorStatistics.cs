using System;

namespace StaticNets.Tool;

/// <summary>
/// Running statistics of a tensor's values: min, max, mean and population standard deviation over the finite
/// values (Welford's update, stable for long tensors), and how many values are NaN or infinite.
/// </summary>
internal sealed class TensorStatistics
{
    private double _mean;
    private double _squaredDeviations;

    /// <summary>Values seen, finite or not.</summary>
    public long Count { get; private set; }

    /// <summary>Finite values seen: the ones <see cref="Min"/>, <see cref="Max"/>, <see cref="Mean"/> and <see cref="StandardDeviation"/> describe.</summary>
    public long FiniteCount { get; private set; }

    public long NaNCount { get; private set; }

    public long InfinityCount { get; private set; }

    public double Min { get; private set; } = double.PositiveInfinity;

    public double Max { get; private set; } = double.NegativeInfinity;

    public double Mean => FiniteCount == 0 ? double.NaN : _mean;

    public double StandardDeviation => FiniteCount == 0 ? double.NaN : Math.Sqrt(_squaredDeviations / FiniteCount);

    public void Add(double value)
    {
        Count++;
        if (double.IsNaN(value))
        {
            NaNCount++;
            return;
        }
        if (double.IsInfinity(value))
        {
            InfinityCount++;
            return;
        }
        FiniteCount++;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
        double delta = value - _mean;
        _mean += delta / FiniteCount;
        _squaredDeviations += delta * (value - _mean);
    }
}
