using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.IO.Compression;
using System.Linq;
using StaticNets.Runtime.Tests.Data;

namespace StaticNets.Runtime.Tests.Packaging;

/// <summary>
/// How a user meets the product: the StaticNets package from a local folder feed, in a fresh console project with no
/// project references, declaring lenet5, building (the generator runs from the package's analyzers folder) and
/// training a few steps. The consumer's sources are Consumer/*.txt next to this file.
/// </summary>
public class PackageTests
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(5);

    [Fact]
    public void PackageHoldsLibraryAnalyzersReadmeLicenceAndSymbols()
    {
        using var temp = new TempDirectory();
        string package = Pack(temp.Path, out string symbols);
        using ZipArchive archive = ZipFile.OpenRead(package);
        var entries = archive.Entries.Select(e => e.FullName).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("lib/net8.0/StaticNets.dll", entries);
        Assert.Contains("lib/net10.0/StaticNets.dll", entries);
        Assert.Contains("lib/net10.0/StaticNets.xml", entries);
        Assert.Contains("analyzers/dotnet/cs/StaticNets.Generator.dll", entries);
        Assert.Contains("analyzers/dotnet/cs/StaticNets.CodeFixes.dll", entries);
        Assert.Contains("README.md", entries);
        Assert.Contains("LICENSE", entries);

        // The generator and code fixes are analyzers only: no lib entry and no package dependency on them.
        Assert.DoesNotContain(entries, e => e.StartsWith("lib/", StringComparison.Ordinal) && e.Contains("Generator", StringComparison.Ordinal));
        using var nuspec = new StreamReader(archive.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal)).Open());
        string manifest = nuspec.ReadToEnd();
        Assert.Contains("<dependency id=\"System.Numerics.Tensors\"", manifest, StringComparison.Ordinal);
        Assert.DoesNotContain("StaticNets.Generator", manifest, StringComparison.Ordinal);

        using ZipArchive symbolArchive = ZipFile.OpenRead(symbols);
        Assert.Contains(symbolArchive.Entries, e => e.FullName == "lib/net10.0/StaticNets.pdb");
    }

    [Fact]
    public void FreshConsoleProjectBuildsAndTrainsLenet5FromTheLocalFeed()
    {
        using var temp = new TempDirectory();
        string feed = Path.Combine(temp.Path, "feed");
        Pack(feed, out _);

        string consumer = Path.Combine(temp.Path, "consumer");
        Directory.CreateDirectory(consumer);
        string sources = Path.Combine(RepositoryPaths.Root, "Runtime.Tests", "Packaging", "Consumer");
        File.Copy(Path.Combine(sources, "consumer.csproj.txt"), Path.Combine(consumer, "consumer.csproj"));
        File.Copy(Path.Combine(sources, "Program.cs.txt"), Path.Combine(consumer, "Program.cs"));
        // The local feed first; the user's configured sources still serve the package's own dependencies.
        File.WriteAllText(Path.Combine(consumer, "nuget.config"),
            $"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<configuration>\n  <packageSources>\n    <add key=\"staticnets-local\" value=\"{feed}\" />\n  </packageSources>\n</configuration>\n");

        // A packages folder of its own, so a package cached from an earlier run of this test can never be used.
        var environment = new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(temp.Path, "packages") };
        (int exit, string output) = Dotnet(consumer, environment, "run", "-c", "Release", $"-p:StaticNetsVersion={Version}");

        Assert.True(exit == 0, "the consumer failed:\n" + output);
        Assert.Contains("parameters 61706; probabilities sum 1.0000;", output, StringComparison.Ordinal);
    }

    private const string Version = "0.1.0";

    // dotnet pack of the already-built Runtime project (the test run built it and, through its project references,
    // the generator and code fixes) into `feed`; returns the .nupkg path.
    private static string Pack(string feed, out string symbols)
    {
        string project = Path.Combine(RepositoryPaths.Root, "Runtime", "Runtime.csproj");
        (int exit, string output) = Dotnet(RepositoryPaths.Root, new Dictionary<string, string>(), "pack", project, "-c", Configuration, "--no-build", "-o", feed);
        Assert.True(exit == 0, "dotnet pack failed:\n" + output);
        symbols = Path.Combine(feed, $"StaticNets.{Version}.snupkg");
        Assert.True(File.Exists(symbols), "no symbol package:\n" + output);
        return Path.Combine(feed, $"StaticNets.{Version}.nupkg");
    }

    private static (int Exit, string Output) Dotnet(string directory, Dictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // The test host runs under `dotnet test`, whose MSBuild settings would otherwise leak into the child build.
        foreach (string key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        foreach ((string key, string value) in environment)
        {
            start.Environment[key] = value;
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var standardOutput = process.StandardOutput.ReadToEndAsync();
        var standardError = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(StepLimit))
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"dotnet {string.Join(' ', arguments)} did not finish in {StepLimit}.");
        }

        return (process.ExitCode, standardOutput.Result + standardError.Result);
    }
}
