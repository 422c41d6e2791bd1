using System.Globalization;
using System.Linq;
using StaticNets.Generator.Binding.Layers;
using StaticNets.Generator.Model;
using static StaticNets.Generator.Tests.Infrastructure.BindingHarness;

namespace StaticNets.Generator.Tests.Binding;

/// <summary>Real-valued arguments (alpha, p, momentum, eps, margin): how they are written, read, stored and shown.</summary>
public class RealArgumentTests
{
    [Theory]
    [InlineData("0.5", 0.5f)]
    [InlineData("1e-3", 0.001f)]
    [InlineData("2.5E-2", 0.025f)]
    [InlineData("5E-1", 0.5f)]
    [InlineData("0", 0f)]
    [InlineData("0.1", 0.1f)]
    [InlineData("0.30000001", 0.3f)]
    public void DecimalsAndExponentsAreReadAsTheNearestFloat(string written, float expected)
    {
        var dropout = Valid("FC(4)+DROPOUT(" + written + ")+FC(3)+SOFTMAX").Layer("dropout1");
        Assert.Equal(expected, dropout.DropProbability);
        Assert.Equal(float.Parse(written, NumberStyles.Float, CultureInfo.InvariantCulture), dropout.DropProbability);
    }

    [Fact]
    public void TheSummaryShowsTheShortestTextThatReadsBackToTheSameFloat()
    {
        foreach (var value in new[] { 0.01f, 0.1f, 0.3f, 1e-5f, 1e-7f, 0.123456789f, 1e20f, 2f, 0f })
        {
            string text = LayerRule.FormatReal(value);
            Assert.Equal(value, float.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
            Assert.DoesNotContain("E", text, System.StringComparison.Ordinal);
        }
        Assert.Equal(new[] { "0.01", "1e-5", "1e-7", "1e20", "2" }, new[] { 0.01f, 1e-5f, 1e-7f, 1e20f, 2f }.Select(LayerRule.FormatReal));
    }

    [Fact]
    public void RealsDoNotDependOnTheCurrentCulture()
    {
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            var network = Valid("FC(4)+LEAKYRELU(0.25)+FC(3)+SOFTMAX");
            Assert.Equal((0.25f, "LEAKYRELU(0.25)"), (network.Layer("leakyrelu1").Alpha, network.Layer("leakyrelu1").SourceText));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    [Fact]
    public void NegativeZeroIsStoredAndShownAsZero()
    {
        var dropout = Valid("FC(4)+DROPOUT(-0.0)+FC(3)+SOFTMAX").Layer("dropout1");
        Assert.False(float.IsNegative(dropout.DropProbability));
        Assert.Equal("DROPOUT(0)", dropout.SourceText);
    }

    [Fact]
    public void WholeNumbersAreRealsWhereRealsAreMeant()
    {
        var network = Valid("FC(4)+ELU(3)+FC(3)+SVM(2)");
        Assert.Equal((3f, 2f), (network.Layer("elu1").Alpha, network.Layers[^1].Margin));
    }

    [Fact]
    public void LetVariablesListsAndDefaultsSupplyReals()
    {
        var fromLet = Valid("FC(4)+ELU(A)+FC(3)+SOFTMAX", let: "A=2");
        Assert.Equal((2f, "ELU(2)"), (fromLet.Layer("elu1").Alpha, fromLet.Layer("elu1").SourceText));

        var fromList = Valid("(FC(4)+LEAKYRELU([0.1, 0.2, 1e-3]))*3+FC(3)+SOFTMAX");
        Assert.Equal(new[] { 0.1f, 0.2f, 0.001f }, fromList.Layers.Where(l => l.Kind == LayerKind.LeakyRelu).Select(l => l.Alpha));

        var fromDefaults = Valid("FC(4)+DROPOUT+FC(4)+DROPOUT(0.1)+FC(3)+SOFTMAX", defaults: "DROPOUT(0.3)");
        Assert.Equal(new[] { 0.3f, 0.1f }, fromDefaults.Layers.Where(l => l.Kind == LayerKind.Dropout).Select(l => l.DropProbability));
    }

    [Fact]
    public void AnOutOfRangeRealFromALetVariableIsReportedWhereTheVariableIsUsed()
    {
        Assert.Equal("DROPOUT p must be at least 0 and less than 1, got 2", ErrorAt("FC(4)+DROPOUT([|P|])+FC(3)+SOFTMAX", "SN0009", let: "P=2").Message);
    }

    [Fact]
    public void AnOutOfRangeRealInAListIsReportedOnItsElement()
    {
        Assert.Equal("LEAKYRELU alpha must be at least 0 and less than 1, got 1.5",
            ErrorAt("(FC(4)+LEAKYRELU([0.1, [|1.5|]]))*2+FC(3)+SOFTMAX", "SN0009").Message);
    }

    [Fact]
    public void AnOutOfRangeRealInDefaultsPointsIntoDefaults()
    {
        var error = OnlyError(Bind("FC(4)+DROPOUT+FC(3)+SOFTMAX", defaults: "DROPOUT(1.5)"));
        Assert.Equal(("SN0009", "DROPOUT p must be at least 0 and less than 1, got 1.5"), (error.Descriptor.Id, error.Message));
        Assert.Equal(StaticNets.Generator.Binding.NetworkArgument.Defaults, error.At.Argument);
        Assert.Equal(new Microsoft.CodeAnalysis.Text.TextSpan(8, 3), error.At.Span);
    }

    [Fact]
    public void IntegerArgumentsStillRefuseDecimals()
    {
        Assert.Equal("FC units must be a whole number within the range of int, got 0.5", ErrorAt("FC([|0.5|])+SOFTMAX", "SN0009", classes: 2).Message);
        Assert.Equal("AVGPOOL size must be a whole number within the range of int, got 2e0", ErrorAt("AVGPOOL([|2e0|])+FC(2)+SOFTMAX", "SN0009").Message);
    }

    [Fact]
    public void SameIsNotAReal()
    {
        Assert.Equal("'same' is only valid for pad, not for DROPOUT p", ErrorAt("FC(4)+DROPOUT([|same|])+FC(3)+SOFTMAX", "SN0009").Message);
    }

    [Fact]
    public void ANumberWithoutDigitsBeforeTheDecimalPointIsASyntaxError()
    {
        Assert.Equal("expected a value (a number, a name or a [list]), unexpected character '.'",
            ErrorAt("FC(4)+DROPOUT([|.|]5)+FC(3)+SOFTMAX", "SN0001").Message);
    }
}
