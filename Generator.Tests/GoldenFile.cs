using System;
using System.IO;
using System.Runtime.CompilerServices;

namespace StaticNets.Generator.Tests;

/// <summary>
/// Compares generated text with a file checked in under <c>Golden/</c>. Normal runs only compare; with
/// <c>STATICNETS_UPDATE_GOLDEN=1</c> the file is rewritten instead, and the diff is then reviewed in git.
/// </summary>
internal static class GoldenFile
{
    public const string UpdateVariable = "STATICNETS_UPDATE_GOLDEN";

    public static void AssertMatches(string fileName, string actual)
    {
        string path = Path.Combine(GoldenFolder(), fileName);
        actual = actual.Replace("\r\n", "\n");

        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(path, actual);
            return;
        }

        Assert.True(File.Exists(path), $"Golden file {path} is missing. Run the tests once with {UpdateVariable}=1 to create it, then review it.");
        string expected = File.ReadAllText(path).Replace("\r\n", "\n");
        if (expected == actual)
        {
            return;
        }

        string[] expectedLines = expected.Split('\n');
        string[] actualLines = actual.Split('\n');
        int line = 0;
        while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
        {
            line++;
        }
        string expectedLine = line < expectedLines.Length ? expectedLines[line] : "<end of file>";
        string actualLine = line < actualLines.Length ? actualLines[line] : "<end of file>";
        Assert.Fail(
            $"Generated source differs from {path} at line {line + 1}:{Environment.NewLine}" +
            $"  expected: {expectedLine}{Environment.NewLine}" +
            $"  actual:   {actualLine}{Environment.NewLine}" +
            $"If the change is intended, rerun with {UpdateVariable}=1 and review the diff.");
    }

    // Golden/ sits beside this file in the sources, not in bin/, so an update lands in the repository.
    private static string GoldenFolder([CallerFilePath] string thisFile = "") => Path.Combine(Path.GetDirectoryName(thisFile)!, "Golden");
}
