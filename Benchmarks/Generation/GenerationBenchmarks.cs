using BenchmarkDotNet.Attributes;
using Microsoft.CodeAnalysis;
using StaticNets.Benchmarks.Configuration;

namespace StaticNets.Benchmarks.Generation;

/// <summary>
/// The StaticNets generator driven as a compiler or IDE drives it, on one compilation of
/// <see cref="NetworkCorpus.NetworkCount"/> networks. Every run ends with <c>GetRunResult</c>, which is how a
/// host collects the generated files and diagnostics.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(GenerationConfig))]
public class GenerationBenchmarks
{
    private GenerationWorkspace _workspace = null!;
    private GeneratorDriver _driverAfterFirstRun = null!;

    [GlobalSetup]
    public void Setup()
    {
        _workspace = new GenerationWorkspace(NetworkCorpus.Mixed);
        GenerationExpectations.Verify(_workspace);
        _driverAfterFirstRun = GenerationWorkspace.CreateDriver().RunGenerators(_workspace.Bound);
    }

    /// <summary>
    /// (a) A build, or an IDE opening the project: a new driver on a new compilation, so the run also pays for
    /// the compiler binding each [Network] class and attribute the first time anyone asks.
    /// </summary>
    [Benchmark]
    public GeneratorDriverRunResult ColdRun() =>
        GenerationWorkspace.CreateDriver().RunGenerators(_workspace.FreshCompilation()).GetRunResult();

    /// <summary>(a') The same on a compilation whose symbols are already bound: the generator's own share of (a).</summary>
    [Benchmark]
    public GeneratorDriverRunResult ColdRunBoundCompilation() =>
        GenerationWorkspace.CreateDriver().RunGenerators(_workspace.Bound).GetRunResult();

    /// <summary>(b) A keystroke in an ordinary file: the driver is reused and every network must come out cached.</summary>
    [Benchmark]
    public GeneratorDriverRunResult KeystrokeInUnrelatedFile() =>
        _driverAfterFirstRun.RunGenerators(_workspace.AfterKeystroke()).GetRunResult();

    /// <summary>(c) An edit to one network's architecture string: that network is parsed, bound and emitted again.</summary>
    [Benchmark]
    public GeneratorDriverRunResult EditOneNetworkAttribute() =>
        _driverAfterFirstRun.RunGenerators(_workspace.AfterAttributeEdit()).GetRunResult();
}
