namespace StaticNets.Training;

/// <summary>How the learning rate changes from epoch to epoch during training.</summary>
public interface ILearningRateSchedule
{
    /// <summary>The learning rate to use throughout epoch <paramref name="epoch"/>.</summary>
    /// <param name="initial">lr0, the learning rate of epoch 0; finite and greater than 0.</param>
    /// <param name="epoch">The epoch, counted from 0; not negative.</param>
    /// <returns>A finite learning rate greater than 0 (never rounded down to 0, so it stays valid for an optimizer).</returns>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="initial"/> or <paramref name="epoch"/> is out of range.</exception>
    float LearningRate(float initial, int epoch);
}
