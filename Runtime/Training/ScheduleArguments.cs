using System;

namespace StaticNets.Training;

/// <summary>Checks and clamping shared by the learning-rate schedules.</summary>
internal static class ScheduleArguments
{
    public static void Check(float initial, int epoch)
    {
        if (!float.IsFinite(initial) || initial <= 0f)
        {
            throw new ArgumentOutOfRangeException(nameof(initial), initial, "The initial learning rate must be finite and greater than 0.");
        }

        if (epoch < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(epoch), epoch, "The epoch must not be negative (epochs are counted from 0).");
        }
    }

    /// <summary>
    /// Narrows a decayed rate to float without letting it underflow to 0, which no optimizer accepts: a schedule
    /// that has decayed that far has effectively stopped training, and saying so with the smallest float is enough.
    /// </summary>
    public static float ToLearningRate(double value) => (float)Math.Max(value, float.Epsilon);
}
