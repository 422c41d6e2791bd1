using System;
using System.CommandLine;
using System.IO;

namespace StaticNets.Tool;

/// <summary>
/// The <c>staticnets</c> commands: <c>check</c> (an architecture string, through the generator's own binder)
/// and <c>inspect</c> (a safetensors or ONNX weight file).
/// </summary>
public static class Cli
{
    /// <summary>Exit code when the command ran and found nothing wrong.</summary>
    public const int Success = 0;

    /// <summary>Exit code when the architecture has errors or the file cannot be read.</summary>
    public const int Failure = 1;

    /// <summary>Exit code when the command line itself is wrong (unknown command, missing argument).</summary>
    public const int UsageError = 2;

    /// <summary>Parses <paramref name="args"/> and runs the command, writing to the given writers instead of the console.</summary>
    /// <param name="args">The command-line arguments, without the program name.</param>
    /// <param name="output">Where results go.</param>
    /// <param name="error">Where errors go.</param>
    /// <returns><see cref="Success"/>, <see cref="Failure"/> or <see cref="UsageError"/>.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);

        var root = new RootCommand("StaticNets command-line tool: check network architectures and inspect weight files.")
        {
            CheckCommand(output),
            InspectCommand(output, error),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // System.CommandLine reports parse errors with exit code 1; usage errors get their own code here.
            foreach (var parseError in parsed.Errors)
            {
                error.WriteLine("error: " + parseError.Message);
            }
            error.WriteLine("Run 'staticnets --help' for usage.");
            return UsageError;
        }
        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error });
    }

    private static Command CheckCommand(TextWriter output)
    {
        var architecture = new Argument<string>("architecture")
        {
            Description = "The architecture string, as written in [Network(\"...\")], e.g. \"CONV(6,5,pad:2)+RELU+FC(10)+SOFTMAX\".",
        };
        var input = new Option<string>("--input")
        {
            Description = "The input shape, as the attribute's Input: CxHxW (e.g. 3x32x32) or a feature count.",
            Required = true,
        };
        var classes = new Option<int?>("--classes") { Description = "The attribute's Classes (output width), when the architecture needs it." };
        var let = new Option<string?>("--let") { Description = "The attribute's Let: variables such as \"N=2, M=3\"." };
        var defaults = new Option<string?>("--defaults") { Description = "The attribute's Defaults: layer arguments such as \"CONV(3, pad: same); POOL(2)\"." };

        var command = new Command("check", "Checks an architecture with the generator's parser, binder and shape checker; prints its diagnostics and, if there are no errors, the layer table.")
        {
            architecture, input, classes, let, defaults,
        };
        command.SetAction(result => ArchitectureCheck.Run(
            new ArchitectureCheck.Arguments(
                result.GetValue(architecture)!,
                result.GetValue(input)!,
                result.GetValue(classes),
                result.GetValue(let),
                result.GetValue(defaults)),
            output));
        return command;
    }

    private static Command InspectCommand(TextWriter output, TextWriter error)
    {
        var file = new Argument<string>("file") { Description = "A .safetensors or .onnx file." };
        var command = new Command("inspect", "Prints each tensor of a safetensors file (or each initializer of an ONNX model): dtype, shape, element count and value statistics, plus metadata.")
        {
            file,
        };
        command.SetAction(result => WeightFileInspector.Run(result.GetValue(file)!, output, error));
        return command;
    }
}
