using System;
using StaticNets.Training;

namespace StaticNets.Runtime.Tests.Training;

public class SgdMomentumTests
{
    [Fact]
    public void ThreeStepsMatchHandComputedVelocityAndWeights()
    {
        var network = new ArrayNetwork(2);
        network.ParameterArray[0] = 1f;
        network.ParameterArray[1] = -2f;
        var optimizer = new SgdMomentum(network, learningRate: 0.1f, momentum: 0.9f);

        // Step 1: v = 0 * 0.9 + (0.5, 1) = (0.5, 1); w = (1, -2) - 0.1 * v = (0.95, -2.1).
        network.GradientArray[0] = 0.5f;
        network.GradientArray[1] = 1f;
        optimizer.Step();
        AssertClose([0.5f, 1f], optimizer.Velocity);
        AssertClose([0.95f, -2.1f], network.ParameterArray);

        // Step 2, same gradient: v = 0.9 * (0.5, 1) + (0.5, 1) = (0.95, 1.9); w = (0.95 - 0.095, -2.1 - 0.19) = (0.855, -2.29).
        optimizer.Step();
        AssertClose([0.95f, 1.9f], optimizer.Velocity);
        AssertClose([0.855f, -2.29f], network.ParameterArray);

        // Step 3, gradient (-1, 0): v = 0.9 * (0.95, 1.9) + (-1, 0) = (-0.145, 1.71); w = (0.855 + 0.0145, -2.29 - 0.171) = (0.8695, -2.461).
        network.GradientArray[0] = -1f;
        network.GradientArray[1] = 0f;
        optimizer.Step();
        AssertClose([-0.145f, 1.71f], optimizer.Velocity);
        AssertClose([0.8695f, -2.461f], network.ParameterArray);
    }

    [Fact]
    public void ZeroMomentumIsPlainGradientDescent()
    {
        var network = new ArrayNetwork(3);
        network.ParameterArray.AsSpan().Fill(1f);
        float[] gradient = [2f, -4f, 0.5f];
        gradient.CopyTo(network.GradientArray, 0);
        var optimizer = new SgdMomentum(network, learningRate: 0.25f, momentum: 0f);

        optimizer.Step();
        optimizer.Step();

        // w = 1 - 2 * 0.25 * g
        AssertClose([0f, 3f, 0.75f], network.ParameterArray);
    }

    [Fact]
    public void LongVectorsUpdateEveryElementLikeTheScalarRule()
    {
        // 1003 is not a multiple of any vector width, so the tail path runs too.
        const int count = 1003;
        var network = new ArrayNetwork(count);
        var random = new Random(5);
        var expectedWeights = new double[count];
        var expectedVelocity = new double[count];
        for (int i = 0; i < count; i++)
        {
            network.ParameterArray[i] = (float)(random.NextDouble() - 0.5);
            expectedWeights[i] = network.ParameterArray[i];
        }

        var optimizer = new SgdMomentum(network, learningRate: 0.01f, momentum: 0.8f);
        for (int step = 0; step < 3; step++)
        {
            for (int i = 0; i < count; i++)
            {
                network.GradientArray[i] = (float)(random.NextDouble() - 0.5);
                expectedVelocity[i] = 0.8 * expectedVelocity[i] + network.GradientArray[i];
                expectedWeights[i] -= 0.01 * expectedVelocity[i];
            }

            optimizer.Step();
        }

        for (int i = 0; i < count; i++)
        {
            Assert.Equal(expectedVelocity[i], optimizer.Velocity[i], 1e-5);
            Assert.Equal(expectedWeights[i], network.ParameterArray[i], 1e-6);
        }
    }

    [Fact]
    public void StepAllocatesNothing()
    {
        var network = new ArrayNetwork(10_000);
        network.GradientArray.AsSpan().Fill(0.01f);
        var optimizer = new SgdMomentum(network, learningRate: 0.1f);
        AllocationAssert.NothingAllocated(optimizer.Step, "SgdMomentum.Step", callsPerWindow: 100);
    }

    [Fact]
    public void ResetZeroesTheVelocity()
    {
        var network = new ArrayNetwork(4);
        network.GradientArray.AsSpan().Fill(1f);
        var optimizer = new SgdMomentum(network, learningRate: 0.1f);
        optimizer.Step();

        optimizer.Reset();

        Assert.True(optimizer.Velocity.ToArray().AsSpan().IndexOfAnyExcept(0f) < 0);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-0.1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void LearningRateMustBePositiveAndFinite(float learningRate)
    {
        var network = new ArrayNetwork(1);
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new SgdMomentum(network, learningRate));
        Assert.Contains("learning rate", exception.Message, StringComparison.Ordinal);

        var optimizer = new SgdMomentum(network, 0.1f);
        Assert.Throws<ArgumentOutOfRangeException>(() => optimizer.LearningRate = learningRate);
        Assert.Equal(0.1f, optimizer.LearningRate);
    }

    [Theory]
    [InlineData(-0.1f)]
    [InlineData(1f)]
    [InlineData(1.5f)]
    [InlineData(float.NaN)]
    public void MomentumMustBeInZeroToOne(float momentum)
    {
        var network = new ArrayNetwork(1);
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => new SgdMomentum(network, 0.1f, momentum));
        Assert.Contains("momentum", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NullNetworkIsRefused()
    {
        Assert.Throws<ArgumentNullException>(() => new SgdMomentum(null!, 0.1f));
    }

    private static void AssertClose(float[] expected, ReadOnlySpan<float> actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 1e-6f);
        }
    }
}
