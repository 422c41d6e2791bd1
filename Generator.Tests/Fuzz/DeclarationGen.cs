using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using CsCheck;
using StaticNets.Generator.Binding;
using StaticNets.Generator.Model;

namespace StaticNets.Generator.Tests.Fuzz;

/// <summary>One generated case: the attribute values, and what the test knows about them.</summary>
/// <param name="Valid">The declaration, when the case is the generated valid one (not mutated).</param>
/// <param name="ExpectedError">An id the binder must report, for mutations that certainly break the declaration.</param>
/// <param name="Mutation">How the valid declaration was changed, for failure messages and counts.</param>
internal sealed record GeneratedCase(NetworkArguments Arguments, Declaration? Valid, string? ExpectedError, string Mutation);

/// <summary>
/// CsCheck generators of declarations from DESIGN.md's grammar: nested repetitions counted by numbers or Let
/// variables, lists bound by length or <c>@VAR</c>, Defaults that bare layers rely on, every layer with arguments
/// in range (positional or named, any case, with or without spaces), and an ending the loss accepts. Every layer
/// is made to fit its input by <see cref="ShapeOracle.Repair"/>, so the valid ones are valid by construction;
/// the mutated ones change one thing, some of them in a way that is certainly an error.
/// </summary>
internal static class DeclarationGen
{
    /// <summary>What an argument generator knows: the Let values, the Defaults by kind, and the repetitions around it (innermost first).</summary>
    private sealed record Context(IReadOnlyDictionary<string, int> Let, IReadOnlyDictionary<string, LayerNode> Defaults, ImmutableList<(string Count, int Value)> Frames)
    {
        public Context Inside(string count, int value) => this with { Frames = Frames.Insert(0, (count, value)) };
    }

    private const int MaxDepth = 3;

    private static readonly string[] s_variableNames = { "N", "M", "K", "R" };

    private static readonly (string Text, double Value)[] s_probabilities = { ("0", 0), ("0.1", 0.1), ("0.25", 0.25), ("5e-1", 0.5), ("0.9", 0.9) };
    private static readonly (string Text, double Value)[] s_slopes = { ("0", 0), ("0.01", 0.01), ("0.2", 0.2), ("1e-2", 0.01) };
    private static readonly (string Text, double Value)[] s_positives = { ("1", 1), ("0.5", 0.5), ("1.5", 1.5), ("2e0", 2), ("1e-5", 1e-5) };
    private static readonly (string Text, double Value)[] s_momenta = { ("0.1", 0.1), ("1", 1), ("0.01", 0.01), ("1e-1", 0.1) };

    /// <summary>The name as written: canonical, lower case or capitalised (names are case-insensitive).</summary>
    private static Gen<string> Cased(string name) => Gen.OneOf(name, name.ToLowerInvariant(), name.Substring(0, 1) + name.Substring(1).ToLowerInvariant());

    private static Gen<T> Choose<T>(params (int Weight, Gen<T> Gen)[] options) =>
        Gen.Frequency(options.Where(o => o.Weight > 0).Select(o => (o.Weight, (IGen<T>)o.Gen)).ToArray());

    private static Gen<ArgValue?> Optional(int percent, Gen<ArgValue> value) =>
        percent >= 100 ? value.Select(v => (ArgValue?)v)
        : percent <= 0 ? Gen.Const<ArgValue?>(() => null)
        : Gen.Int[1, 100].SelectMany(roll => roll <= percent ? value.Select(v => (ArgValue?)v) : Gen.Const<ArgValue?>(() => null));

    private static Gen<ArgValue> Literal(int min, int max) => Gen.Int[min, max].Select(v => (ArgValue)ShapeOracle.Number(v));

    private static Gen<ArgValue> Real((string Text, double Value)[] choices) =>
        Gen.OneOf(choices).Select(c => (ArgValue)new NumberValue(c.Text, c.Value));

    /// <summary>A whole number in [min, max]: written, a Let variable worth that much, or (inside repetitions) a list of them.</summary>
    private static Gen<ArgValue> Whole(Context context, int min, int max, bool allowList)
    {
        var variables = context.Let.Where(v => v.Value >= min && v.Value <= max).Select(v => v.Key).OrderBy(v => v, StringComparer.Ordinal).ToArray();
        return Choose(
            (6, Literal(min, max)),
            (variables.Length > 0 ? 2 : 0, variables.Length > 0 ? Gen.OneOf(variables).Select(v => (ArgValue)new VariableValue(v)) : Literal(min, max)),
            (allowList && !context.Frames.IsEmpty ? 3 : 0, allowList && !context.Frames.IsEmpty ? List(context, Whole(context, min, max, allowList: false)) : Literal(min, max)));
    }

    /// <summary>
    /// A list as long as one repetition around the layer, bound to it by <c>@VAR</c> when a variable counts it alone,
    /// else by its length (to the innermost repetition of that length, whichever it is).
    /// </summary>
    private static Gen<ArgValue> List(Context context, Gen<ArgValue> item) =>
        from index in Gen.Int[0, context.Frames.Count - 1]
        let frame = context.Frames[index]
        from items in item.Array[frame.Value]
        from bind in Gen.Bool
        select (ArgValue)new ListValue(items,
            bind && context.Let.ContainsKey(frame.Count) && context.Frames.Count(f => f.Count == frame.Count) == 1 ? frame.Count : null);

    /// <summary>Arguments in parameter order: a positional prefix (as long as the leading ones are all given), the rest named.</summary>
    private static Gen<IReadOnlyList<Arg>> Arguments(string kind, IReadOnlyList<ArgValue?> values) =>
        Gen.Int[0, values.Count].Select(prefix => Arrange(kind, values, prefix));

    /// <summary>Names alternate in case (names are case-insensitive).</summary>
    private static IReadOnlyList<Arg> Arrange(string kind, IReadOnlyList<ArgValue?> values, int prefix)
    {
        var parameters = ShapeOracle.Parameters(kind);
        var args = new List<Arg>();
        bool positional = true;
        for (int i = 0; i < values.Count; i++)
        {
            if (values[i] is not { } value)
            {
                positional = false;
                continue;
            }
            positional &= i < prefix;
            args.Add(new Arg(positional ? null : (i % 2 == 0 ? parameters[i] : parameters[i].ToUpperInvariant()), value));
        }
        return args;
    }

    private static Gen<LayerNode> Layer(string kind, Gen<string> written, Gen<ArgValue?>[] values) =>
        from name in written
        from given in values.Length == 0 ? Gen.Const<ArgValue?[]>(() => Array.Empty<ArgValue?>()) : Combine(values)
        from args in Arguments(kind, given)
        select new LayerNode(kind, name, args);

    private static Gen<ArgValue?[]> Combine(Gen<ArgValue?>[] values) =>
        values.Skip(1).Aggregate(values[0].Select(v => new[] { v }), (all, next) => all.SelectMany(a => next.Select(v => a.Append(v).ToArray())));

    private static bool HasDefault(Context context, string kind, string parameter) =>
        context.Defaults.TryGetValue(kind, out var defaults) && ShapeOracle.Parameters(kind).Contains(parameter)
        && defaults.Args.Select((a, i) => a.Name ?? ShapeOracle.Parameters(kind)[i]).Any(n => string.Equals(n, parameter, StringComparison.OrdinalIgnoreCase));

    private static Gen<LayerNode> Convolution(Context context) =>
        Layer("CONV", Cased("CONV"), new[]
        {
            Optional(HasDefault(context, "CONV", "filters") ? 50 : 100, Whole(context, 1, 8, allowList: true)),
            Optional(HasDefault(context, "CONV", "size") ? 50 : 100, Whole(context, 1, 5, allowList: false)),
            Optional(25, Whole(context, 1, 2, allowList: false)),
            Optional(35, Choose((2, Gen.OneOf("same", "SAME").Select(s => (ArgValue)new SameValue(s))), (3, Whole(context, 0, 2, allowList: false)))),
        }).Select(conv => KeepSameValid(context, conv));

    /// <summary>'same' needs an odd filter and stride 1 (SN0009 otherwise): where the merged arguments break that, pad 0 is written.</summary>
    private static LayerNode KeepSameValid(Context context, LayerNode conv)
    {
        int Value(string parameter, int fallback) => ShapeOracle.Find(context.Defaults, conv, parameter) switch
        {
            NumberValue number => (int)number.Number,
            VariableValue variable => context.Let[variable.Name],
            _ => fallback,
        };
        if (ShapeOracle.Find(context.Defaults, conv, "pad") is SameValue && (Value("size", 0) % 2 == 0 || Value("stride", 1) != 1))
        {
            conv.Args = conv.Args.Where((a, i) => !string.Equals(a.Name ?? ShapeOracle.Parameters("CONV")[i], "pad", StringComparison.OrdinalIgnoreCase))
                .Append(new Arg("pad", ShapeOracle.Number(0))).ToList();
        }
        return conv;
    }

    private static Gen<LayerNode> Pooling(Context context, string kind, Gen<string> written) =>
        Layer(kind, written, new[] { Optional(60, Whole(context, 1, 3, allowList: false)), Optional(30, Whole(context, 1, 3, allowList: false)) });

    private static Gen<ArgValue> RealOrList(Context context, (string Text, double Value)[] choices) =>
        context.Frames.IsEmpty ? Real(choices) : Choose((4, Real(choices)), (1, List(context, Real(choices))));

    private static Gen<LayerNode> Layer(Context context) => Choose(
        (6, Convolution(context)),
        (3, Pooling(context, "POOL", Gen.OneOf("POOL", "MAXPOOL", "pool", "MaxPool"))),
        (1, Pooling(context, "AVGPOOL", Cased("AVGPOOL"))),
        (3, Layer("FC", Cased("FC"), new[] { Optional(HasDefault(context, "FC", "units") ? 50 : 100, Whole(context, 1, 24, allowList: true)) })),
        (1, Layer("MAXOUT", Cased("MAXOUT"), new[] { Optional(100, Whole(context, 1, 8, allowList: true)), Optional(50, Whole(context, 2, 3, allowList: false)) })),
        (5, Layer("RELU", Cased("RELU"), Array.Empty<Gen<ArgValue?>>())),
        (1, Layer("LEAKYRELU", Cased("LEAKYRELU"), new[] { Optional(50, RealOrList(context, s_slopes)) })),
        (1, Layer("PRELU", Cased("PRELU"), Array.Empty<Gen<ArgValue?>>())),
        (1, Layer("ELU", Cased("ELU"), new[] { Optional(50, Real(s_positives)) })),
        (1, Layer("SIGMOID", Cased("SIGMOID"), Array.Empty<Gen<ArgValue?>>())),
        (1, Layer("TANH", Cased("TANH"), Array.Empty<Gen<ArgValue?>>())),
        (1, Layer("SOFTPLUS", Cased("SOFTPLUS"), Array.Empty<Gen<ArgValue?>>())),
        (2, Layer("BATCHNORM", Gen.OneOf("BATCHNORM", "BN", "bn", "BatchNorm"), new[] { Optional(30, Real(s_momenta)), Optional(30, Real(s_positives)) })),
        (2, Layer("DROPOUT", Cased("DROPOUT"), new[] { Optional(60, RealOrList(context, s_probabilities)) })));

    /// <summary>A repetition count: a number from 1 to 3, or a Let variable.</summary>
    private static Gen<(string Text, int Value)> Count(Context context)
    {
        var literal = Gen.Int[1, 3].Select(v => (v.ToString(CultureInfo.InvariantCulture), v));
        var variables = context.Let.Keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();
        return variables.Length == 0 ? literal : Choose((1, literal), (1, Gen.OneOf(variables).Select(v => (v, context.Let[v]))));
    }

    private static Gen<ArchitectureNode> Repetition(Context context, int depth) =>
        from count in Count(context)
        from body in Sequence(context.Inside(count.Text, count.Value), depth + 1, maxTerms: 3)
        from bare in Gen.Bool
        select (ArchitectureNode)new RepeatNode(body.Terms.Count == 1 ? body.Terms[0] : body, count.Text, count.Value,
            parenthesized: !(bare && body.Terms.Count == 1 && body.Terms[0] is LayerNode));

    private static Gen<SequenceNode> Sequence(Context context, int depth, int maxTerms) =>
        from count in Gen.Int[1, maxTerms]
        from terms in (depth < MaxDepth ? Choose((4, Layer(context).Select(l => (ArchitectureNode)l)), (1, Repetition(context, depth))) : Layer(context).Select(l => (ArchitectureNode)l)).Array[count]
        select new SequenceNode(terms);

    /// <summary>Let: up to three of N, M, K, R, each 1 to 3.</summary>
    private static readonly Gen<Dictionary<string, int>> s_let =
        from count in Gen.Int[0, 3]
        from names in Gen.Shuffle(s_variableNames, count)
        from values in Gen.Int[1, 3].Array[count]
        select names.Take(count).Zip(values).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal);

    /// <summary>Defaults for some kinds, never with lists (a bare layer's list would need a repetition of its length around every use).</summary>
    private static Gen<Dictionary<string, LayerNode>> Defaults(IReadOnlyDictionary<string, int> let)
    {
        var context = new Context(let, new Dictionary<string, LayerNode>(), ImmutableList<(string, int)>.Empty);
        var none = Gen.Const<LayerNode?>(() => null);
        Gen<LayerNode?> Maybe(Gen<LayerNode> entry) => Choose((1, none), (1, entry.Select(e => (LayerNode?)e)));
        return
            from conv in Maybe(Layer("CONV", Cased("CONV"), new[]
            {
                Optional(70, Whole(context, 1, 8, allowList: false)),
                Optional(70, Whole(context, 1, 5, allowList: false)),
                Optional(10, Literal(1, 1)),
                Optional(50, Choose((1, Gen.Const(() => (ArgValue)new SameValue("same"))), (1, Literal(0, 2)))),
            }))
            from pool in Maybe(Pooling(context, "POOL", Gen.OneOf("POOL", "MAXPOOL")))
            from fc in Maybe(Layer("FC", Cased("FC"), new[] { Optional(100, Whole(context, 1, 24, allowList: false)) }))
            from dropout in Maybe(Layer("DROPOUT", Cased("DROPOUT"), new[] { Optional(100, Real(s_probabilities)) }))
            select new[] { conv, pool, fc, dropout }.Where(e => e is not null).ToDictionary(e => e!.Kind, e => e!, StringComparer.Ordinal);
    }

    /// <summary>Input: an image CxHxW (square mostly) or a vector of N features.</summary>
    private static readonly Gen<(Shape Shape, string Text)> s_input = Choose(
        (3, from channels in Gen.Int[1, 3]
            from height in Choose((2, Gen.OneOf(4, 6, 8, 12, 16, 28, 32)), (1, Gen.Int[1, 16]))
            from square in Gen.Int[0, 3]
            from other in Gen.Int[1, 16]
            let width = square > 0 ? height : other
            select (new Shape(channels, height, width), string.Format(CultureInfo.InvariantCulture, "{0}x{1}x{2}", channels, height, width))),
        (1, Gen.Int[1, 24].Select(n => (new Shape(n, 1, 1), n.ToString(CultureInfo.InvariantCulture)))));

    /// <summary>
    /// The end of the network: an explicit scoring <c>FC(c)</c> and a loss (Classes = c or omitted), or a nonlinearity
    /// and a loss with Classes = c, where the binder implies the scoring FC (SN0010).
    /// </summary>
    private static readonly Gen<(ArchitectureNode[] Terms, int? Classes)> s_ending =
        from classes in Gen.Int[1, 10]
        from explicitFc in Gen.Bool
        from omitClasses in Gen.Bool
        from fcName in Cased("FC")
        from activation in Gen.OneOf("RELU", "tanh", "Sigmoid", "ELU", "PRELU")
        from loss in Gen.OneOf("SOFTMAX", "softmax", "SVM", "L2", "l2")
        from margin in Gen.OneOf<ArgValue?>(null, new NumberValue("2", 2), new NumberValue("0.5", 0.5))
        let lossArgs = loss == "SVM" && margin is not null ? new[] { new Arg(null, margin) } : Array.Empty<Arg>()
        let lossNode = new LayerNode(loss.ToUpperInvariant(), loss, lossArgs)
        select explicitFc
            ? (new ArchitectureNode[] { new LayerNode("FC", fcName, new[] { new Arg(null, ShapeOracle.Number(classes)) }), lossNode }, omitClasses ? null : (int?)classes)
            : (new ArchitectureNode[] { new LayerNode(activation.ToUpperInvariant(), activation, Array.Empty<Arg>()), lossNode }, classes);

    /// <summary>A declaration the binder must accept, with the shapes it must compute in <see cref="Declaration.ExpectedShapes"/>.</summary>
    public static readonly Gen<Declaration> Valid =
        from variables in s_let
        from defaults in Defaults(variables)
        from body in Sequence(new Context(variables, defaults, ImmutableList<(string, int)>.Empty), 0, maxTerms: 6)
        from ending in s_ending
        from input in s_input
        from spaced in Gen.Bool
        let letText = variables.Count == 0 ? null : string.Join(spaced ? ", " : ",", variables.Select(v => v.Key + "=" + v.Value.ToString(CultureInfo.InvariantCulture)))
        select ShapeOracle.Repair(new Declaration(new SequenceNode(body.Terms.Concat(ending.Terms).ToList()), input.Shape, input.Text, ending.Classes, variables, letText, defaults, spaced));

    /// <summary>A valid declaration, unchanged.</summary>
    public static readonly Gen<GeneratedCase> ValidCase = Valid.Select(d => new GeneratedCase(d.ToArguments(), d, null, "none"));

    /// <summary>A valid declaration with one change: a character anywhere, or a change that is certainly an error.</summary>
    public static readonly Gen<GeneratedCase> MutatedCase =
        from declaration in Valid
        from kind in Gen.Int[0, 11]
        from position in Gen.Int[0, 1 << 20]
        from character in Gen.Char[FuzzCorpus.Alphabet]
        select Mutate(declaration, kind, position, character);

    private static GeneratedCase Mutate(Declaration declaration, int kind, int position, char character)
    {
        var arguments = declaration.ToArguments();
        var layers = ShapeOracle.Expand(declaration.Root).Select(i => i.Layer).Distinct().ToList();
        switch (kind)
        {
            case 0:
            case 1:
            case 2:
                return new GeneratedCase(arguments with { Architecture = Edit(arguments.Architecture!, position, character) }, null, null, "character in the architecture");
            case 3:
                return (position % 3) switch
                {
                    0 => new GeneratedCase(arguments with { Input = Edit(arguments.Input!, position, character) }, null, null, "character in Input"),
                    1 => new GeneratedCase(arguments with { Let = Edit(arguments.Let ?? string.Empty, position, character) }, null, null, "character in Let"),
                    _ => new GeneratedCase(arguments with { Defaults = Edit(arguments.Defaults ?? string.Empty, position, character) }, null, null, "character in Defaults"),
                };
            case 4:
            {
                var layer = layers[position % layers.Count];
                layer.Written = layer.Written + "Q";
                return new GeneratedCase(declaration.ToArguments(), null, "SN0002", "misspelt layer");
            }
            case 5:
                declaration.Root.Terms = declaration.Root.Terms.Take(declaration.Root.Terms.Count - 1).ToList();
                return new GeneratedCase(declaration.ToArguments(), null, "SN0008", "loss removed");
            case 6:
                return new GeneratedCase(arguments with { Architecture = "(" + arguments.Architecture }, null, "SN0001", "unclosed parenthesis");
            case 7:
            {
                var withArgs = layers.Where(l => l.Args.Count > 0).ToList();
                if (withArgs.Count == 0)
                {
                    return new GeneratedCase(arguments with { Input = "0x" + arguments.Input }, null, "SN0007", "input size 0");
                }
                var layer = withArgs[position % withArgs.Count];
                var args = layer.Args.ToList();
                int index = position % args.Count;
                args[index] = args[index] with { Value = new VariableValue("Undefined") };
                layer.Args = args;
                return new GeneratedCase(declaration.ToArguments(), null, "SN0009", "undefined variable");
            }
            case 8:
            {
                var repeats = new List<RepeatNode>();
                Collect(declaration.Root, repeats);
                if (repeats.Count == 0)
                {
                    return new GeneratedCase(arguments with { Architecture = "SOFTMAX+" + arguments.Architecture }, null, "SN0008", "second loss");
                }
                repeats[position % repeats.Count].Count = "0";
                return new GeneratedCase(declaration.ToArguments(), null, "SN0009", "repetition count 0");
            }
            case 9:
                return new GeneratedCase(arguments with { Classes = 0 }, null, "SN0009", "Classes 0");
            default:
            {
                var windows = layers.Where(l => l.Kind is "CONV" or "POOL" or "AVGPOOL").ToList();
                if (windows.Count == 0)
                {
                    return new GeneratedCase(arguments with { Classes = 0 }, null, "SN0009", "Classes 0");
                }
                var layer = windows[position % windows.Count];
                var filters = ShapeOracle.Find(declaration, layer, "filters");
                var input = declaration.FirstInputs[layer];
                int side = Math.Max(input.Height, input.Width);
                if (kind == 10 || side < 2)
                {
                    // Larger than any input the generator makes, even padded: the first use collapses.
                    layer.Args = Window(layer.Kind, filters, 9_999, 1);
                    return new GeneratedCase(declaration.ToArguments(), null, "SN0005", "window larger than its input");
                }
                // A 1-wide window leaves side - 1 steps, which a stride of side does not divide.
                layer.Args = Window(layer.Kind, filters, 1, side);
                return new GeneratedCase(declaration.ToArguments(), null, layer.Kind == "CONV" ? "SN0003" : "SN0004", "stride that does not fit");
            }
        }
    }

    private static IReadOnlyList<Arg> Window(string kind, ArgValue? filters, int size, int stride)
    {
        var args = new List<Arg>();
        if (kind == "CONV")
        {
            args.Add(new Arg("filters", filters ?? ShapeOracle.Number(2)));
        }
        args.Add(new Arg("size", ShapeOracle.Number(size)));
        args.Add(new Arg("stride", ShapeOracle.Number(stride)));
        if (kind == "CONV")
        {
            args.Add(new Arg("pad", ShapeOracle.Number(0)));
        }
        return args;
    }

    private static void Collect(ArchitectureNode node, List<RepeatNode> repeats)
    {
        switch (node)
        {
            case SequenceNode sequence:
                foreach (var term in sequence.Terms)
                {
                    Collect(term, repeats);
                }
                break;
            case RepeatNode repeat:
                repeats.Add(repeat);
                Collect(repeat.Body, repeats);
                break;
        }
    }

    /// <summary>Deletes, inserts or replaces one character (chosen by <paramref name="position"/>).</summary>
    private static string Edit(string text, int position, char character)
    {
        int at = text.Length == 0 ? 0 : position % (text.Length + 1);
        return (position / 7 % 3) switch
        {
            0 when at < text.Length => text.Remove(at, 1),
            1 when at < text.Length => text.Remove(at, 1).Insert(at, character.ToString()),
            _ => text.Insert(at, character.ToString()),
        };
    }
}
