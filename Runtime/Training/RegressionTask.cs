using System;

namespace StaticNets.Training;

/// <summary>Training an <see cref="IRegressor"/> on real-valued targets; the best epoch is the one with the lowest validation loss.</summary>
internal sealed class RegressionTask : TrainingTask
{
    private readonly IRegressor _network;
    private readonly RegressionDataset _training;
    private readonly RegressionDataset _validation;
    private readonly float[] _batchFeatures;
    private readonly float[] _batchTargets;
    private readonly float[] _outputs;

    public RegressionTask(IRegressor network, RegressionDataset training, RegressionDataset validation, TrainerOptions options)
        : base(network, training.Count, options)
    {
        CheckInputLength(network, training.FeatureLength, nameof(training));
        CheckInputLength(network, validation.FeatureLength, nameof(validation));
        CheckTargetLength(network, training, nameof(training));
        CheckTargetLength(network, validation, nameof(validation));
        _network = network;
        _training = training;
        _validation = validation;
        _batchFeatures = new float[BatchSize * network.InputLength];
        _batchTargets = new float[BatchSize * network.OutputLength];
        _outputs = new float[network.MaxBatch * network.OutputLength];
    }

    public override float TrainOnBatch(int batchIndex)
    {
        int featureLength = _training.FeatureLength, targetLength = _training.TargetLength;
        int first = batchIndex * BatchSize;
        int count = Math.Min(BatchSize, _training.Count - first);
        // MinibatchSampler.Gather copies int labels only, so the targets follow its order here.
        ReadOnlySpan<int> order = Sampler.Order.Slice(first, count);
        for (int k = 0; k < count; k++)
        {
            int example = order[k];
            _training.Features.AsSpan(example * featureLength, featureLength).CopyTo(_batchFeatures.AsSpan(k * featureLength));
            _training.Targets.AsSpan(example * targetLength, targetLength).CopyTo(_batchTargets.AsSpan(k * targetLength));
        }

        return _network.ForwardBackward(_batchFeatures.AsSpan(0, count * featureLength), _batchTargets.AsSpan(0, count * targetLength), count);
    }

    /// <summary>Mean over the validation examples of sum((prediction - target)^2): the regressor's own data loss.</summary>
    public override Evaluation EvaluateValidation()
    {
        int inputLength = _network.InputLength, outputLength = _network.OutputLength;
        double loss = 0;
        for (int first = 0; first < _validation.Count; first += _network.MaxBatch)
        {
            int batch = Math.Min(_network.MaxBatch, _validation.Count - first);
            Span<float> outputs = _outputs.AsSpan(0, batch * outputLength);
            _network.Forward(_validation.Features.AsSpan(first * inputLength, batch * inputLength), outputs, batch);
            ReadOnlySpan<float> targets = _validation.Targets.AsSpan(first * outputLength, batch * outputLength);
            for (int i = 0; i < outputs.Length; i++)
            {
                double error = (double)outputs[i] - targets[i];
                loss += error * error;
            }
        }

        return new Evaluation(float.NaN, (float)(loss / _validation.Count));
    }

    public override float TrainingAccuracy() => float.NaN;

    public override bool IsImprovement(Evaluation candidate, Evaluation best) => candidate.Loss < best.Loss;

    private static void CheckTargetLength(IRegressor network, RegressionDataset data, string parameterName)
    {
        if (data.TargetLength != network.OutputLength)
        {
            throw new ArgumentException(
                $"The examples have {data.TargetLength} targets but the network predicts {network.OutputLength} per example.", parameterName);
        }
    }
}
