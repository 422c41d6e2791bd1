namespace StaticNets.Generator;

/// <summary>Names of the pipeline steps, so tests can find them in the driver's tracked steps and check caching.</summary>
internal static class TrackingNames
{
    /// <summary>Classes with <c>[Network]</c>, read into plain declarations (null when the attribute does not bind).</summary>
    public const string Declarations = nameof(Declarations);

    /// <summary>Bound, shape-checked results: spec and diagnostics (null where the declaration was).</summary>
    public const string Results = nameof(Results);
}
