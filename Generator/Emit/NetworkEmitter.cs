using StaticNets.Generator.Model;

namespace StaticNets.Generator.Emit;

// Placeholder so the front end compiles on its own branch; the real emitter (same name and signature)
// is written in another branch and replaces this file on merge.
internal static class NetworkEmitter
{
    public static string Emit(NetworkSpec spec) => "// placeholder";
}
