using StaticNets.Generator.Binding.Layers;

namespace StaticNets.Generator.Binding;

/// <summary>
/// One layer of the flat list between expansion and shape checking: its rule, its settings (null when
/// they were reported as invalid) and where its name is written.
/// </summary>
/// <param name="WrittenName">The name as written, upper case (<c>MAXPOOL</c>), for messages and the summary.</param>
/// <param name="Implied">True for the scoring FC the binder inserts before a loss.</param>
internal sealed record BoundEntry(LayerRule Rule, LayerSettings? Settings, string WrittenName, SourceSpan NameAt, bool Implied);
