using System.Collections.Immutable;
using System.Globalization;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding.Layers;

/// <summary>
/// Everything the binder knows about one layer kind: its names, its arguments, their ranges and its
/// shape rule. One subclass per kind, so each layer's rules live in one file.
/// </summary>
internal abstract class LayerRule
{
    /// <summary>Canonical upper-case name, e.g. <c>CONV</c>.</summary>
    public abstract string Name { get; }

    /// <summary>Every name the layer answers to (upper case), the canonical one first.</summary>
    public virtual ImmutableArray<string> Names => ImmutableArray.Create(Name);

    public abstract LayerKind Kind { get; }

    /// <summary>Arguments in positional order.</summary>
    public abstract ImmutableArray<LayerParameter> Parameters { get; }

    /// <summary>Prefix of the PyTorch-style module name (<c>conv</c> for <c>conv1</c>).</summary>
    public abstract string ModulePrefix { get; }

    /// <summary>True for the losses (<see cref="LossRule"/>), which come last and only once.</summary>
    public bool IsLoss => this is LossRule;

    /// <summary>
    /// How the nearest layer with weights before this one is initialised when this is the first layer
    /// after it that does not <see cref="PassesInitChoiceOn"/>: He for the ReLU family, Xavier for tanh
    /// and anything not nonlinear (another linear layer), the notes' sigmoid variant for sigmoid,
    /// small scores for a loss (notes §6.3).
    /// </summary>
    public virtual WeightInit InitBefore => WeightInit.Xavier;

    /// <summary>How the layer transforms values, for SN1001 (two linear layers with nothing nonlinear between them).</summary>
    public virtual LayerLinearity Linearity => LayerLinearity.Nonlinear;

    /// <summary>
    /// True for layers that leave the choice to the layer after them (batch norm, dropout, pooling): they
    /// rescale, drop or select values but do not change which nonlinearity the weights feed.
    /// </summary>
    public virtual bool PassesInitChoiceOn => false;

    /// <summary>
    /// For a layer whose own weights are always initialised the same way (maxout, batch norm, PReLU),
    /// that way; null when the layer after it decides.
    /// </summary>
    public virtual WeightInit? OwnInit => null;

    /// <summary>The value of every weight when <see cref="OwnInit"/> is <see cref="WeightInit.Constant"/>.</summary>
    public virtual float InitConstant => 0f;

    /// <summary>Checks argument ranges and fills in defaults; null (with diagnostics) when something is wrong.</summary>
    public abstract LayerSettings? Configure(LayerArguments arguments, DiagnosticBag diagnostics);

    /// <summary>The shape rule; null (with a diagnostic) when the input does not fit.</summary>
    /// <param name="context">How messages name this repetition of the layer and the layer that produced its input.</param>
    public abstract LayerShape? Apply(LayerSettings settings, Shape input, LayerContext context, DiagnosticBag diagnostics);

    /// <summary>
    /// Reads an integer argument that must be at least <paramref name="minimum"/>; reports SN0009 and
    /// returns false when it is below. Missing arguments take <paramref name="fallback"/> at the layer name.
    /// </summary>
    protected static bool TryReadAtLeast(LayerArguments arguments, string parameter, int minimum, int fallback,
        DiagnosticBag diagnostics, out int value, out SourceSpan at)
    {
        if (!arguments.TryGet(parameter, out var resolved))
        {
            value = fallback;
            at = arguments.NameAt;
            return true;
        }
        value = resolved.Value;
        at = resolved.At;
        if (resolved.IsSame || value < minimum)
        {
            diagnostics.Add(DiagnosticDescriptors.InvalidValue, resolved.At,
                arguments.WrittenName + " " + parameter + " must be at least " + Format(minimum) + ", got "
                + (resolved.IsSame ? "same" : Format(value)));
            return false;
        }
        return true;
    }

    /// <summary>
    /// Reads a real argument that must lie in <paramref name="range"/>; reports SN0009 on the value, with
    /// the range and the value, and returns false when it does not. Missing arguments take <paramref name="fallback"/>.
    /// </summary>
    protected static bool TryReadReal(LayerArguments arguments, string parameter, float fallback, RealRange range,
        DiagnosticBag diagnostics, out float value)
    {
        if (!arguments.TryGet(parameter, out var resolved))
        {
            value = fallback;
            return true;
        }
        value = resolved.Real;
        if (range.Contains(value))
        {
            return true;
        }
        // The written number may be in range and only its float not (1e-50 is 0, 1e39 is infinity): say so.
        string rounding = range.Contains(resolved.Exact) ? " (" + FormatReal(value) + " as a float)" : string.Empty;
        diagnostics.Add(DiagnosticDescriptors.InvalidValue, resolved.At,
            arguments.WrittenName + " " + parameter + " must be " + range.Describe() + ", got " + resolved.Text + rounding);
        return false;
    }

    /// <summary>Reports the required arguments that neither the layer nor Defaults gave.</summary>
    protected bool HasRequired(LayerArguments arguments, DiagnosticBag diagnostics)
    {
        var missing = ImmutableArray.CreateBuilder<string>();
        foreach (var parameter in Parameters)
        {
            if (parameter.Required && !arguments.TryGet(parameter.Name, out _))
            {
                missing.Add(parameter.Name);
            }
        }
        if (missing.Count == 0)
        {
            return true;
        }
        diagnostics.Add(DiagnosticDescriptors.InvalidValue, arguments.NameAt,
            arguments.WrittenName + " is missing " + string.Join(" and ", missing) + ": write " + Usage
            + " or give them in Defaults");
        return false;
    }

    /// <summary>How the layer is written with its required arguments, for messages.</summary>
    public string Usage
    {
        get
        {
            var required = ImmutableArray.CreateBuilder<string>();
            foreach (var parameter in Parameters)
            {
                if (parameter.Required)
                {
                    required.Add(parameter.Name);
                }
            }
            return required.Count == 0 ? Name : Name + "(" + string.Join(", ", required) + ")";
        }
    }

    /// <summary>
    /// Builds the output shape, or reports SN0009 when it holds more values per example than
    /// <see cref="NetworkLimits.MaxElements"/> (so no size ever overflows <see cref="int"/>).
    /// </summary>
    protected static bool TryCreateShape(long channels, long height, long width, string label, SourceSpan at,
        DiagnosticBag diagnostics, out Shape shape)
    {
        long length = NetworkLimits.SaturatingMultiply(NetworkLimits.SaturatingMultiply(channels, height), width);
        if (length > NetworkLimits.MaxElements)
        {
            diagnostics.Add(DiagnosticDescriptors.InvalidValue, at,
                label + " output " + Format(channels) + "x" + Format(height) + "x" + Format(width) + " has "
                + (length == long.MaxValue ? "too many" : Format(length)) + " values per example, more than the limit of "
                + Format(NetworkLimits.MaxElements));
            shape = default;
            return false;
        }
        shape = new Shape((int)channels, (int)height, (int)width);
        return true;
    }

    protected static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A float in its shortest form that reads back to the same float, with a plain exponent:
    /// <c>0.01</c>, <c>1e-5</c>, <c>1e20</c> (for summaries and messages).
    /// </summary>
    public static string FormatReal(float value)
    {
        if (float.IsPositiveInfinity(value))
        {
            return "infinity";
        }
        if (float.IsNegativeInfinity(value))
        {
            return "-infinity";
        }
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        int exponent = text.IndexOf('E');
        if (exponent < 0)
        {
            return text;
        }
        int power = int.Parse(text.Substring(exponent + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return text.Substring(0, exponent) + "e" + power.ToString(CultureInfo.InvariantCulture);
    }
}
