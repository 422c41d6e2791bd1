using System;
using StaticNets.Training;

namespace StaticNets.Runtime.Tests.Training;

/// <summary>What a training run allocates after its first epoch, which pays for JIT and first calls.</summary>
internal static class EpochAllocation
{
    /// <summary>
    /// Bytes allocated on this thread between the end of epoch 0 and the end of the last epoch of a run of
    /// <paramref name="train"/> with <paramref name="options"/> (its own OnEpoch still called). As in AllocationAssert, a
    /// one-off runtime allocation billed to this thread may dirty one run, so up to three runs are measured and the
    /// first clean one counts.
    /// </summary>
    public static long AfterFirstEpoch(TrainerOptions options, Action<TrainerOptions> train)
    {
        var allocatedAtEpochEnd = new long[options.Epochs];
        Action<EpochReport>? ownOnEpoch = options.OnEpoch;
        TrainerOptions measured = options with
        {
            OnEpoch = report =>
            {
                ownOnEpoch?.Invoke(report);
                allocatedAtEpochEnd[report.Epoch] = GC.GetAllocatedBytesForCurrentThread();
            },
        };

        long allocated = 0;
        for (int run = 0; run < 3; run++)
        {
            train(measured);
            allocated = allocatedAtEpochEnd[^1] - allocatedAtEpochEnd[0];
            if (allocated == 0)
            {
                break;
            }
        }

        return allocated;
    }
}
