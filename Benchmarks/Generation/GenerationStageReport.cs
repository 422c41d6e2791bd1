using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace StaticNets.Benchmarks.Generation;

/// <summary>
/// Splits a generator run into its pipeline steps using the driver's own step tracking (public Roslyn API:
/// each tracked step records how long its transform took). This reaches the parse+bind stage
/// (<c>Results</c>) and the emitter (<c>SourceOutput</c>) without access to the generator's internal types.
/// Tracking adds bookkeeping, so the totals here run above the BenchmarkDotNet means; the split is what counts.
/// </summary>
public static class GenerationStageReport
{
    // Roslyn ships ReadyToRun code that the runtime re-JITs once it is hot; a few warm-up runs leave the
    // measured ones half on the slower code, so warm up for a fixed time, as BenchmarkDotNet's pilot does.
    private static readonly TimeSpan s_warmup = TimeSpan.FromSeconds(3);
    private const int MeasuredRuns = 30;

    private static readonly (string Step, string Meaning)[] s_knownSteps =
    {
        ("Declarations", "ForAttributeWithMetadataName's semantic step: bind the class and attribute, then NetworkDeclarationReader.Read"),
        ("Results", "NetworkResultBuilder.Build: parse the strings, bind, shape-check, map diagnostics (parse+bind)"),
        (WellKnownGeneratorOutputs.SourceOutput, "NetworkEmitter.Emit and AddSource (emit)"),
    };

    public static void Write(TextWriter output)
    {
        var mixed = new GenerationWorkspace(NetworkCorpus.Mixed);
        GenerationExpectations.Verify(mixed);
        var afterFirstRun = GenerationWorkspace.CreateDriver(trackSteps: true).RunGenerators(mixed.Bound);
        var scenarios = new (string Name, Func<GeneratorDriver> Run)[]
        {
            ("cold, fresh compilation", () => GenerationWorkspace.CreateDriver(trackSteps: true).RunGenerators(mixed.FreshCompilation())),
            ("cold, bound compilation", () => GenerationWorkspace.CreateDriver(trackSteps: true).RunGenerators(mixed.Bound)),
            ("keystroke in unrelated file", () => afterFirstRun.RunGenerators(mixed.AfterKeystroke())),
            ("edit one network's attribute", () => afterFirstRun.RunGenerators(mixed.AfterAttributeEdit())),
        };

        output.WriteLine($"Stage split, {NetworkCorpus.NetworkCount} networks ({mixed.Corpus.Description}) and {NetworkCorpus.UnrelatedFileCount} other files;");
        output.WriteLine($"median of {MeasuredRuns} runs after {s_warmup.TotalSeconds:0} s of warm-up runs, step tracking on. Milliseconds per run, all networks together.");
        output.WriteLine();
        var measured = scenarios.Select(s => Measure(s.Run)).ToList();
        var steps = s_knownSteps.Select(k => k.Step)
            .Concat(measured.SelectMany(m => m.Steps.Keys).Distinct(StringComparer.Ordinal).Where(s => s_knownSteps.All(k => k.Step != s)).OrderBy(s => s, StringComparer.Ordinal))
            .ToList();
        output.WriteLine("| step | " + string.Join(" | ", scenarios.Select(s => s.Name)) + " |");
        output.WriteLine("| --- |" + string.Concat(scenarios.Select(_ => " ---: |")));
        foreach (var step in steps)
        {
            output.WriteLine("| " + step + " | " + string.Join(" | ", measured.Select(m => Milliseconds(m.Steps.GetValueOrDefault(step)))) + " |");
        }
        output.WriteLine("| whole generator (driver timing) | " + string.Join(" | ", measured.Select(m => Milliseconds(m.Generator))) + " |");
        output.WriteLine();
        foreach (var (step, meaning) in s_knownSteps)
        {
            output.WriteLine($"- {step}: {meaning}");
        }
        output.WriteLine();

        output.WriteLine($"Per network, by kind: {NetworkCorpus.NetworkCount} networks of one kind, cold run on a bound compilation, microseconds per network.");
        output.WriteLine();
        output.WriteLine("| network | Declarations | Results (parse+bind) | SourceOutput (emit) | whole generator | generated characters |");
        output.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
        foreach (var kind in Enum.GetValues<ReferenceNetwork>())
        {
            var workspace = new GenerationWorkspace(NetworkCorpus.Only(kind));
            var run = Measure(() => GenerationWorkspace.CreateDriver(trackSteps: true).RunGenerators(workspace.Bound));
            output.WriteLine("| " + kind.ToString().ToLowerInvariant()
                + " | " + PerNetwork(run.Steps["Declarations"])
                + " | " + PerNetwork(run.Steps["Results"])
                + " | " + PerNetwork(run.Steps[WellKnownGeneratorOutputs.SourceOutput])
                + " | " + PerNetwork(run.Generator)
                + " | " + (run.GeneratedCharacters / NetworkCorpus.NetworkCount).ToString("N0", CultureInfo.InvariantCulture) + " |");
        }
    }

    private sealed record StageTimes(Dictionary<string, TimeSpan> Steps, TimeSpan Generator, long GeneratedCharacters);

    private static StageTimes Measure(Func<GeneratorDriver> run)
    {
        var warmup = Stopwatch.StartNew();
        while (warmup.Elapsed < s_warmup)
        {
            run();
        }
        var samples = new List<StageTimes>(MeasuredRuns);
        for (int i = 0; i < MeasuredRuns; i++)
        {
            var driver = run();
            var result = driver.GetRunResult().Results.Single();
            var steps = result.TrackedSteps
                .ToDictionary(pair => pair.Key, pair => Sum(pair.Value.Select(step => step.ElapsedTime)), StringComparer.Ordinal);
            samples.Add(new StageTimes(steps, driver.GetTimingInfo().GeneratorTimes.Single().ElapsedTime,
                result.GeneratedSources.Sum(source => (long)source.SourceText.Length)));
        }
        var names = samples.SelectMany(s => s.Steps.Keys).Distinct(StringComparer.Ordinal);
        return new StageTimes(
            names.ToDictionary(name => name, name => Median(samples.Select(s => s.Steps.GetValueOrDefault(name))), StringComparer.Ordinal),
            Median(samples.Select(s => s.Generator)),
            samples[0].GeneratedCharacters);
    }

    private static TimeSpan Sum(IEnumerable<TimeSpan> times) => times.Aggregate(TimeSpan.Zero, (total, time) => total + time);

    private static TimeSpan Median(IEnumerable<TimeSpan> times)
    {
        var sorted = times.OrderBy(t => t).ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Milliseconds(TimeSpan time) => time.TotalMilliseconds.ToString("N2", CultureInfo.InvariantCulture);

    private static string PerNetwork(TimeSpan time) =>
        (time.TotalMicroseconds / NetworkCorpus.NetworkCount).ToString("N1", CultureInfo.InvariantCulture);
}
