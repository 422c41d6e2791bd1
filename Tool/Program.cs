using System;

namespace StaticNets.Tool;

/// <summary>Entry point of the <c>staticnets</c> command.</summary>
public static class Program
{
    /// <summary>Runs the command line against the console; see <see cref="Cli.Run"/> for the exit codes.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <returns>The process exit code.</returns>
    public static int Main(string[] args) => Cli.Run(args, Console.Out, Console.Error);
}
