using System;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace StaticNets.ConsoleProgress;

/// <summary>A progress column showing one number of the epoch's <see cref="EpochState"/> (kept in the task's Tag).</summary>
internal sealed class StatColumn(Func<EpochState, string> text) : ProgressColumn
{
    protected override bool NoWrap => true;

    public override IRenderable Render(RenderOptions options, ProgressTask task, TimeSpan deltaTime) =>
        task.Tag is EpochState state ? new Text(text(state)) : Text.Empty;
}
