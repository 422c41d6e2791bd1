using System;

namespace StaticNets.Runtime.Tests.Networks;

public class NetworkArgumentTests
{
    private readonly LeNet5 _network = new(maxBatch: 4);

    [Fact]
    public void WrongInputLengthNamesTheExpectedLength()
    {
        var error = Assert.Throws<ArgumentException>(() => _network.Forward(new float[783], new float[10], 1));
        Assert.Equal("input", error.ParamName);
        Assert.Contains("784", error.Message);
        Assert.Contains("783", error.Message);
    }

    [Fact]
    public void WrongOutputLengthNamesTheExpectedLength()
    {
        var error = Assert.Throws<ArgumentException>(() => _network.Forward(new float[2 * 784], new float[10], 2));
        Assert.Equal("output", error.ParamName);
        Assert.Contains("20", error.Message);
    }

    [Fact]
    public void BatchAboveTheConstructorsMaximumIsRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => _network.Predict(new float[5 * 784], new int[5], 5));
        Assert.Contains("maxBatch of 4", error.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => _network.Predict(ReadOnlySpan<float>.Empty, Span<int>.Empty, 0));
    }

    [Fact]
    public void LabelsMustMatchTheBatchAndTheClasses()
    {
        _network.InitializeParameters(1);
        var lengthError = Assert.Throws<ArgumentException>(() => _network.ForwardBackward(new float[2 * 784], new int[3], 2));
        Assert.Equal("labels", lengthError.ParamName);
        Assert.ThrowsAny<ArgumentException>(() => _network.ForwardBackward(new float[784], new[] { 10 }, 1));
        Assert.ThrowsAny<ArgumentException>(() => _network.ForwardBackward(new float[784], new[] { -1 }, 1));
    }

    [Fact]
    public void ConstructorRefusesNonPositiveBatchAndNegativeRegularisation()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LeNet5(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => LeNet5.ArenaBytes(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => _network.L2Regularization = -1e-3f);
        Assert.Throws<ArgumentOutOfRangeException>(() => _network.L2Regularization = float.NaN);
        Assert.Throws<ArgumentOutOfRangeException>(() => new LeNet5(int.MaxValue));
    }
}
