using System;
using System.Linq;
using StaticNets.Data;

namespace StaticNets.Runtime.Tests.Data;

public class SpiralTests
{
    [Fact]
    public void GeneratesBalancedClassesOfTwoDimensionalPointsClassAfterClass()
    {
        ImageDataset spiral = Spiral.Generate(classes: 3, pointsPerClass: 100, seed: 7);

        Assert.Equal((300, 2, 1, 1, 2), (spiral.Count, spiral.Channels, spiral.Height, spiral.Width, spiral.FeatureLength));
        Assert.Equal(Enumerable.Range(0, 3).SelectMany(j => Enumerable.Repeat(j, 100)), spiral.Labels);
    }

    [Fact]
    public void RadiusRisesEvenlyFromZeroToOneAlongEachArm()
    {
        ImageDataset spiral = Spiral.Generate(classes: 4, pointsPerClass: 11, seed: 3);

        for (int example = 0; example < spiral.Count; example++)
        {
            ReadOnlySpan<float> point = spiral.FeaturesOf(example);
            double radius = Math.Sqrt(point[0] * point[0] + point[1] * point[1]);
            Assert.InRange(radius, 0, 1 + 1e-6);
            // linspace(0, 1, 11): the noise moves only the angle, so point i sits at radius i / 10.
            Assert.Equal(example % 11 / 10.0, radius, 1e-6);
        }
    }

    [Fact]
    public void WithoutNoiseTheAngleOfClassJRunsFrom4JTo4JPlus4()
    {
        ImageDataset spiral = Spiral.Generate(classes: 2, pointsPerClass: 5, noise: 0);

        // Class 1, point 2 of 5: radius 0.5, angle 4 + 4 * 2/4 = 6, at (0.5 sin 6, 0.5 cos 6).
        ReadOnlySpan<float> point = spiral.FeaturesOf(7);
        Assert.Equal((float)(0.5 * Math.Sin(6)), point[0]);
        Assert.Equal((float)(0.5 * Math.Cos(6)), point[1]);
        // The last point of class 0 sits at angle 4 on the unit circle.
        Assert.Equal((float)Math.Sin(4), spiral.FeaturesOf(4)[0]);
        Assert.Equal((float)Math.Cos(4), spiral.FeaturesOf(4)[1]);
    }

    [Fact]
    public void SameSeedGivesTheSamePointsAndAnotherSeedOthers()
    {
        float[] first = Spiral.Generate(3, 50, seed: 11).Features;

        Assert.Equal(first, Spiral.Generate(3, 50, seed: 11).Features);
        Assert.NotEqual(first, Spiral.Generate(3, 50, seed: 12).Features);
    }

    [Fact]
    public void SinglePointPerClassSitsAtTheOrigin()
    {
        ImageDataset spiral = Spiral.Generate(classes: 3, pointsPerClass: 1);

        Assert.Equal([0, 1, 2], spiral.Labels);
        Assert.All(spiral.Features, value => Assert.Equal(0f, value, 0f));
    }

    [Fact]
    public void BadArgumentsAreRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Spiral.Generate(0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Spiral.Generate(3, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Spiral.Generate(3, 10, noise: -0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Spiral.Generate(3, 10, noise: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => Spiral.Generate(100_000, 100_000));
    }
}
