using System;
using StaticNets.Data;

namespace StaticNets.Training;

/// <summary>Training an <see cref="IClassifier"/> on labelled images; the best epoch is the one with the highest validation accuracy.</summary>
internal sealed class ClassificationTask : TrainingTask
{
    private readonly IClassifier _network;
    private readonly ImageDataset _training;
    private readonly ImageDataset _validation;
    private readonly ClassifierLoss _loss;
    private readonly int _trainingAccuracyExamples;
    private readonly float[] _batchFeatures;
    private readonly int[] _batchLabels;
    private readonly float[] _outputs;

    public ClassificationTask(IClassifier network, ImageDataset training, ImageDataset validation, TrainerOptions options)
        : base(network, training.Count, options)
    {
        CheckInputLength(network, training.FeatureLength, nameof(training));
        CheckInputLength(network, validation.FeatureLength, nameof(validation));
        CheckLabels(training, network.OutputLength, nameof(training));
        CheckLabels(validation, network.OutputLength, nameof(validation));
        _loss = ClassifierLoss.ReadFrom(network, nameof(network));
        _network = network;
        _training = training;
        _validation = validation;
        _trainingAccuracyExamples = Math.Min(options.TrainingAccuracyExamples, training.Count);
        _batchFeatures = new float[BatchSize * network.InputLength];
        _batchLabels = new int[BatchSize];
        _outputs = new float[network.MaxBatch * network.OutputLength];
    }

    public override float TrainOnBatch(int batchIndex)
    {
        int count = Sampler.Gather(batchIndex, BatchSize, _training.Features, _training.FeatureLength, _training.Labels, _batchFeatures, _batchLabels);
        return _network.ForwardBackward(_batchFeatures.AsSpan(0, count * _network.InputLength), _batchLabels.AsSpan(0, count), count);
    }

    public override Evaluation EvaluateValidation() => Evaluate(_validation, _validation.Count);

    public override float TrainingAccuracy() =>
        _trainingAccuracyExamples == 0 ? float.NaN : Evaluate(_training, _trainingAccuracyExamples).Accuracy;

    public override bool IsImprovement(Evaluation candidate, Evaluation best) => candidate.Accuracy > best.Accuracy;

    /// <summary>Accuracy and mean data loss over the first <paramref name="count"/> examples, in chunks of MaxBatch.</summary>
    private Evaluation Evaluate(ImageDataset data, int count)
    {
        int inputLength = _network.InputLength, classes = _network.OutputLength;
        int correct = 0;
        double loss = 0;
        for (int first = 0; first < count; first += _network.MaxBatch)
        {
            int batch = Math.Min(_network.MaxBatch, count - first);
            Span<float> outputs = _outputs.AsSpan(0, batch * classes);
            _network.Forward(data.Features.AsSpan(first * inputLength, batch * inputLength), outputs, batch);
            for (int n = 0; n < batch; n++)
            {
                ReadOnlySpan<float> row = outputs.Slice(n * classes, classes);
                int label = data.Labels[first + n];
                // The arg-max of probabilities is the arg-max of scores, so this is what Predict would answer.
                correct += ArgMax(row) == label ? 1 : 0;
                loss += _loss.ExampleLoss(row, label);
            }
        }

        return new Evaluation((float)correct / count, (float)(loss / count));
    }

    private static int ArgMax(ReadOnlySpan<float> row)
    {
        int best = 0;
        for (int c = 1; c < row.Length; c++)
        {
            best = row[c] > row[best] ? c : best;
        }

        return best;
    }

    private static void CheckLabels(ImageDataset data, int classes, string parameterName)
    {
        for (int i = 0; i < data.Count; i++)
        {
            if ((uint)data.Labels[i] >= (uint)classes)
            {
                throw new ArgumentException(
                    $"Label {data.Labels[i]} of example {i} is outside the network's classes 0 .. {classes - 1}.", parameterName);
            }
        }
    }
}
