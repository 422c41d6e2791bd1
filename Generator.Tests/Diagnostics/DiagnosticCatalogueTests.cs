using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using StaticNets.Generator.Tests.Infrastructure;

namespace StaticNets.Generator.Tests.Diagnostics;

public class DiagnosticCatalogueTests
{
    internal static List<DiagnosticDescriptor> Descriptors() => typeof(DiagnosticDescriptors)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
        .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
        .OrderBy(d => d.Id, System.StringComparer.Ordinal)
        .ToList();

    [Fact]
    public void CatalogueHoldsSN0001ToSN0010AndSN1001ToSN1002WithTheDesignedSeverities()
    {
        var descriptors = Descriptors();

        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"SN{i:0000}").Concat(new[] { "SN1001", "SN1002" }), descriptors.Select(d => d.Id));
        Assert.All(descriptors, d => Assert.Equal("StaticNets", d.Category));
        Assert.All(descriptors, d => Assert.True(d.IsEnabledByDefault));
        Assert.Equal(
            Enumerable.Repeat(DiagnosticSeverity.Error, 9).Append(DiagnosticSeverity.Info).Append(DiagnosticSeverity.Warning).Append(DiagnosticSeverity.Warning),
            descriptors.Select(d => d.DefaultSeverity));
        Assert.Equal(descriptors.Count, descriptors.Select(d => d.Title.ToString()).Distinct().Count());
    }

    [Fact]
    public void UnshippedReleaseNotesListEveryDescriptor()
    {
        var rows = File.ReadAllLines(Path.Combine(RepositoryFiles.Root, "Generator", "AnalyzerReleases.Unshipped.md"))
            .Where(line => line.StartsWith("SN", System.StringComparison.Ordinal))
            .ToList();
        var expected = Descriptors().Select(d => $"{d.Id} | {d.Category} | {d.DefaultSeverity} | {d.Title}");
        Assert.Equal(expected, rows);
    }

    [Fact]
    public void EveryHelpLinkIsTheOneBaseFollowedByItsOwnPageAndThePageExists()
    {
        foreach (var descriptor in Descriptors())
        {
            Assert.Equal(DiagnosticDescriptors.HelpLinkBase + descriptor.Id + ".md", descriptor.HelpLinkUri);
            Assert.EndsWith("/" + descriptor.Id + ".md", descriptor.HelpLinkUri, System.StringComparison.Ordinal);
            // The base is relative to the repository root, so the link itself is the page's path in the repository.
            Assert.True(File.Exists(Path.Combine(RepositoryFiles.Root, descriptor.HelpLinkUri)), descriptor.HelpLinkUri + " does not exist");
        }
    }

    [Fact]
    public void EveryDiagnosticPageBelongsToADescriptor()
    {
        var pages = Directory.GetFiles(Path.Combine(RepositoryFiles.Root, DiagnosticDescriptors.HelpLinkBase), "SN*.md")
            .Select(Path.GetFileNameWithoutExtension)
            .OrderBy(name => name, System.StringComparer.Ordinal);
        Assert.Equal(Descriptors().Select(d => d.Id), pages);
    }
}
