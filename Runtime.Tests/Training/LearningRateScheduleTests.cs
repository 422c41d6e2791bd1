using System;
using StaticNets.Training;

namespace StaticNets.Runtime.Tests.Training;

public class LearningRateScheduleTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    public void ConstantKeepsTheInitialRate(int epoch)
    {
        Assert.Equal(0.01f, new ConstantLearningRate().LearningRate(0.01f, epoch));
    }

    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(4, 0.1)]
    [InlineData(5, 0.05)]
    [InlineData(9, 0.05)]
    [InlineData(10, 0.025)]
    [InlineData(23, 0.00625)]
    public void StepDecayHalvesEveryFiveEpochs(int epoch, double expected)
    {
        // Relative 1e-6: the float result carries 0.1f's own rounding (1.5e-8 relative) plus one narrowing.
        Assert.Equal(expected, new StepDecay(0.5f, 5).LearningRate(0.1f, epoch), expected * 1e-6);
    }

    [Theory]
    [InlineData(0, 0.1)]
    [InlineData(1, 0.0904837418)] // 0.1 * e^-0.1
    [InlineData(10, 0.0367879441)] // 0.1 * e^-1
    [InlineData(30, 0.00497870684)] // 0.1 * e^-3
    public void ExponentialDecayIsInitialTimesEToTheMinusKEpoch(int epoch, double expected)
    {
        Assert.Equal(expected, new ExponentialDecay(0.1f).LearningRate(0.1f, epoch), expected * 1e-6);
    }

    [Fact]
    public void ADecayedRateNeverUnderflowsToAnInvalidLearningRate()
    {
        float rate = new ExponentialDecay(10f).LearningRate(1e-3f, 1000);
        Assert.True(rate > 0f);
        var optimizer = new Sgd(new ArrayNetwork(1), 0.1f) { LearningRate = rate };
        Assert.Equal(rate, optimizer.LearningRate);
    }

    [Fact]
    public void InvalidSchedulesAndArgumentsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecay(0f, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecay(1.5f, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => new StepDecay(0.5f, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialDecay(-0.1f));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialDecay(float.NaN));
        foreach (ILearningRateSchedule schedule in new ILearningRateSchedule[] { new ConstantLearningRate(), new StepDecay(0.5f, 2), new ExponentialDecay(0.1f) })
        {
            Assert.Contains("epoch", Assert.Throws<ArgumentOutOfRangeException>(() => schedule.LearningRate(0.1f, -1)).Message, StringComparison.Ordinal);
            Assert.Contains("initial", Assert.Throws<ArgumentOutOfRangeException>(() => schedule.LearningRate(0f, 0)).Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentOutOfRangeException>(() => schedule.LearningRate(float.NaN, 0));
        }
    }
}
