namespace StaticNets.Generator.Model;

/// <summary>
/// What the pipeline carries for one <c>[Network]</c> class to the output step: the spec to emit (null
/// when any error was found) and every diagnostic to report. Plain values only, so it compares by value
/// and an unrelated edit leaves the output step cached.
/// </summary>
internal sealed record NetworkResult(NetworkSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);
