namespace StaticNets.CodeFixes;

/// <summary>
/// The generator's diagnostic ids that have fixes. Repeated here rather than shared: the generator is
/// loaded by the compiler on its own and this assembly must not reference it.
/// </summary>
internal static class DiagnosticIds
{
    public const string UnknownName = "SN0002";
    public const string ConvolutionStrideMismatch = "SN0003";
    public const string ClassNotPartial = "SN0006";
}
