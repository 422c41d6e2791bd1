using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using StaticNets.Generator.Binding;
using StaticNets.Generator.Declaration;
using StaticNets.Generator.Model;

namespace StaticNets.Generator;

/// <summary>
/// Binds a declaration and assembles the pipeline's result: binder diagnostics mapped from spans inside
/// the attribute's strings to source locations, plus the class diagnostics (SN0006), and the spec only
/// when none of them is an error.
/// </summary>
internal static class NetworkResultBuilder
{
    public static NetworkResult Build(NetworkDeclaration declaration)
    {
        var bound = NetworkBinder.Bind(declaration.Arguments);
        var diagnostics = new List<DiagnosticInfo>(declaration.Diagnostics);
        diagnostics.AddRange(bound.Diagnostics.Select(d =>
            new DiagnosticInfo(d.Descriptor, declaration.Locate(d.At), new EquatableArray<string>(ImmutableArray.Create(d.Message)))
            {
                Properties = d.Properties,
                AdditionalLocations = d.AlsoAt is { } also && declaration.Locate(also) is { } location
                    ? new EquatableArray<LocationInfo>(ImmutableArray.Create(location))
                    : EquatableArray<LocationInfo>.Empty,
            }));

        bool hasErrors = diagnostics.Any(d => d.Descriptor.DefaultSeverity == DiagnosticSeverity.Error);
        NetworkSpec? spec = hasErrors || bound.Network is not { } network
            ? null
            : new NetworkSpec(
                Namespace: declaration.Namespace,
                ContainingTypes: declaration.ContainingTypes,
                ClassName: declaration.ClassName,
                HintName: declaration.HintName,
                Architecture: declaration.Arguments.Architecture ?? string.Empty,
                Input: network.Input,
                Classes: network.Classes,
                Layers: network.Layers,
                ParameterCount: network.ParameterCount)
            {
                BufferCount = network.BufferCount,
            };
        return new NetworkResult(spec, new EquatableArray<DiagnosticInfo>(diagnostics));
    }
}
