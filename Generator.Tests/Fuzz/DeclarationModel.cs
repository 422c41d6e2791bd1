using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using StaticNets.Generator.Binding;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Tests.Fuzz;

/// <summary>An argument value as written: a number, <c>same</c>, a Let variable, or a list (optionally <c>@VAR</c>).</summary>
internal abstract record ArgValue
{
    public abstract string Text { get; }
}

internal sealed record NumberValue(string Written, double Number) : ArgValue
{
    public override string Text => Written;
}

internal sealed record SameValue(string Written) : ArgValue
{
    public override string Text => Written;
}

internal sealed record VariableValue(string Name) : ArgValue
{
    public override string Text => Name;
}

internal sealed record ListValue(IReadOnlyList<ArgValue> Items, string? BoundTo) : ArgValue
{
    public override string Text => "[" + string.Join(",", Items.Select(i => i.Text)) + "]" + (BoundTo is null ? string.Empty : "@" + BoundTo);
}

/// <summary>One argument: positional when <paramref name="Name"/> is null.</summary>
internal sealed record Arg(string? Name, ArgValue Value);

/// <summary>A node of a generated architecture, kept as a tree so it can be printed, expanded and repaired.</summary>
internal abstract class ArchitectureNode
{
}

/// <summary>
/// A written layer. <see cref="Kind"/> is the canonical name of its rule (<c>POOL</c> for <c>MAXPOOL</c>,
/// <c>BATCHNORM</c> for <c>BN</c>), <see cref="Written"/> the name as printed (any case). Mutable only so the
/// repair step can make a layer that does not fit keep its input's size, and mutations misspell it.
/// </summary>
internal sealed class LayerNode : ArchitectureNode
{
    public LayerNode(string kind, string written, IReadOnlyList<Arg> args)
    {
        Kind = kind;
        Written = written;
        Args = args;
    }

    public string Kind { get; }

    public string Written { get; set; }

    public IReadOnlyList<Arg> Args { get; set; }
}

internal sealed class SequenceNode : ArchitectureNode
{
    public SequenceNode(IReadOnlyList<ArchitectureNode> terms) => Terms = terms;

    public IReadOnlyList<ArchitectureNode> Terms { get; set; }
}

/// <summary><c>(Body)*Count</c>; <see cref="Count"/> is a number or a Let variable, <see cref="Value"/> what it is worth.</summary>
internal sealed class RepeatNode : ArchitectureNode
{
    public RepeatNode(ArchitectureNode body, string count, int value, bool parenthesized)
    {
        Body = body;
        Count = count;
        Value = value;
        Parenthesized = parenthesized;
    }

    public ArchitectureNode Body { get; }

    public string Count { get; set; }

    public int Value { get; }

    /// <summary>False only for a single layer written <c>FC(2)*3</c>.</summary>
    public bool Parenthesized { get; }
}

/// <summary>One pass through a repetition around a layer instance, innermost first.</summary>
internal sealed record Pass(RepeatNode Repeat, int Index);

/// <summary>
/// A whole declaration: the architecture tree, Let, Defaults and the other attribute values, with what the
/// test expects the binder to compute for it (<see cref="ExpectedShapes"/>, filled in by <see cref="ShapeOracle"/>).
/// </summary>
internal sealed class Declaration
{
    public Declaration(SequenceNode root, Shape input, string inputText, int? classes, IReadOnlyDictionary<string, int> let, string? letText,
        IReadOnlyDictionary<string, LayerNode> defaults, bool spaced)
    {
        Root = root;
        Input = input;
        InputText = inputText;
        Classes = classes;
        Let = let;
        LetText = letText;
        Defaults = defaults;
        Spaced = spaced;
    }

    public SequenceNode Root { get; }

    public Shape Input { get; }

    public string InputText { get; }

    public int? Classes { get; }

    public IReadOnlyDictionary<string, int> Let { get; }

    public string? LetText { get; }

    /// <summary>Defaults by canonical kind (null text when there are none).</summary>
    public IReadOnlyDictionary<string, LayerNode> Defaults { get; }

    /// <summary>Whether the printed text puts spaces around '+' and after ','.</summary>
    public bool Spaced { get; }

    /// <summary>The output shape of every layer the binder should produce, the implied scoring FC included.</summary>
    public IReadOnlyList<Shape> ExpectedShapes { get; set; } = Array.Empty<Shape>();

    /// <summary>The input shape each written layer first receives (its first instance), by the last simulation.</summary>
    public IReadOnlyDictionary<LayerNode, Shape> FirstInputs { get; set; } = new Dictionary<LayerNode, Shape>();

    public string Architecture => Print(Root);

    public string? DefaultsText => Defaults.Count == 0 ? null : string.Join(Spaced ? "; " : ";", Defaults.Values.Select(Print));

    public NetworkArguments ToArguments() => new(Architecture, InputText, Classes, LetText, DefaultsText);

    public override string ToString() => ToArguments().ToString();

    private string Print(ArchitectureNode node) => node switch
    {
        LayerNode layer => layer.Args.Count == 0
            ? layer.Written
            : layer.Written + "(" + string.Join(Spaced ? ", " : ",", layer.Args.Select(a => a.Name is null ? a.Value.Text : a.Name + ":" + (Spaced ? " " : string.Empty) + a.Value.Text)) + ")",
        SequenceNode sequence => string.Join(Spaced ? " + " : "+", sequence.Terms.Select(Print)),
        RepeatNode repeat => (repeat.Parenthesized ? "(" + Print(repeat.Body) + ")" : Print(repeat.Body)) + "*" + repeat.Count,
        _ => throw new InvalidOperationException(node.GetType().Name),
    };
}

/// <summary>
/// The test's own reading of a generated declaration, written from DESIGN.md and the notes rather than from
/// the binder: expands repetitions, resolves each argument (own, else Defaults, else the layer's default;
/// lists per pass), and chains shapes with H2 = (H + 2P - F)/S + 1 (conv) and (H - F)/S + 1 (pooling).
/// </summary>
internal static class ShapeOracle
{
    /// <summary>Positional order of each layer's parameters.</summary>
    private static readonly Dictionary<string, string[]> s_parameters = new(StringComparer.Ordinal)
    {
        ["CONV"] = new[] { "filters", "size", "stride", "pad" },
        ["POOL"] = new[] { "size", "stride" },
        ["AVGPOOL"] = new[] { "size", "stride" },
        ["FC"] = new[] { "units" },
        ["MAXOUT"] = new[] { "units", "pieces" },
        ["LEAKYRELU"] = new[] { "alpha" },
        ["ELU"] = new[] { "alpha" },
        ["BATCHNORM"] = new[] { "momentum", "eps" },
        ["DROPOUT"] = new[] { "p" },
        ["SVM"] = new[] { "margin" },
    };

    private static readonly HashSet<string> s_losses = new(StringComparer.Ordinal) { "SOFTMAX", "SVM", "L2" };

    public static IReadOnlyList<string> Parameters(string kind) => s_parameters.TryGetValue(kind, out var names) ? names : Array.Empty<string>();

    /// <summary>Every layer instance in order, with the passes around it (innermost first).</summary>
    public static List<(LayerNode Layer, Pass[] Passes)> Expand(ArchitectureNode root)
    {
        var instances = new List<(LayerNode, Pass[])>();
        Walk(root, Array.Empty<Pass>(), instances);
        return instances;
    }

    private static void Walk(ArchitectureNode node, Pass[] passes, List<(LayerNode, Pass[])> instances)
    {
        switch (node)
        {
            case LayerNode layer:
                instances.Add((layer, passes));
                break;
            case SequenceNode sequence:
                foreach (var term in sequence.Terms)
                {
                    Walk(term, passes, instances);
                }
                break;
            case RepeatNode repeat:
                for (int index = 0; index < repeat.Value; index++)
                {
                    Walk(repeat.Body, new[] { new Pass(repeat, index) }.Concat(passes).ToArray(), instances);
                }
                break;
        }
    }

    /// <summary>The argument value for <paramref name="parameter"/>: the layer's own, else the Defaults one, else null.</summary>
    public static ArgValue? Find(Declaration declaration, LayerNode layer, string parameter) => Find(declaration.Defaults, layer, parameter);

    public static ArgValue? Find(IReadOnlyDictionary<string, LayerNode> defaults, LayerNode layer, string parameter) =>
        Own(layer, parameter) ?? (defaults.TryGetValue(layer.Kind, out var entry) ? Own(entry, parameter) : null);

    private static ArgValue? Own(LayerNode layer, string parameter)
    {
        var names = Parameters(layer.Kind);
        for (int i = 0; i < layer.Args.Count; i++)
        {
            var arg = layer.Args[i];
            string? name = arg.Name ?? (i < names.Count ? names[i] : null);
            if (string.Equals(name, parameter, StringComparison.OrdinalIgnoreCase))
            {
                return arg.Value;
            }
        }
        return null;
    }

    /// <summary>A value for one instance: lists give the item of the pass they bind to (by <c>@VAR</c>, else the innermost of their length).</summary>
    public static double Resolve(Declaration declaration, ArgValue value, Pass[] passes) => value switch
    {
        NumberValue number => number.Number,
        VariableValue variable => declaration.Let[variable.Name],
        ListValue list => Resolve(declaration, list.Items[BoundPass(list, passes).Index], passes),
        _ => throw new InvalidOperationException("'same' has no value of its own"),
    };

    public static Pass BoundPass(ListValue list, Pass[] passes) => list.BoundTo is { } variable
        ? passes.Single(p => p.Repeat.Count == variable)
        : passes.First(p => p.Repeat.Value == list.Items.Count);

    private static int Integer(Declaration declaration, LayerNode layer, string parameter, Pass[] passes, int fallback) =>
        Find(declaration, layer, parameter) is { } value ? (int)Resolve(declaration, value, passes) : fallback;

    /// <summary>
    /// Chains shapes through the expanded network. Returns the first layer whose window does not fit its
    /// input, or null with <see cref="Declaration.ExpectedShapes"/> filled in.
    /// </summary>
    public static LayerNode? Simulate(Declaration declaration)
    {
        var shapes = new List<Shape>();
        var firstInputs = new Dictionary<LayerNode, Shape>();
        var shape = declaration.Input;
        var instances = Expand(declaration.Root);
        for (int i = 0; i < instances.Count; i++)
        {
            var (layer, passes) = instances[i];
            if (s_losses.Contains(layer.Kind) && i > 0 && instances[i - 1].Layer.Kind != "FC")
            {
                // The scoring FC(Classes) the binder implies before a loss that follows anything but an FC.
                shape = new Shape(declaration.Classes!.Value, 1, 1);
                shapes.Add(shape);
            }
            firstInputs.TryAdd(layer, shape);
            switch (layer.Kind)
            {
                case "CONV":
                {
                    int filters = Integer(declaration, layer, "filters", passes, 0);
                    int size = Integer(declaration, layer, "size", passes, 0);
                    int stride = Integer(declaration, layer, "stride", passes, 1);
                    var pad = Find(declaration, layer, "pad");
                    int padding = pad is SameValue ? (size - 1) / 2 : pad is null ? 0 : (int)Resolve(declaration, pad, passes);
                    if (!Fits(shape.Height + (2 * padding), size, stride, out int height) || !Fits(shape.Width + (2 * padding), size, stride, out int width))
                    {
                        return layer;
                    }
                    shape = new Shape(filters, height, width);
                    break;
                }
                case "POOL":
                case "AVGPOOL":
                {
                    int size = Integer(declaration, layer, "size", passes, 2);
                    int stride = Integer(declaration, layer, "stride", passes, size);
                    if (!Fits(shape.Height, size, stride, out int height) || !Fits(shape.Width, size, stride, out int width))
                    {
                        return layer;
                    }
                    shape = new Shape(shape.Channels, height, width);
                    break;
                }
                case "FC":
                case "MAXOUT":
                    shape = new Shape(Integer(declaration, layer, "units", passes, 0), 1, 1);
                    break;
            }
            shapes.Add(shape);
        }
        declaration.ExpectedShapes = shapes;
        declaration.FirstInputs = firstInputs;
        return null;
    }

    private static bool Fits(int side, int window, int stride, out int output)
    {
        int span = side - window;
        output = span >= 0 && span % stride == 0 ? (span / stride) + 1 : 0;
        return output > 0;
    }

    /// <summary>
    /// Makes every layer fit: a convolution or pooling whose window does not fit its input in some pass gets
    /// explicit arguments that keep the size (a 1x1 filter, a window of 1), which fit every input, so the loop
    /// ends after at most one change per layer.
    /// </summary>
    public static Declaration Repair(Declaration declaration)
    {
        while (Simulate(declaration) is { } misfit)
        {
            if (misfit.Kind == "CONV")
            {
                var filters = Own(misfit, "filters");
                var args = new List<Arg>();
                if (filters is not null)
                {
                    args.Add(new Arg("filters", filters));
                }
                args.Add(new Arg("size", Number(1)));
                args.Add(new Arg("stride", Number(1)));
                args.Add(new Arg("pad", Number(0)));
                misfit.Args = args;
            }
            else
            {
                misfit.Args = new[] { new Arg(null, Number(1)), new Arg("stride", Number(1)) };
            }
        }
        return declaration;
    }

    public static NumberValue Number(int value) => new(value.ToString(CultureInfo.InvariantCulture), value);

    /// <summary>How a case is shown when it fails: the attribute values and what the binder said.</summary>
    public static string Describe(NetworkArguments arguments, BindResult result)
    {
        var text = new StringBuilder(arguments.ToString());
        foreach (var diagnostic in result.Diagnostics)
        {
            text.Append("\n  ").Append(diagnostic.Descriptor.Id).Append(' ').Append(diagnostic.Message);
        }
        return text.ToString();
    }
}
