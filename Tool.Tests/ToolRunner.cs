using System.IO;
using System.Linq;

namespace StaticNets.Tool.Tests;

/// <summary>What one in-process run of the tool wrote and returned.</summary>
internal sealed record ToolRun(int ExitCode, string Output, string Error)
{
    public string[] OutputLines => Output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
}

/// <summary>Runs <c>staticnets</c> in-process through <see cref="Cli.Run"/>.</summary>
internal static class ToolRunner
{
    public static ToolRun Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int exitCode = Cli.Run(args, output, error);
        return new ToolRun(exitCode, output.ToString(), error.ToString());
    }
}
