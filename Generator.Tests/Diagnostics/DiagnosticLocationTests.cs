using Microsoft.CodeAnalysis;
using StaticNets.Generator.Tests.Infrastructure;

namespace StaticNets.Generator.Tests.Diagnostics;

/// <summary>One test (or more) per diagnostic id: id, severity, exact span, and a message stating the numbers.</summary>
public class DiagnosticLocationTests
{
    private static Diagnostic Locate(string attributeArguments, string id, string declaration = "public partial class Net { }")
    {
        var (diagnostic, outcome) = Markup.RunAndLocate(Markup.Network(attributeArguments, declaration), id);
        Assert.Empty(outcome.DriverDiagnostics.RemoveAll(d => d.Id.StartsWith("SN", System.StringComparison.Ordinal)));
        return diagnostic;
    }

    private static void AssertError(Diagnostic diagnostic, string message)
    {
        Assert.Equal(DiagnosticSeverity.Error, diagnostic.Severity);
        Assert.Equal(message, diagnostic.GetMessage());
    }

    [Fact]
    public void SN0001SyntaxErrorUnderlinesTheUnexpectedToken()
    {
        var diagnostic = Locate("\"CONV(6,5)+RELU [|FC|](10)+SOFTMAX\", Input = \"1x28x28\"", "SN0001");
        AssertError(diagnostic, "expected '+' between layers or end of text, found 'FC'");
    }

    [Fact]
    public void SN0001UnclosedParenthesisUnderlinesTheOpeningOne()
    {
        var diagnostic = Locate("\"CONV(6,5)+[|(|]RELU+FC(10)+SOFTMAX\", Input = \"1x28x28\"", "SN0001");
        AssertError(diagnostic, "'(' is never closed: expected ')'");
    }

    [Fact]
    public void SN0001InLetAndDefaultsPointsIntoThoseStrings()
    {
        AssertError(Locate("\"FC(10)+SOFTMAX\", Input = \"10\", Let = \"N=2 [|M|]=3\"", "SN0001"),
            "Let: expected ',' between variables, found 'M'");
        AssertError(Locate("\"FC+SOFTMAX\", Input = \"10\", Defaults = \"FC(10[|;|]\"", "SN0001"),
            "Defaults: expected ',' or ')' in the arguments of FC, found ';'");
    }

    [Fact]
    public void SN0002UnknownLayerSuggestsTheNearestName()
    {
        var diagnostic = Locate("\"CONV(6,5)+[|RELUU|]+FC(10)+SOFTMAX\", Input = \"1x28x28\"", "SN0002");
        AssertError(diagnostic, "unknown layer 'RELUU': did you mean RELU?");
    }

    [Fact]
    public void SN0002UnknownArgumentListsTheValidOnes()
    {
        var diagnostic = Locate("\"CONV(6,5,[|strid|]:2)+RELU+FC(10)+SOFTMAX\", Input = \"1x28x28\"", "SN0002");
        AssertError(diagnostic, "CONV has no argument 'strid' (did you mean stride?); valid arguments are filters, size, stride, pad");
    }

    [Fact]
    public void SN0002MisspeltLayerSuggestsItWithItsArguments()
    {
        var diagnostic = Locate("\"CONV(6,5)+[|LeakyRelus|](0.1)+FC(10)+SOFTMAX\", Input = \"1x28x28\"", "SN0002");
        AssertError(diagnostic, "unknown layer 'LeakyRelus': did you mean LEAKYRELU? It takes alpha");
    }

    [Fact]
    public void SN0002UnknownArgumentOfANewerLayerListsTheValidOnes()
    {
        var diagnostic = Locate("\"FC(64)+BATCHNORM([|epsilon|]: 1e-3)+RELU+FC(10)+SOFTMAX\", Input = \"784\"", "SN0002");
        AssertError(diagnostic, "BATCHNORM has no argument 'epsilon'; valid arguments are momentum, eps");
    }

    [Fact]
    public void SN0003UnderlinesTheStrideAndListsWhatFits()
    {
        var diagnostic = Locate("\"CONV(96,11,stride:[|4|])+RELU+FC(10)+SOFTMAX\", Input = \"3x224x224\"", "SN0003");
        AssertError(diagnostic,
            "CONV #1: for the Input 3x224x224, (224 + 2*0 - 11) = 213 is not divisible by stride 4, so the output size 213/4 + 1 is not a whole number; strides that fit: 1 (output 214), 3 (output 72); no padding fits stride 4");
    }

    [Fact]
    public void SN0003ListsPaddingsThatFit()
    {
        var diagnostic = Locate("\"CONV(8,4,stride:[|3|])+FC(10)+SOFTMAX\", Input = \"1x32x32\"", "SN0003");
        AssertError(diagnostic,
            "CONV #1: for the Input 1x32x32, (32 + 2*0 - 4) = 28 is not divisible by stride 3, so the output size 28/3 + 1 is not a whole number; strides that fit: 1 (output 29), 2 (output 15), 4 (output 8); paddings that fit stride 3: 1 (output 11)");
    }

    [Fact]
    public void SN0004UnderlinesThePoolWindowAndNamesTheLayerThatMadeTheInput()
    {
        var diagnostic = Locate("\"CONV(6,4)+RELU+POOL([|2|])+FC(10)+SOFTMAX\", Input = \"1x28x28\"", "SN0004");
        AssertError(diagnostic,
            "POOL #1: window 2 with stride 2 does not tile the input 6x25x25 produced by conv1 (CONV(6,4)): (25 - 2) = 23 is not divisible by stride 2, so the output size 23/2 + 1 is not a whole number; strides that fit: 1 (output 24); windows that fit stride 2: 3 (output 12), 5 (output 11), 7 (output 10), 9 (output 9), 11 (output 8)");
    }

    [Fact]
    public void SN0004UnderlinesAnExplicitPoolStride()
    {
        var diagnostic = Locate("\"MAXPOOL(3, stride: [|2|])+FC(10)+SOFTMAX\", Input = \"1x24x24\"", "SN0004");
        AssertError(diagnostic,
            "MAXPOOL #1: window 3 with stride 2 does not tile the Input 1x24x24: (24 - 3) = 21 is not divisible by stride 2, so the output size 21/2 + 1 is not a whole number; strides that fit: 1 (output 22), 3 (output 8); windows that fit stride 2: 2 (output 12), 4 (output 11), 6 (output 10), 8 (output 9), 10 (output 8)");
    }

    [Fact]
    public void SN0004UnderlinesTheAvgPoolWindowAndNamesTheConvolutionBeforeTheActivation()
    {
        var diagnostic = Locate("\"CONV(6,5)+RELU+AVGPOOL([|5|])+FC(10)+SOFTMAX\", Input = \"1x28x28\"", "SN0004");
        AssertError(diagnostic,
            "AVGPOOL #1: window 5 with stride 5 does not tile the input 6x24x24 produced by conv1 (CONV(6,5)): (24 - 5) = 19 is not divisible by stride 5, so the output size 19/5 + 1 is not a whole number; strides that fit: 1 (output 20); windows that fit stride 5: 4 (output 5), 9 (output 4), 14 (output 3), 19 (output 2), 24 (output 1)");
    }

    [Fact]
    public void SN0005ConvolutionFilterLargerThanItsInputNamesTheInputItsMakerAndWhatFits()
    {
        var diagnostic = Locate("\"CONV(6,5)+RELU+POOL(2)+CONV(16,5)+POOL(2)+CONV(8,[|5|])+FC(10)+SOFTMAX\", Input = \"1x28x28\"", "SN0005");
        AssertError(diagnostic,
            "CONV #3: filter size 5 is larger than the padded input 4 + 2*0 = 4 (the input 16x4x4 produced by pool2 (POOL(2))), so the output size (4 + 2*0 - 5)/1 + 1 is less than 1; filter sizes that fit: 4 (output 1), 3 (output 2), 2 (output 3); paddings that fit stride 1: 1 (output 2), 2 (output 4), 3 (output 6), 4 (output 8)");
    }

    [Fact]
    public void SN0005PoolAfterFcSaysTheFcMadeAFlatVector()
    {
        var diagnostic = Locate("\"FC(100)+RELU+[|POOL|]+FC(10)+SOFTMAX\", Input = \"1x28x28\"", "SN0005");
        AssertError(diagnostic, "POOL #1: window 2 is larger than the input size 1: the input 100 produced by fc1 (FC(100)) is a flat vector; pool earlier, while the input is still an image");
    }

    [Fact]
    public void SN0006NonPartialClassUnderlinesTheIdentifier()
    {
        var diagnostic = Locate("\"FC(10)+SOFTMAX\", Input = \"10\"", "SN0006", "public class [|Net|] { }");
        AssertError(diagnostic, "'Net' must be declared partial so the generated network can be added to it: partial class Net");
    }

    [Fact]
    public void SN0006GenericClassUnderlinesTheIdentifier()
    {
        var diagnostic = Locate("\"FC(10)+SOFTMAX\", Input = \"10\"", "SN0006", "public partial class [|Net|]<T> { }");
        AssertError(diagnostic, "'Net' must not be generic: shapes are fixed at compile time, so there is nothing to vary");
    }

    [Fact]
    public void SN0006ClassNestedInNonPartialTypeUnderlinesTheIdentifier()
    {
        var source = "using StaticNets;\n\nnamespace Sample;\n\npublic class Outer\n{\n    [Network(\"FC(10)+SOFTMAX\", Input = \"10\")]\n    public partial class [|Net|] { }\n}\n";
        var (diagnostic, _) = Markup.RunAndLocate(source, "SN0006");
        AssertError(diagnostic, "'Net' is nested in 'Outer', which must be declared partial too");
    }

    [Fact]
    public void SN0007MissingInputUnderlinesTheAttributeName()
    {
        var source = "using StaticNets;\n\nnamespace Sample;\n\n[[|Network|](\"FC(10)+SOFTMAX\")]\npublic partial class Net { }\n";
        var (diagnostic, _) = Markup.RunAndLocate(source, "SN0007");
        AssertError(diagnostic, "the network has no Input: add Input = \"CxHxW\" for images (e.g. \"1x28x28\") or \"N\" for N features");
    }

    [Fact]
    public void SN0007MalformedInputUnderlinesTheBadSize()
    {
        AssertError(Locate("\"FC(10)+SOFTMAX\", Input = \"3x[|0|]x32\"", "SN0007"), "Input size 0 must be between 1 and 1073741824");
        AssertError(Locate("\"FC(10)+SOFTMAX\", Input = \"[|32x32|]\"", "SN0007"),
            "Input '32x32' has 2 sizes: expected CxHxW (e.g. 1x28x28) or a feature count N (e.g. 784)");
    }

    [Fact]
    public void SN0008LossNotLastUnderlinesTheLoss()
    {
        AssertError(Locate("\"FC(10)+[|SOFTMAX|]+FC(3)\", Input = \"10\"", "SN0008"), "SOFTMAX must be the last layer, but 1 layer(s) follow it");
    }

    [Fact]
    public void SN0008SecondLossIsReported()
    {
        AssertError(Locate("\"FC(10)+[|SOFTMAX|]+FC(3)+SOFTMAX\", Input = \"10\"", "SN0008"),
            "only one loss is allowed, as the last layer, but the network has 2");
    }

    [Fact]
    public void SN0008WidthDifferentFromClassesUnderlinesTheFcUnits()
    {
        AssertError(Locate("\"FC([|12|])+SOFTMAX\", Input = \"10\", Classes = 10", "SN0008"),
            "SOFTMAX gets 12 scores from FC(12) but Classes = 10; make the last FC FC(10) or set Classes = 12");
    }

    [Fact]
    public void SN0008NoLossUnderlinesTheLastLayer()
    {
        AssertError(Locate("\"FC(10)+[|RELU|]\", Input = \"10\", Classes = 10", "SN0008"),
            "the network has no loss: end it with SOFTMAX (softmax + cross-entropy), SVM (multiclass hinge) or L2 (squared error)");
    }

    [Fact]
    public void SN0009UndefinedVariableUnderlinesTheVariable()
    {
        AssertError(Locate("\"(FC(12)+RELU)*[|N|]+SOFTMAX\", Input = \"10\", Classes = 3, Let = \"M=2\"", "SN0009"),
            "repetition count: undefined variable 'N': did you mean M?");
    }

    [Fact]
    public void SN0009ListWithoutAMatchingRepetitionUnderlinesTheListInDefaultsAndGivesTheLengthsThatBind()
    {
        AssertError(Locate("\"((CONV+RELU)*N+POOL)*M+SOFTMAX\", Input = \"3x32x32\", Classes = 10, Let = \"N=2, M=3\", Defaults = \"CONV([|[32,64,128,256]|], 3, pad: same)\"", "SN0009"),
            "list [32,64,128,256] has 4 values but no repetition around CONV repeats 4 times (repetitions around CONV: *N = 2, *M = 3); give it 2 values to follow *N = 2 or 3 values to follow *M = 3");
    }

    [Fact]
    public void SN0009ListNamingAVariableThatCountsSeveralRepetitionsNamesThem()
    {
        AssertError(Locate("\"((FC([|[1,2]@N|])+RELU)*N)*N+SOFTMAX\", Input = \"10\", Classes = 3, Let = \"N=2\"", "SN0009"),
            "list [1,2]@N could bind to *N = 2 or *N = 2: N counts 2 repetitions around FC; count them with different variables");
    }

    [Fact]
    public void SN0009ListNamingAMismatchedRepetitionGivesBothCounts()
    {
        AssertError(Locate("\"((FC([|[1,2]@M|])+RELU)*N)*M+SOFTMAX\", Input = \"10\", Classes = 3, Let = \"N=2, M=3\"", "SN0009"),
            "list [1,2]@M has 2 values but *M = 3 repeats 3 times; give it 3 values, one per repetition");
    }

    [Fact]
    public void SN0009ListNamingAVariableThatCountsNoRepetitionAroundItSaysWhichDo()
    {
        AssertError(Locate("\"(FC([|[1,2]@K|])+RELU)*N+SOFTMAX\", Input = \"10\", Classes = 3, Let = \"N=2, K=2\"", "SN0009"),
            "list [1,2]@K: K is not the count of a repetition around FC (repetitions around FC: *N = 2); bind it with @N, or drop @K to bind it by its length");
    }

    [Fact]
    public void SN0009ListOutsideAnyRepetitionSaysToWriteOneValue()
    {
        AssertError(Locate("\"FC([|[16,32]|])+RELU+FC(3)+SOFTMAX\", Input = \"10\"", "SN0009"),
            "list [16,32] has 2 values but no repetition around FC repeats 2 times (FC is not inside a repetition); write a single value, or repeat FC with (...)*n and give the list n values");
    }

    [Fact]
    public void SN0009OutOfRangeArgumentUnderlinesTheValue()
    {
        AssertError(Locate("\"CONV([|-3|],5)+FC(10)+SOFTMAX\", Input = \"1x28x28\"", "SN0009"), "CONV filters must be at least 1, got -3");
        AssertError(Locate("\"CONV(6,4,pad:[|same|])+FC(10)+SOFTMAX\", Input = \"1x28x28\"", "SN0009"),
            "CONV pad: same needs an odd filter size and stride 1, got size 4 and stride 1");
    }

    [Fact]
    public void SN0009OutOfRangeRealUnderlinesTheValueAndStatesTheRange()
    {
        AssertError(Locate("\"FC(64)+RELU+DROPOUT(p: [|1.5|])+FC(10)+SOFTMAX\", Input = \"784\"", "SN0009"),
            "DROPOUT p must be at least 0 and less than 1, got 1.5");
        AssertError(Locate("\"FC(64)+LEAKYRELU([|-0.2|])+FC(10)+SOFTMAX\", Input = \"784\"", "SN0009"),
            "LEAKYRELU alpha must be at least 0 and less than 1, got -0.2");
        AssertError(Locate("\"FC(64)+BN(0.1, [|0|])+RELU+FC(10)+SVM\", Input = \"784\"", "SN0009"),
            "BN eps must be greater than 0 and finite, got 0");
    }

    [Fact]
    public void SN0008MisplacedSvmUnderlinesIt()
    {
        AssertError(Locate("\"FC(10)+[|SVM|]+FC(3)\", Input = \"10\"", "SN0008"), "SVM must be the last layer, but 1 layer(s) follow it");
    }

    [Fact]
    public void SN0009ClassesOutOfRangeUnderlinesTheExpression()
    {
        AssertError(Locate("\"FC(10)+SOFTMAX\", Input = \"10\", Classes = [|-1|]", "SN0009"), "Classes must be at least 1, got -1");
    }

    [Fact]
    public void SN0010ImpliedScoringLayerIsInfoOnTheLossAndStillGenerates()
    {
        var (diagnostic, outcome) = Markup.RunAndLocate(
            Markup.Network("\"FC(64)+RELU+[|SOFTMAX|]\", Input = \"10\", Classes = 10"), "SN0010");
        Assert.Equal(DiagnosticSeverity.Info, diagnostic.Severity);
        Assert.Equal("SOFTMAX follows RELU, so the scoring FC(10) is implied before it (fc2)", diagnostic.GetMessage());
        Assert.Single(outcome.Sources);
    }
}
