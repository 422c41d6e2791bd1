using System.Linq;
using System.Threading.Tasks;
using StaticNets.CodeFixes.Tests.Infrastructure;

namespace StaticNets.CodeFixes.Tests;

public sealed class PartialClassCodeFixTests
{
    private static readonly PartialClassCodeFixProvider s_provider = new();

    /// <summary>Reports one SN0006 on each [|...|] (the class identifiers), as the generator does.</summary>
    private static Task<AnalyzedDocument> AnalyzeAsync(string markup)
    {
        var source = MarkedSource.Parse(markup);
        return CodeFixHarness.AnalyzeAsync(source.Text, source.Spans.Select(span => PlannedDiagnostic.At(DiagnosticIds.ClassNotPartial, span)).ToArray());
    }

    private static async Task AssertFixAsync(string before, string title, string after)
    {
        var analyzed = await AnalyzeAsync(before);

        var action = Assert.Single(await CodeFixHarness.ActionsAsync(s_provider, analyzed));

        Assert.Equal(title, action.Title);
        Assert.Equal(PartialClassCodeFixProvider.EquivalenceKey, action.EquivalenceKey);
        Assert.Equal(after, await CodeFixHarness.ApplyAsync(action, analyzed.Document));
    }

    [Fact]
    public Task TopLevelClassBecomesPartial() => AssertFixAsync(
        """
        [Network("FC(10)+SOFTMAX", Input = "4")]
        public class [|Net|] { }
        """,
        "Make 'Net' partial",
        """
        [Network("FC(10)+SOFTMAX", Input = "4")]
        public partial class Net { }
        """);

    [Fact]
    public Task PartialGoesAfterTheOtherModifiers() => AssertFixAsync(
        """
        [Network("FC(10)+SOFTMAX", Input = "4")]
        public sealed class [|Net|] { }
        """,
        "Make 'Net' partial",
        """
        [Network("FC(10)+SOFTMAX", Input = "4")]
        public sealed partial class Net { }
        """);

    [Fact]
    public Task AClassWithoutModifiersKeepsItsIndentation() => AssertFixAsync(
        """
        namespace Models
        {
            /// <summary>A tiny network.</summary>
            [Network("FC(10)+SOFTMAX", Input = "4")]
            class [|Net|]
            {
            }
        }
        """,
        "Make 'Net' partial",
        """
        namespace Models
        {
            /// <summary>A tiny network.</summary>
            [Network("FC(10)+SOFTMAX", Input = "4")]
            partial class Net
            {
            }
        }
        """);

    [Fact]
    public Task NestedClassAndItsNonPartialContainerBothBecomePartial() => AssertFixAsync(
        """
        public class Outer
        {
            [Network("FC(10)+SOFTMAX", Input = "4")]
            public class [|Net|] { }
        }
        """,
        "Make 'Outer' and 'Net' partial",
        """
        public partial class Outer
        {
            [Network("FC(10)+SOFTMAX", Input = "4")]
            public partial class Net { }
        }
        """);

    [Fact]
    public Task OnlyTheDeclarationsThatLackPartialChange() => AssertFixAsync(
        """
        internal static class Models
        {
            public partial class Group
            {
                class Inner
                {
                    [Network("FC(10)+SOFTMAX", Input = "4")]
                    public partial class [|Net|] { }
                }
            }
        }
        """,
        "Make 'Models' and 'Inner' partial",
        """
        internal static partial class Models
        {
            public partial class Group
            {
                partial class Inner
                {
                    [Network("FC(10)+SOFTMAX", Input = "4")]
                    public partial class Net { }
                }
            }
        }
        """);

    [Theory]
    [InlineData("public struct", "public partial struct")]
    [InlineData("public readonly struct", "public readonly partial struct")]
    [InlineData("public record", "public partial record")]
    [InlineData("record struct", "partial record struct")]
    [InlineData("public interface", "public partial interface")]
    public Task ContainersOfEveryKindGetPartialBeforeTheirKeyword(string before, string after) => AssertFixAsync(
        before + " Outer { [Network(\"FC(10)+SOFTMAX\", Input = \"4\")] public class [|Net|] { } }",
        "Make 'Outer' and 'Net' partial",
        after + " Outer { [Network(\"FC(10)+SOFTMAX\", Input = \"4\")] public partial class Net { } }");

    [Fact]
    public async Task NothingIsOfferedWhenEveryDeclarationIsAlreadyPartial()
    {
        // SN0006 also reports a generic or static network class, which no keyword fixes.
        var analyzed = await AnalyzeAsync(
            """
            public partial class Outer
            {
                [Network("FC(10)+SOFTMAX", Input = "4")]
                public static partial class [|Net|]<T> { }
            }
            """);

        Assert.Empty(await CodeFixHarness.ActionsAsync(s_provider, analyzed));
    }

    [Fact]
    public async Task SeveralProblemsOnOneClassGetOneFix()
    {
        var source = MarkedSource.Parse(
            """
            [Network("FC(10)+SOFTMAX", Input = "4")]
            public static class [|Net|] { }
            """);
        var notPartial = PlannedDiagnostic.At(DiagnosticIds.ClassNotPartial, source.Spans[0]);
        var isStatic = PlannedDiagnostic.At(DiagnosticIds.ClassNotPartial, source.Spans[0]);
        var analyzed = await CodeFixHarness.AnalyzeAsync(source.Text, notPartial, isStatic);

        var action = Assert.Single(await CodeFixHarness.ActionsAsync(s_provider, analyzed));

        Assert.Equal("Make 'Net' partial", action.Title);
    }

    [Fact]
    public async Task NothingIsOfferedWhenTheDiagnosticIsNotOnAClassName()
    {
        var analyzed = await AnalyzeAsync(
            """
            [Network("FC(10)+SOFTMAX", Input = "4")]
            public [|class|] Net { }
            """);

        Assert.Empty(await CodeFixHarness.ActionsAsync(s_provider, analyzed));
    }

    [Fact]
    public async Task FixAllMakesASharedContainerPartialOnce()
    {
        var analyzed = await AnalyzeAsync(
            """
            public class Models
            {
                [Network("FC(10)+SOFTMAX", Input = "4")]
                public class [|First|] { }

                [Network("FC(3)+SOFTMAX", Input = "2")]
                internal sealed class [|Second|] { }
            }

            [Network("FC(2)+SOFTMAX", Input = "2")]
            class [|Third|] { }
            """);

        string after = await CodeFixHarness.FixAllAsync(s_provider, analyzed, PartialClassCodeFixProvider.EquivalenceKey);

        Assert.Equal(
            """
            public partial class Models
            {
                [Network("FC(10)+SOFTMAX", Input = "4")]
                public partial class First { }

                [Network("FC(3)+SOFTMAX", Input = "2")]
                internal sealed partial class Second { }
            }

            [Network("FC(2)+SOFTMAX", Input = "2")]
            partial class Third { }
            """,
            after);
    }
}
