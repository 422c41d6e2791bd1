using System.Globalization;
using Microsoft.CodeAnalysis.Text;
using StaticNets.Generator.Model;
using StaticNets.Generator.Parsing;

namespace StaticNets.Generator.Binding;

/// <summary>Turns <c>Input</c> into a <see cref="Shape"/>: every size at least 1, the total within the limit (SN0007).</summary>
internal static class InputBinder
{
    public static Shape? Bind(string? input, DiagnosticBag diagnostics)
    {
        if (input is null)
        {
            diagnostics.Add(DiagnosticDescriptors.InvalidInput, new SourceSpan(NetworkArgument.Attribute, default),
                "the network has no Input: add Input = \"CxHxW\" for images (e.g. \"1x28x28\") or \"N\" for N features");
            return null;
        }

        var parsed = InputParser.Parse(input);
        if (parsed.Node is not { } syntax)
        {
            var error = parsed.Error ?? new SyntaxError(new TextSpan(0, input.Length), "Input is malformed");
            diagnostics.Add(DiagnosticDescriptors.InvalidInput, new SourceSpan(NetworkArgument.Input, error.Span), error.Message);
            return null;
        }

        var sizes = new int[syntax.Dimensions.Length];
        long length = 1;
        for (int i = 0; i < sizes.Length; i++)
        {
            var dimension = syntax.Dimensions[i];
            if (!dimension.TryGetInt32(out sizes[i]) || sizes[i] < 1)
            {
                diagnostics.Add(DiagnosticDescriptors.InvalidInput, new SourceSpan(NetworkArgument.Input, dimension.Span),
                    "Input size " + dimension.Text + " must be between 1 and " + NetworkLimits.MaxElements.ToString(CultureInfo.InvariantCulture));
                return null;
            }
            length = NetworkLimits.SaturatingMultiply(length, sizes[i]);
        }
        if (length > NetworkLimits.MaxElements)
        {
            diagnostics.Add(DiagnosticDescriptors.InvalidInput, new SourceSpan(NetworkArgument.Input, syntax.Span),
                "Input " + input.Substring(syntax.Span.Start, syntax.Span.Length) + " has "
                + (length == long.MaxValue ? "too many" : length.ToString(CultureInfo.InvariantCulture))
                + " values per example, more than the limit of " + NetworkLimits.MaxElements.ToString(CultureInfo.InvariantCulture));
            return null;
        }
        return sizes.Length == 1 ? new Shape(sizes[0], 1, 1) : new Shape(sizes[0], sizes[1], sizes[2]);
    }
}
