using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace StaticNets.Generator.Tests.Diagnostics;

public class DiagnosticCatalogueTests
{
    [Fact]
    public void CatalogueHoldsSN0001ToSN0010WithTheDesignedSeverities()
    {
        var descriptors = typeof(DiagnosticDescriptors)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Id, System.StringComparer.Ordinal)
            .ToList();

        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"SN{i:0000}"), descriptors.Select(d => d.Id));
        Assert.All(descriptors, d => Assert.Equal("StaticNets", d.Category));
        Assert.All(descriptors, d => Assert.True(d.IsEnabledByDefault));
        Assert.Equal(
            Enumerable.Repeat(DiagnosticSeverity.Error, 9).Append(DiagnosticSeverity.Info),
            descriptors.Select(d => d.DefaultSeverity));
        Assert.Equal(descriptors.Count, descriptors.Select(d => d.Title.ToString()).Distinct().Count());
    }

    [Fact]
    public void UnshippedReleaseNotesListEveryDescriptor()
    {
        var directory = new System.IO.DirectoryInfo(System.AppContext.BaseDirectory);
        while (directory is not null && !System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "StaticNets.sln")))
        {
            directory = directory.Parent;
        }
        Assert.NotNull(directory);
        var rows = System.IO.File.ReadAllLines(System.IO.Path.Combine(directory!.FullName, "Generator", "AnalyzerReleases.Unshipped.md"))
            .Where(line => line.StartsWith("SN", System.StringComparison.Ordinal))
            .ToList();
        var expected = typeof(DiagnosticDescriptors)
            .GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
            .OrderBy(d => d.Id, System.StringComparer.Ordinal)
            .Select(d => $"{d.Id} | {d.Category} | {d.DefaultSeverity} | {d.Title}");
        Assert.Equal(expected, rows);
    }
}
