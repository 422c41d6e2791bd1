namespace StaticNets.ConsoleProgress;

/// <summary>How <see cref="TrainingProgress"/> shows a run.</summary>
public enum ProgressMode
{
    /// <summary>
    /// <see cref="Live"/> on an interactive terminal, <see cref="Quiet"/> when standard output is redirected, the
    /// terminal cannot show ANSI sequences, or the <c>CI</c> environment variable is set.
    /// </summary>
    Auto,

    /// <summary>A live Spectre.Console progress bar per epoch, and a coloured summary line when each epoch ends.</summary>
    Live,

    /// <summary>One plain line per finished epoch: no ANSI sequences, no live display; for logs and CI.</summary>
    Quiet,
}
