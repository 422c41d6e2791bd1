using Microsoft.CodeAnalysis;

namespace StaticNets.Generator;

/// <summary>
/// The one catalogue of StaticNets diagnostics (ids are stable, see DESIGN.md and AnalyzerReleases.*.md).
/// Every message is composed by the stage that found the problem, because only it knows the numbers
/// worth stating (sizes, strides, the nearest known name); the format is therefore a single argument.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "StaticNets";

    /// <summary>SN0001: expected token, unbalanced parenthesis, bad character (architecture, Let or Defaults).</summary>
    public static readonly DiagnosticDescriptor SyntaxError = Error("SN0001", "Syntax error in the network declaration");

    /// <summary>SN0002: unknown layer name, unknown argument name (with the nearest known one).</summary>
    public static readonly DiagnosticDescriptor UnknownName = Error("SN0002", "Unknown layer or argument name");

    /// <summary>SN0003: a convolution's stride does not divide <c>H + 2P - F</c>.</summary>
    public static readonly DiagnosticDescriptor ConvolutionStrideMismatch = Error("SN0003", "Convolution stride does not fit the input");

    /// <summary>SN0004: a pooling window/stride does not tile its input.</summary>
    public static readonly DiagnosticDescriptor PoolingDoesNotTile = Error("SN0004", "Pooling window does not tile the input");

    /// <summary>SN0005: a spatial size collapses to zero or below.</summary>
    public static readonly DiagnosticDescriptor SizeCollapses = Error("SN0005", "Spatial size collapses to zero");

    /// <summary>SN0006: the class cannot receive the generated part (not partial, generic, nested in a non-partial type).</summary>
    public static readonly DiagnosticDescriptor ClassNotPartial = Error("SN0006", "Network class cannot receive generated code");

    /// <summary>SN0007: <c>Input</c> missing or malformed.</summary>
    public static readonly DiagnosticDescriptor InvalidInput = Error("SN0007", "Input missing or malformed");

    /// <summary>SN0008: loss not last, more than one, missing, or its width differs from <c>Classes</c>.</summary>
    public static readonly DiagnosticDescriptor LossMisplaced = Error("SN0008", "Loss misplaced or of the wrong width");

    /// <summary>SN0009: undefined variable, list length/binding mismatch, argument out of range.</summary>
    public static readonly DiagnosticDescriptor InvalidValue = Error("SN0009", "Invalid variable, list or argument value");

    /// <summary>SN0010: the scoring <c>FC(Classes)</c> was implied before the loss.</summary>
    public static readonly DiagnosticDescriptor ScoringLayerImplied = Create("SN0010", "Scoring FC implied before the loss", DiagnosticSeverity.Info);

    /// <summary>SN1001: two linear layers (CONV, FC) with only affine layers between them collapse into one linear map (notes §4.2.1).</summary>
    public static readonly DiagnosticDescriptor LinearLayersCollapse = Create("SN1001", "Linear layers without a nonlinearity between them collapse into one", DiagnosticSeverity.Warning);

    /// <summary>SN1002: a SIGMOID after two or more CONV layers saturates and slows training (notes §6.1.1).</summary>
    public static readonly DiagnosticDescriptor SigmoidInDeepConvNet = Create("SN1002", "Sigmoid deep in a convolutional network", DiagnosticSeverity.Warning);

    /// <summary>
    /// Where every id's page lives: <c>docs/diagnostics/SN0003.md</c>, relative to the repository root, so the
    /// link reads the same in a clone, on any forge and in a packed source archive. The one place to change
    /// when the documentation gets a public address.
    /// </summary>
    public const string HelpLinkBase = "docs/diagnostics/";

    /// <summary>The page of one id: <see cref="HelpLinkBase"/> + <c>SN0003.md</c>.</summary>
    public static string HelpLink(string id) => HelpLinkBase + id + ".md";

    private static DiagnosticDescriptor Error(string id, string title) => Create(id, title, DiagnosticSeverity.Error);

    private static DiagnosticDescriptor Create(string id, string title, DiagnosticSeverity severity) => new(
        id: id,
        title: title,
        messageFormat: "{0}",
        category: Category,
        defaultSeverity: severity,
        isEnabledByDefault: true,
        helpLinkUri: HelpLink(id));
}
