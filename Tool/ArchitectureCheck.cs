using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using StaticNets.Generator;
using StaticNets.Generator.Binding;
using StaticNets.Generator.Declaration;
using StaticNets.Generator.Emit;
using StaticNets.Generator.Model;

namespace StaticNets.Tool;

/// <summary>
/// <c>staticnets check</c>: feeds the attribute's values to the generator's own pipeline step
/// (<see cref="NetworkResultBuilder"/>: parse, bind, shape-check) and prints what the IDE would show.
/// </summary>
internal static class ArchitectureCheck
{
    /// <summary>The attribute's values as given on the command line.</summary>
    internal sealed record Arguments(string Architecture, string Input, int? Classes, string? Let, string? Defaults);

    public static int Run(Arguments arguments, TextWriter output)
    {
        var result = NetworkResultBuilder.Build(Declare(arguments));
        foreach (var diagnostic in result.Diagnostics)
        {
            WriteDiagnostic(diagnostic, arguments, output);
        }
        bool hasErrors = result.Diagnostics.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error);
        if (hasErrors || result.Spec is not { } spec)
        {
            int errors = result.Diagnostics.Count(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error);
            output.WriteLine(errors == 1 ? "1 error." : errors.ToString(CultureInfo.InvariantCulture) + " errors.");
            return Cli.Failure;
        }
        if (result.Diagnostics.Count > 0)
        {
            output.WriteLine();
        }
        foreach (var line in NetworkEmitter.SummaryLines(spec))
        {
            output.WriteLine(line);
        }
        return Cli.Success;
    }

    /// <summary>
    /// The declaration the generator's reader would produce for a class carrying these values. Each string
    /// argument is a "literal" whose characters map one to one onto positions in a pseudo-file named after the
    /// argument, so a located diagnostic comes back as a span inside that argument's own text.
    /// </summary>
    private static NetworkDeclaration Declare(Arguments arguments)
    {
        var values = new NetworkArguments(arguments.Architecture, arguments.Input, arguments.Classes, arguments.Let, arguments.Defaults);
        return new NetworkDeclaration(
            Namespace: "",
            ContainingTypes: EquatableArray<ContainingType>.Empty,
            ClassName: "Network",
            HintName: "Network",
            Arguments: values,
            AttributeName: WholeOption(OptionName.Attribute),
            Classes: arguments.Classes is null ? null : WholeOption(OptionName.Classes),
            Architecture: IdentitySource(OptionName.Architecture, arguments.Architecture),
            Input: IdentitySource(OptionName.Input, arguments.Input),
            Let: arguments.Let is null ? null : IdentitySource(OptionName.Let, arguments.Let),
            Defaults: arguments.Defaults is null ? null : IdentitySource(OptionName.Defaults, arguments.Defaults),
            Diagnostics: EquatableArray<DiagnosticInfo>.Empty);
    }

    /// <summary>Pseudo-file names: where a diagnostic points, as the user wrote it on the command line.</summary>
    private static class OptionName
    {
        public const string Attribute = "[Network]";
        public const string Architecture = "architecture";
        public const string Input = "--input";
        public const string Classes = "--classes";
        public const string Let = "--let";
        public const string Defaults = "--defaults";
    }

    private static LocationInfo WholeOption(string name) => new(name, default, default);

    private static StringArgumentSource IdentitySource(string name, string text)
    {
        var starts = Enumerable.Range(0, text.Length).ToImmutableArray();
        var ends = Enumerable.Range(1, text.Length).ToImmutableArray();
        var lineStarts = ImmutableArray.Create(0).AddRange(
            Enumerable.Range(0, text.Length).Where(i => text[i] == '\n').Select(i => i + 1));
        var whole = new LocationInfo(name, new TextSpan(0, text.Length), default);
        return new StringArgumentSource(whole, IsLiteral: true, new EquatableArray<int>(starts), new EquatableArray<int>(ends),
            ContentEnd: text.Length, FirstLine: 0, new EquatableArray<int>(lineStarts));
    }

    /// <summary>
    /// Like a compiler: <c>architecture(10-17): error SN0003: message</c> (one-based columns, one number for a single character), then the
    /// argument's text and a caret line under the span.
    /// </summary>
    private static void WriteDiagnostic(DiagnosticInfo diagnostic, Arguments arguments, TextWriter output)
    {
        string message = diagnostic.ToDiagnostic().GetMessage(CultureInfo.InvariantCulture);
        string severity = diagnostic.Descriptor.DefaultSeverity switch
        {
            DiagnosticSeverity.Error => "error",
            DiagnosticSeverity.Warning => "warning",
            DiagnosticSeverity.Info => "info",
            _ => "hidden",
        };
        string where = diagnostic.Location?.FilePath ?? OptionName.Attribute;
        string? text = where switch
        {
            OptionName.Architecture => arguments.Architecture,
            OptionName.Input => arguments.Input,
            OptionName.Let => arguments.Let,
            OptionName.Defaults => arguments.Defaults,
            _ => null,
        };
        if (text is null || diagnostic.Location is not { } location)
        {
            output.WriteLine($"{where}: {severity} {diagnostic.Descriptor.Id}: {message}");
            return;
        }

        var span = location.Span;
        int lineStart = span.Start == 0 ? 0 : text.LastIndexOf('\n', Math.Min(span.Start, text.Length) - 1) + 1;
        int lineEnd = text.IndexOf('\n', lineStart);
        if (lineEnd < 0)
        {
            lineEnd = text.Length;
        }
        int firstColumn = span.Start - lineStart + 1;
        int lastColumn = Math.Max(firstColumn, Math.Min(span.End, lineEnd) - lineStart);
        string columns = lastColumn == firstColumn
            ? firstColumn.ToString(CultureInfo.InvariantCulture)
            : FormattableString.Invariant($"{firstColumn}-{lastColumn}");
        output.WriteLine($"{where}({columns}): {severity} {diagnostic.Descriptor.Id}: {message}");
        output.WriteLine("    " + text.Substring(lineStart, lineEnd - lineStart));
        output.WriteLine("    " + new string(' ', firstColumn - 1) + new string('^', lastColumn - firstColumn + 1));
    }
}
