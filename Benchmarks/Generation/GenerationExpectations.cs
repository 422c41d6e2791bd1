using System;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace StaticNets.Benchmarks.Generation;

/// <summary>
/// Checks, before anything is timed, that each benchmark measures what its name says: the cold run generates
/// every network without a warning or error, the keystroke leaves every network cached, and the attribute edit
/// regenerates exactly one network. A benchmark of a run that silently did nothing would look fast.
/// </summary>
public static class GenerationExpectations
{
    // The generator's TrackingNames.Results; that class is internal, so the name is repeated here.
    private const string ResultsStep = "Results";

    public static void Verify(GenerationWorkspace workspace)
    {
        var cold = GenerationWorkspace.CreateDriver(trackSteps: true).RunGenerators(workspace.FreshCompilation());
        var coldResult = cold.GetRunResult().Results.Single();
        if (coldResult.Exception is { } exception)
        {
            throw new InvalidOperationException("The generator threw on the corpus.", exception);
        }
        if (coldResult.GeneratedSources.Length != NetworkCorpus.NetworkCount)
        {
            throw new InvalidOperationException(
                $"Expected {NetworkCorpus.NetworkCount} generated files, got {coldResult.GeneratedSources.Length}.");
        }
        if (coldResult.Diagnostics.FirstOrDefault(d => d.Severity >= DiagnosticSeverity.Warning) is { } problem)
        {
            throw new InvalidOperationException("The corpus should generate cleanly, but: " + problem);
        }

        var afterKeystroke = cold.RunGenerators(workspace.AfterKeystroke());
        int regenerated = CountModifiedResults(afterKeystroke);
        if (regenerated != 0)
        {
            throw new InvalidOperationException($"A keystroke in an unrelated file re-bound {regenerated} networks; expected none.");
        }

        var afterAttributeEdit = cold.RunGenerators(workspace.AfterAttributeEdit());
        regenerated = CountModifiedResults(afterAttributeEdit);
        if (regenerated != 1)
        {
            throw new InvalidOperationException($"Editing one network's attribute re-bound {regenerated} networks; expected exactly one.");
        }
    }

    private static int CountModifiedResults(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single().TrackedSteps[ResultsStep]
            .SelectMany(step => step.Outputs)
            .Count(output => output.Reason is IncrementalStepRunReason.New or IncrementalStepRunReason.Modified);
}
