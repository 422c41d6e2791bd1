using System;
using System.Globalization;
using StaticNets.Training;

namespace StaticNets.ConsoleProgress;

/// <summary>
/// The running epoch's numbers for the live columns. One instance is reused for the whole run, so a batch report
/// stores four numbers and allocates nothing; the text is made only when a column is drawn.
/// </summary>
internal sealed class EpochState
{
    private readonly object _gate = new();
    private float _meanLoss = float.NaN;
    private int _examples;
    private int _examplesPerEpoch;
    private double _seconds;
    private float _trainingAccuracy = float.NaN;

    public void Update(BatchReport report)
    {
        lock (_gate)
        {
            _meanLoss = report.MeanLoss;
            _examples = report.Examples;
            _examplesPerEpoch = report.ExamplesPerEpoch;
            _seconds = report.Seconds;
        }
    }

    /// <summary>Keeps the finished epoch's training accuracy: the latest known while the next epoch runs.</summary>
    public void FinishEpoch(float trainingAccuracy)
    {
        lock (_gate)
        {
            _trainingAccuracy = trainingAccuracy;
        }
    }

    public string LossText()
    {
        lock (_gate)
        {
            return float.IsNaN(_meanLoss) ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"loss {_meanLoss:0.0000}");
        }
    }

    public string AccuracyText()
    {
        lock (_gate)
        {
            return float.IsNaN(_trainingAccuracy) ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"train acc {_trainingAccuracy:0.00%}");
        }
    }

    public string SpeedText()
    {
        lock (_gate)
        {
            return _seconds > 0 ? string.Create(CultureInfo.InvariantCulture, $"{_examples / _seconds:0} ex/s") : string.Empty;
        }
    }

    public string TimeLeftText()
    {
        lock (_gate)
        {
            if (_examples <= 0 || _seconds <= 0)
            {
                return string.Empty;
            }

            // The epoch's mean rate so far: steadier than the last batch's.
            double left = _seconds * (_examplesPerEpoch - _examples) / _examples;
            return $"{EpochLine.Duration(left)} left";
        }
    }
}
