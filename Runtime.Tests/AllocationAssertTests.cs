using System;
using Xunit.Sdk;

namespace StaticNets.Runtime.Tests;

public class AllocationAssertTests
{
    private static object? s_sink;

    [Fact]
    public void PerCallAllocationFailsEveryWindow()
    {
        var error = Assert.Throws<FailException>(() => AllocationAssert.NothingAllocated(() => s_sink = new byte[16], "allocating step"));
        Assert.Contains("allocating step allocated", error.Message);
    }

    [Fact]
    public void AllocationFreeStepPasses()
    {
        int counter = 0;
        AllocationAssert.NothingAllocated(() => counter++, "counting step");
        Assert.True(counter > 1);
    }
}
