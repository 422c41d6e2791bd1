using System;

namespace StaticNets.Training;

/// <summary>
/// Compares a network's analytic gradient with centred finite differences (notes §3.3), parameter by parameter,
/// using the relative error |a - n| / max(|a|, |n|) as CS231n defines it.
/// </summary>
/// <remarks>
/// The loss is float32, so the step must be large enough that L(w+h) - L(w-h) is well above float rounding of L
/// (about 1e-7 * L): the default h = 1e-2 keeps that noise near 1e-5 in the gradient, while the truncation error
/// of the centred difference, O(h^2), stays near 1e-4 for smooth losses. Kinks (ReLU, max pooling, SVM margins)
/// crossed by a perturbation give large errors at single parameters; that is the notes' caveat, not a bug.
/// <see cref="IClassifier.ForwardBackward"/> must be deterministic for the check to mean anything (no dropout).
/// </remarks>
public static class GradientCheck
{
    /// <summary>
    /// Checks <paramref name="parameterSamples"/> parameters (drawn without replacement; all of them when it is at
    /// least <see cref="INetwork.ParameterCount"/>). Each parameter is restored bit for bit after its two
    /// evaluations, and <see cref="INetwork.Gradients"/> holds the analytic gradient again on return.
    /// </summary>
    /// <param name="network">The network to check; its parameters should already be initialised.</param>
    /// <param name="input">At least <paramref name="batch"/> * <see cref="INetwork.InputLength"/> floats (NCHW); only that prefix is used.</param>
    /// <param name="labels">At least <paramref name="batch"/> labels; only that prefix is used.</param>
    /// <param name="batch">Examples in the batch, 1 .. <see cref="INetwork.MaxBatch"/>.</param>
    /// <param name="parameterSamples">How many parameters to check; at least 1.</param>
    /// <param name="seed">Seed for choosing which parameters to check.</param>
    /// <param name="step">The perturbation h, finite and greater than 0.</param>
    /// <returns>Per-parameter entries (in increasing index order) and the worst relative error.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> is null.</exception>
    /// <exception cref="ArgumentException">A size, count or the step is out of range (the message gives the expected value).</exception>
    public static GradientCheckResult Run(
        IClassifier network,
        ReadOnlySpan<float> input,
        ReadOnlySpan<int> labels,
        int batch,
        int parameterSamples,
        int seed,
        float step = 1e-2f)
    {
        Validate(network, input, labels, batch, step);
        if (parameterSamples < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(parameterSamples), parameterSamples, "At least 1 parameter must be checked.");
        }

        int parameterCount = network.ParameterCount;
        input = input.Slice(0, batch * network.InputLength);
        labels = labels.Slice(0, batch);

        return Check(network, input, labels, batch, SampleIndices(parameterCount, parameterSamples, seed), step);
    }

    /// <summary>
    /// Checks exactly the parameters at <paramref name="parameterIndices"/>, for example a sample from every tensor
    /// so that a small layer is not drowned out by a large one. Restores parameters and gradients like
    /// <see cref="Run(IClassifier, ReadOnlySpan{float}, ReadOnlySpan{int}, int, int, int, float)"/>.
    /// </summary>
    /// <param name="network">The network to check; its parameters should already be initialised.</param>
    /// <param name="input">At least <paramref name="batch"/> * <see cref="INetwork.InputLength"/> floats (NCHW); only that prefix is used.</param>
    /// <param name="labels">At least <paramref name="batch"/> labels; only that prefix is used.</param>
    /// <param name="batch">Examples in the batch, 1 .. <see cref="INetwork.MaxBatch"/>.</param>
    /// <param name="parameterIndices">Indices into <see cref="INetwork.Parameters"/>; at least one.</param>
    /// <param name="step">The perturbation h, finite and greater than 0.</param>
    /// <returns>One entry per index, in the order given, and the worst relative error.</returns>
    public static GradientCheckResult Run(
        IClassifier network,
        ReadOnlySpan<float> input,
        ReadOnlySpan<int> labels,
        int batch,
        ReadOnlySpan<int> parameterIndices,
        float step = 1e-2f)
    {
        Validate(network, input, labels, batch, step);
        ValidateIndices(network, parameterIndices);
        return Check(network, input.Slice(0, batch * network.InputLength), labels.Slice(0, batch), batch, parameterIndices.ToArray(), step);
    }

    /// <summary>
    /// Checks the network's float32 analytic gradient against centred differences taken in float64 through its
    /// <see cref="ReferenceNetwork"/> twin, at the same parameters. With float64 the step can be tiny (1e-6), so
    /// neither float32 rounding of the loss nor a ReLU or max-pool kink crossed by the perturbation blurs the
    /// comparison: what remains is the analytic gradient's own error.
    /// </summary>
    /// <param name="network">The network to check; its parameters should already be initialised.</param>
    /// <param name="input">At least <paramref name="batch"/> * <see cref="INetwork.InputLength"/> floats (NCHW); only that prefix is used.</param>
    /// <param name="labels">At least <paramref name="batch"/> labels; only that prefix is used.</param>
    /// <param name="batch">Examples in the batch, 1 .. <see cref="INetwork.MaxBatch"/>.</param>
    /// <param name="parameterIndices">Indices into <see cref="INetwork.Parameters"/>; at least one.</param>
    /// <param name="step">The perturbation h, applied in float64.</param>
    /// <returns>One entry per index, in the order given, and the worst relative error.</returns>
    public static GradientCheckResult RunFloat64(
        IClassifier network,
        ReadOnlySpan<float> input,
        ReadOnlySpan<int> labels,
        int batch,
        ReadOnlySpan<int> parameterIndices,
        double step = 1e-6)
    {
        Validate(network, input, labels, batch, (float)step);
        ValidateIndices(network, parameterIndices);
        float[] x = input.Slice(0, batch * network.InputLength).ToArray();
        int[] y = labels.Slice(0, batch).ToArray();
        var twin = new ReferenceNetwork(network);
        // The twin must see the dropout masks this pass draws: remember the generator's state before it.
        ulong state = network.RandomState;
        float loss = network.ForwardBackward(x, y, batch);
        return CompareWithTwin(network, loss, parameterIndices, step,
            parameters => twin.Loss(parameters, x, y, batch, network.L2Regularization, network.L1Regularization, state));
    }

    /// <summary>
    /// <see cref="RunFloat64(IClassifier, ReadOnlySpan{float}, ReadOnlySpan{int}, int, ReadOnlySpan{int}, double)"/>
    /// for a network trained on real-valued targets (L2 loss).
    /// </summary>
    /// <param name="network">The network to check; its parameters should already be initialised.</param>
    /// <param name="input">Exactly <paramref name="batch"/> * <see cref="INetwork.InputLength"/> floats (NCHW).</param>
    /// <param name="targets">Exactly <paramref name="batch"/> * <see cref="INetwork.OutputLength"/> targets.</param>
    /// <param name="batch">Examples in the batch, 1 .. <see cref="INetwork.MaxBatch"/>.</param>
    /// <param name="parameterIndices">Indices into <see cref="INetwork.Parameters"/>; at least one.</param>
    /// <param name="step">The perturbation h, applied in float64.</param>
    /// <returns>One entry per index, in the order given, and the worst relative error.</returns>
    public static GradientCheckResult RunFloat64(
        IRegressor network,
        ReadOnlySpan<float> input,
        ReadOnlySpan<float> targets,
        int batch,
        ReadOnlySpan<int> parameterIndices,
        double step = 1e-6)
    {
        ArgumentNullException.ThrowIfNull(network);
        ValidateIndices(network, parameterIndices);
        float[] x = input.ToArray();
        float[] t = targets.ToArray();
        var twin = new ReferenceNetwork(network);
        ulong state = network.RandomState;
        float loss = network.ForwardBackward(x, t, batch);
        return CompareWithTwin(network, loss, parameterIndices, step,
            parameters => twin.Loss(parameters, x, t, batch, network.L2Regularization, network.L1Regularization, state));
    }

    private static GradientCheckResult CompareWithTwin(INetwork network, float loss, ReadOnlySpan<int> parameterIndices, double step, Func<double[], double> twinLoss)
    {
        double[] parameters = new double[network.ParameterCount];
        for (int i = 0; i < parameters.Length; i++)
        {
            parameters[i] = network.Parameters[i];
        }

        var entries = new GradientCheckEntry[parameterIndices.Length];
        for (int k = 0; k < parameterIndices.Length; k++)
        {
            int index = parameterIndices[k];
            double original = parameters[index];
            parameters[index] = original + step;
            double lossPlus = twinLoss(parameters);
            parameters[index] = original - step;
            double lossMinus = twinLoss(parameters);
            parameters[index] = original;
            double numeric = (lossPlus - lossMinus) / (2 * step);
            double analytic = network.Gradients[index];
            bool bothZero = Math.Abs(analytic) < ZeroGradientFloor && Math.Abs(numeric) < ZeroGradientFloor;
            entries[k] = new GradientCheckEntry(index, analytic, numeric, bothZero ? 0 : RelativeError(analytic, numeric));
        }
        return new GradientCheckResult(loss, entries);
    }

    /// <summary>
    /// Below this magnitude on both sides a gradient counts as exactly zero in <c>RunFloat64</c>, where the relative
    /// error would only compare noise with noise: a bias feeding batch norm, or a class bias the hinge loss leaves
    /// untouched, has a true gradient of 0, which float32 backward passes leave as ~1e-10 residues and float64
    /// centred differences (h = 1e-6) as ~1e-16·|L|/h ≈ 1e-10. 1e-8 is two orders above both and far below the
    /// gradients a check is about.
    /// </summary>
    public const double ZeroGradientFloor = 1e-8;

    private static void ValidateIndices(INetwork network, ReadOnlySpan<int> parameterIndices)
    {
        if (parameterIndices.IsEmpty)
        {
            throw new ArgumentException("At least 1 parameter index must be given.", nameof(parameterIndices));
        }
        foreach (int index in parameterIndices)
        {
            if ((uint)index >= (uint)network.ParameterCount)
            {
                throw new ArgumentOutOfRangeException(nameof(parameterIndices), index, $"Parameter indices must be in [0, {network.ParameterCount}).");
            }
        }
    }

    private static GradientCheckResult Check(IClassifier network, ReadOnlySpan<float> input, ReadOnlySpan<int> labels, int batch, int[] indices, float step)
    {
        float loss = network.ForwardBackward(input, labels, batch);
        float[] analytic = network.Gradients.ToArray();

        var entries = new GradientCheckEntry[indices.Length];
        for (int k = 0; k < indices.Length; k++)
        {
            int index = indices[k];
            double numeric = CentredDifference(network, input, labels, batch, index, step);
            entries[k] = new GradientCheckEntry(index, analytic[index], numeric, RelativeError(analytic[index], numeric));
        }

        analytic.CopyTo(network.Gradients);
        return new GradientCheckResult(loss, entries);
    }

    /// <summary>
    /// The relative error |a - n| / max(|a|, |n|) (CS231n), 0 when both are 0. Unlike the absolute difference it does
    /// not depend on the gradient's scale; NaN in either input gives NaN.
    /// </summary>
    /// <param name="analytic">The analytic gradient.</param>
    /// <param name="numeric">The numeric gradient.</param>
    /// <returns>A value in [0, 1] for finite inputs of the same sign, up to 2 for opposite signs.</returns>
    public static double RelativeError(double analytic, double numeric)
    {
        double scale = Math.Max(Math.Abs(analytic), Math.Abs(numeric));
        if (scale == 0.0)
        {
            return 0.0;
        }

        return Math.Abs(analytic - numeric) / scale;
    }

    private static void Validate(IClassifier network, ReadOnlySpan<float> input, ReadOnlySpan<int> labels, int batch, float step)
    {
        ArgumentNullException.ThrowIfNull(network);
        if (batch < 1 || batch > network.MaxBatch)
        {
            throw new ArgumentOutOfRangeException(nameof(batch), batch, $"The batch must be between 1 and the network's MaxBatch ({network.MaxBatch}).");
        }

        long inputNeeded = (long)batch * network.InputLength;
        if (input.Length < inputNeeded)
        {
            throw new ArgumentException($"The input must hold at least {inputNeeded} floats ({batch} x {network.InputLength}), but holds {input.Length}.", nameof(input));
        }

        if (labels.Length < batch)
        {
            throw new ArgumentException($"The labels must hold at least {batch} entries, but hold {labels.Length}.", nameof(labels));
        }

        if (!float.IsFinite(step) || step <= 0f)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The finite-difference step must be finite and greater than 0.");
        }

        int parameterCount = network.ParameterCount;
        if (parameterCount < 1 || network.Parameters.Length != parameterCount || network.Gradients.Length != parameterCount)
        {
            throw new ArgumentException(
                $"The network reports {parameterCount} parameters but exposes {network.Parameters.Length} parameters and {network.Gradients.Length} gradients.",
                nameof(network));
        }
    }

    private static double CentredDifference(IClassifier network, ReadOnlySpan<float> input, ReadOnlySpan<int> labels, int batch, int index, float step)
    {
        float original = network.Parameters[index];
        float plus = original + step;
        float minus = original - step;

        network.Parameters[index] = plus;
        float lossPlus = network.ForwardBackward(input, labels, batch);
        network.Parameters[index] = minus;
        float lossMinus = network.ForwardBackward(input, labels, batch);
        network.Parameters[index] = original;

        // Divide by the perturbation float arithmetic actually applied, which can differ from 2h by rounding.
        return ((double)lossPlus - lossMinus) / ((double)plus - minus);
    }

    private static int[] SampleIndices(int parameterCount, int samples, int seed)
    {
        var all = new int[parameterCount];
        for (int i = 0; i < parameterCount; i++)
        {
            all[i] = i;
        }

        if (samples >= parameterCount)
        {
            return all;
        }

        // Partial Fisher–Yates: the first `samples` slots become a uniform draw without replacement.
        var random = new Random(seed);
        for (int i = 0; i < samples; i++)
        {
            int j = random.Next(i, parameterCount);
            (all[i], all[j]) = (all[j], all[i]);
        }

        int[] chosen = all.AsSpan(0, samples).ToArray();
        Array.Sort(chosen);
        return chosen;
    }
}
