using StaticNets.Generator.Model;

namespace StaticNets.Generator.Binding.Layers;

/// <summary>
/// What the losses share: last and only once, named without a number (<c>softmax</c>), as wide as
/// <c>Classes</c>. Placement and width are checked by <see cref="LossChecker"/>, which sees the layer
/// before the loss and <c>Classes</c>; the shape rule passes the scores through.
/// </summary>
internal abstract class LossRule : LayerRule
{
    /// <summary>The layer feeding the loss starts small, so the untrained loss is what the notes' sanity check expects.</summary>
    public override WeightInit InitBefore => WeightInit.Scoring;

    /// <summary>What the loss reads from the layer before it, for messages: <c>scores</c>.</summary>
    public virtual string Inputs => "scores";

    /// <summary>What <c>Classes</c> means for this loss, for messages.</summary>
    public virtual string WidthMeaning => "the number of classes";

    public override LayerSettings? Configure(LayerArguments arguments, DiagnosticBag diagnostics) =>
        LayerSettings.Plain(arguments.WrittenName, arguments.NameAt);

    public override LayerShape? Apply(LayerSettings settings, Shape input, LayerContext context, DiagnosticBag diagnostics) =>
        new LayerShape(input, 0, 0, 0);
}
