namespace StaticNets.Training;

/// <summary>Why a training run ended.</summary>
public enum StopReason
{
    /// <summary>Every requested epoch ran.</summary>
    Completed,

    /// <summary>Validation had not improved for <see cref="TrainerOptions.Patience"/> epochs.</summary>
    EarlyStopped,

    /// <summary>
    /// The running training loss exceeded <see cref="TrainerOptions.DivergenceFactor"/> (3 by default) times its
    /// starting value: the learning rate is probably too high (notes §6.5, §6.6).
    /// </summary>
    Diverged,

    /// <summary>A training loss came out NaN or infinite.</summary>
    NotANumber,
}
