using System;
using System.IO;

namespace StaticNets.Generator.Tests.Infrastructure;

/// <summary>The repository checkout the tests run from, for tests of files that ship beside the code (release notes, docs).</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> s_root = new(() =>
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "StaticNets.sln")))
        {
            directory = directory.Parent;
        }
        Assert.True(directory is not null, "no StaticNets.sln above " + AppContext.BaseDirectory);
        return directory!.FullName;
    });

    /// <summary>The folder holding <c>StaticNets.sln</c>.</summary>
    public static string Root => s_root.Value;
}
