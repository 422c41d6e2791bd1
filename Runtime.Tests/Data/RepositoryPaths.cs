using System;
using System.IO;

namespace StaticNets.Runtime.Tests.Data;

/// <summary>Locates files checked into the repository, wherever the test binaries were built.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding <c>StaticNets.sln</c>, found by walking up from the test's base directory.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The MNIST sample under <c>Examples/data/</c>.</summary>
    public static string ExampleData(string fileName) => Path.Combine(Root, "Examples", "data", fileName);

    private static string FindRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "StaticNets.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder containing StaticNets.sln above {AppContext.BaseDirectory}.");
    }
}
