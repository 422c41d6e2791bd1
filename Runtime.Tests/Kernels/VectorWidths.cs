using System;
using StaticNets.Kernels;

namespace StaticNets.Runtime.Tests.Kernels;

/// <summary>A check written once and run at one forced vector width.</summary>
internal interface IWidthCheck
{
    void Run<TVector>() where TVector : struct, IVector<TVector>;
}

/// <summary>
/// The vector widths every fast kernel is tested at, whatever this machine would pick. A width the CPU does not
/// accelerate still runs (.NET emulates it), so no case is ever skipped; it is only slower.
/// </summary>
public static class VectorWidths
{
    /// <summary>Bits per vector: 512, 256, 128, and 32 for the scalar path.</summary>
    public static TheoryData<int> All => new() { 512, 256, 128, 32 };

    internal static void Run<TCheck>(int bits, TCheck check)
        where TCheck : IWidthCheck
    {
        switch (bits)
        {
            case 512: check.Run<Vector512Ops>(); break;
            case 256: check.Run<Vector256Ops>(); break;
            case 128: check.Run<Vector128Ops>(); break;
            case 32: check.Run<ScalarOps>(); break;
            default: throw new ArgumentOutOfRangeException(nameof(bits), bits, "Widths are 512, 256, 128 or 32 bits.");
        }
    }
}
