namespace StaticNets.Training;

/// <summary>No schedule: every epoch uses the initial learning rate.</summary>
public sealed class ConstantLearningRate : ILearningRateSchedule
{
    /// <inheritdoc />
    public float LearningRate(float initial, int epoch)
    {
        ScheduleArguments.Check(initial, epoch);
        return initial;
    }

    /// <inheritdoc />
    public override string ToString() => "constant";
}
