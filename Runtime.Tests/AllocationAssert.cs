using System;

namespace StaticNets.Runtime.Tests;

/// <summary>
/// Asserts that code allocates nothing in steady state. After a warm-up call, up to three consecutive windows
/// are measured with <see cref="GC.GetAllocatedBytesForCurrentThread"/> and the first clean one passes: the
/// runtime sometimes bills a one-off allocation to the measuring thread (a tier-up recompilation landing
/// mid-window on a loaded machine), which can dirty one window, while a real per-call allocation dirties every
/// window and still fails. The bound stays exactly zero.
/// </summary>
internal static class AllocationAssert
{
    private const int Windows = 3;

    public static void NothingAllocated(Action step, string what, int callsPerWindow = 3)
    {
        step(); // warm-up: JIT and first-call initialisation
        long allocated = 0;
        for (int window = 0; window < Windows; window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < callsPerWindow; i++)
            {
                step();
            }
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            if (allocated == 0)
            {
                return;
            }
        }
        Assert.Fail($"{what} allocated {allocated} bytes over {callsPerWindow} calls in each of {Windows} windows after warm-up.");
    }
}
