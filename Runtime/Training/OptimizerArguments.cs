using System;

namespace StaticNets.Training;

/// <summary>Argument checks shared by the optimizers, so each reports a bad hyperparameter with the same message.</summary>
internal static class OptimizerArguments
{
    /// <summary>Returns the network's parameter count after checking that its spans agree with it.</summary>
    public static int ParameterCount(INetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        int count = network.ParameterCount;
        if (network.Parameters.Length != count || network.Gradients.Length != count)
        {
            throw new ArgumentException(
                $"The network reports {count} parameters but exposes {network.Parameters.Length} parameters and {network.Gradients.Length} gradients.",
                nameof(network));
        }

        return count;
    }

    /// <summary>Returns <paramref name="value"/> after checking it is a usable learning rate.</summary>
    public static float LearningRate(float value)
    {
        if (!float.IsFinite(value) || value <= 0f)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "The learning rate must be finite and greater than 0.");
        }

        return value;
    }

    /// <summary>Returns <paramref name="value"/> after checking it lies in [0, 1) (a momentum or a decay rate).</summary>
    public static float UnitInterval(float value, string what)
    {
        if (!(value >= 0f && value < 1f))
        {
            throw new ArgumentOutOfRangeException(what, value, $"The {what} must be at least 0 and less than 1.");
        }

        return value;
    }

    /// <summary>Returns <paramref name="value"/> after checking it is a usable epsilon (finite, greater than 0).</summary>
    public static float Epsilon(float value)
    {
        if (!float.IsFinite(value) || value <= 0f)
        {
            throw new ArgumentOutOfRangeException("epsilon", value, "The epsilon must be finite and greater than 0.");
        }

        return value;
    }
}
