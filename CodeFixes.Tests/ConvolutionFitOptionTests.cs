using System.Linq;

namespace StaticNets.CodeFixes.Tests;

public sealed class ConvolutionFitOptionTests
{
    [Fact]
    public void ParseKeepsTheGeneratorsOrderAndDropsRepeats()
    {
        var options = ConvolutionFitOption.Parse("pad=2:31; stride=1:214 ;stride=3:72;pad=2:31");

        Assert.Equal(
            new[]
            {
                new ConvolutionFitOption(ConvolutionArgument.Padding, 2, 31),
                new ConvolutionFitOption(ConvolutionArgument.Stride, 1, 214),
                new ConvolutionFitOption(ConvolutionArgument.Stride, 3, 72),
            },
            options);
    }

    [Fact]
    public void ParseSkipsMalformedEntriesAndKeepsTheRest()
    {
        var options = ConvolutionFitOption.Parse("stride=1:214;;stride=9999999999:1;pad=1;pad=0:28;stride=+2:10;stride=2:1e3");

        Assert.Equal(
            new[] { new ConvolutionFitOption(ConvolutionArgument.Stride, 1, 214), new ConvolutionFitOption(ConvolutionArgument.Padding, 0, 28) },
            options);
    }

    [Fact]
    public void TitlesAndKeysNameTheArgumentValueAndOutput()
    {
        var stride = new ConvolutionFitOption(ConvolutionArgument.Stride, 3, 72);
        var padding = new ConvolutionFitOption(ConvolutionArgument.Padding, 1, 30);

        Assert.Equal("Use stride 3 (output 72)", stride.Title);
        Assert.Equal("Use padding 1 (output 30)", padding.Title);
        Assert.NotEqual(stride.EquivalenceKey, padding.EquivalenceKey);
        Assert.Single(new[] { stride.EquivalenceKey, new ConvolutionFitOption(ConvolutionArgument.Stride, 3, 5).EquivalenceKey }.Distinct());
    }
}
