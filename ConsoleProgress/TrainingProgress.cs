using System;
using System.Diagnostics;
using System.IO;
using Spectre.Console;
using StaticNets.Training;

namespace StaticNets.ConsoleProgress;

/// <summary>
/// Shows a training run on the console: a live Spectre.Console bar per epoch (loss, training accuracy when known,
/// examples per second, time left) with a summary line as each epoch ends, or, for logs and CI, one plain line per
/// epoch. With a <see cref="Trainer"/> it is one line:
/// <code>TrainingResult result = TrainingProgress.Run(options, o => new Trainer(o).Train(network, optimizer, data));</code>
/// A hand-written loop calls <see cref="ReportBatch"/> and <see cref="ReportEpoch"/> inside <see cref="Run{T}(Func{T})"/>.
/// </summary>
/// <remarks>Reports must come from the thread that called <see cref="Run{T}(Func{T})"/>, as the trainer's do.</remarks>
public sealed class TrainingProgress
{
    // The bar is redrawn on the training thread at most this often, so fast batches do not pay for rendering each.
    private static readonly TimeSpan RefreshInterval = TimeSpan.FromMilliseconds(100);

    private readonly IAnsiConsole? _console;
    private readonly TextWriter? _writer;
    private readonly string _validationName;
    private readonly EpochState _state = new();
    private int? _epochs;
    private ProgressContext? _context;
    private ProgressTask? _task;
    private int _taskEpoch = -1;
    private long _lastRefresh;
    private int _lastBatchEpoch = -1;
    private double _lastExamplesPerSecond = double.NaN;

    private TrainingProgress(IAnsiConsole? console, TextWriter? writer, int? epochs, string validationName)
    {
        ArgumentNullException.ThrowIfNull(validationName);
        if (epochs is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(epochs), epochs, "The number of epochs must be at least 1 when given.");
        }

        _console = console;
        _writer = writer;
        _epochs = epochs;
        _validationName = validationName;
    }

    /// <summary>Whether this shows live bars (<see cref="ProgressMode.Live"/>) rather than plain lines.</summary>
    public bool IsLive => _console is not null;

    /// <summary>
    /// Shows progress on standard output, live or quiet as <paramref name="mode"/> says (by default chosen from the
    /// terminal and the <c>CI</c> environment variable, see <see cref="ProgressMode.Auto"/>).
    /// </summary>
    /// <param name="epochs">Epochs the run will have, shown as "epoch 3/8"; null shows "epoch 3" (set by <see cref="Attach"/> when null).</param>
    /// <param name="mode">Live bars, plain lines, or chosen automatically.</param>
    /// <param name="validationName">What the held-out set is called in the lines, e.g. "val" or "test".</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epochs"/> is less than 1.</exception>
    public static TrainingProgress Create(int? epochs = null, ProgressMode mode = ProgressMode.Auto, string validationName = "val")
    {
        IAnsiConsole console = AnsiConsole.Console;
        bool live = mode switch
        {
            ProgressMode.Live => true,
            ProgressMode.Quiet => false,
            _ => ChooseLive(Console.IsOutputRedirected, Environment.GetEnvironmentVariable("CI"), console.Profile.Capabilities),
        };
        return live ? Live(console, epochs, validationName) : Quiet(Console.Out, epochs, validationName);
    }

    /// <summary>Shows live bars and coloured summary lines on <paramref name="console"/>.</summary>
    /// <param name="console">Where to draw; it should be interactive and support ANSI sequences.</param>
    /// <param name="epochs">Epochs the run will have, or null (see <see cref="Create"/>).</param>
    /// <param name="validationName">What the held-out set is called in the lines.</param>
    /// <exception cref="ArgumentNullException"><paramref name="console"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epochs"/> is less than 1.</exception>
    public static TrainingProgress Live(IAnsiConsole console, int? epochs = null, string validationName = "val")
    {
        ArgumentNullException.ThrowIfNull(console);
        return new TrainingProgress(console, null, epochs, validationName);
    }

    /// <summary>Writes one plain line per finished epoch to <paramref name="writer"/>, and nothing per batch.</summary>
    /// <param name="writer">Where the lines go, e.g. <see cref="Console.Out"/> or a log file.</param>
    /// <param name="epochs">Epochs the run will have, or null (see <see cref="Create"/>).</param>
    /// <param name="validationName">What the held-out set is called in the lines.</param>
    /// <exception cref="ArgumentNullException"><paramref name="writer"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="epochs"/> is less than 1.</exception>
    public static TrainingProgress Quiet(TextWriter writer, int? epochs = null, string validationName = "val")
    {
        ArgumentNullException.ThrowIfNull(writer);
        return new TrainingProgress(null, writer, epochs, validationName);
    }

    /// <summary>
    /// Runs <paramref name="train"/> with progress on standard output (mode chosen automatically): the one-line way to
    /// watch a <see cref="Trainer"/>.
    /// </summary>
    /// <param name="options">The run's options; <see cref="Attach"/> adds the progress callbacks to any already there.</param>
    /// <param name="train">Trains with the options it is given, e.g. <c>o => new Trainer(o).Train(network, optimizer, data)</c>.</param>
    /// <param name="mode">Live bars, plain lines, or chosen automatically.</param>
    /// <param name="validationName">What the held-out set is called in the lines.</param>
    /// <returns>What <paramref name="train"/> returned.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static TrainingResult Run(
        TrainerOptions options,
        Func<TrainerOptions, TrainingResult> train,
        ProgressMode mode = ProgressMode.Auto,
        string validationName = "val")
    {
        ArgumentNullException.ThrowIfNull(options);
        return Create(options.Epochs, mode, validationName).Run(options, train);
    }

    /// <summary>Runs <paramref name="train"/> with this progress attached to <paramref name="options"/>.</summary>
    /// <param name="options">The run's options; <see cref="Attach"/> adds the progress callbacks to any already there.</param>
    /// <param name="train">Trains with the options it is given.</param>
    /// <returns>What <paramref name="train"/> returned.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public TrainingResult Run(TrainerOptions options, Func<TrainerOptions, TrainingResult> train)
    {
        ArgumentNullException.ThrowIfNull(train);
        TrainerOptions attached = Attach(options);
        return Run(() => train(attached));
    }

    /// <summary>
    /// Returns a copy of <paramref name="options"/> whose <see cref="TrainerOptions.OnBatch"/> and
    /// <see cref="TrainerOptions.OnEpoch"/> also report here (callbacks already set still run, first).
    /// Live bars appear only while the training runs inside <see cref="Run{T}(Func{T})"/>.
    /// </summary>
    /// <param name="options">The run's options; when this progress was made without a number of epochs, it takes theirs.</param>
    /// <returns>The options to train with.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public TrainerOptions Attach(TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _epochs ??= options.Epochs;
        return options with { OnBatch = options.OnBatch + ReportBatch, OnEpoch = options.OnEpoch + ReportEpoch };
    }

    /// <summary>Runs <paramref name="training"/>, inside a live display when this progress is live.</summary>
    /// <param name="training">The training, which reports through this object (attached options or direct calls).</param>
    /// <exception cref="ArgumentNullException"><paramref name="training"/> is null.</exception>
    public void Run(Action training)
    {
        ArgumentNullException.ThrowIfNull(training);
        Run(() =>
        {
            training();
            return true;
        });
    }

    /// <summary>Runs <paramref name="training"/>, inside a live display when this progress is live, and returns its result.</summary>
    /// <typeparam name="T">What the training returns.</typeparam>
    /// <param name="training">The training, which reports through this object (attached options or direct calls).</param>
    /// <returns>What <paramref name="training"/> returned.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="training"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A live display is already running on this object.</exception>
    public T Run<T>(Func<T> training)
    {
        ArgumentNullException.ThrowIfNull(training);
        if (_console is null)
        {
            return training();
        }

        if (_context is not null)
        {
            throw new InvalidOperationException("This progress is already showing a run.");
        }

        Progress progress = _console.Progress()
            .AutoRefresh(false) // redrawn from ReportBatch instead, so the bar never lags the reports
            .AutoClear(true)
            .HideCompleted(false)
            .Columns(
                new TaskDescriptionColumn(),
                new ProgressBarColumn(),
                new PercentageColumn(),
                new StatColumn(state => state.LossText()),
                new StatColumn(state => state.AccuracyText()),
                new StatColumn(state => state.SpeedText()),
                new StatColumn(state => state.TimeLeftText()));
        return progress.Start(context =>
        {
            _context = context;
            try
            {
                return training();
            }
            finally
            {
                _context = null;
                _task = null;
                _taskEpoch = -1;
            }
        });
    }

    /// <summary>
    /// Reports a minibatch step: moves the epoch's live bar (and starts it on the epoch's first report). Quiet mode
    /// only keeps the speed for the epoch's line. Allocates nothing after an epoch's first report.
    /// </summary>
    /// <param name="report">Where the epoch stands, as <see cref="TrainerOptions.OnBatch"/> gives it.</param>
    public void ReportBatch(BatchReport report)
    {
        _lastBatchEpoch = report.Epoch;
        _lastExamplesPerSecond = report.Seconds > 0 ? report.Examples / report.Seconds : double.NaN;
        _state.Update(report);
        if (_context is null)
        {
            return;
        }

        bool refresh = false;
        if (_task is null || _taskEpoch != report.Epoch)
        {
            FinishTask();
            _task = _context.AddTask($"epoch {EpochLine.EpochLabel(report.Epoch, _epochs)}", autoStart: true, maxValue: report.ExamplesPerEpoch);
            _task.Tag = _state;
            _taskEpoch = report.Epoch;
            refresh = true;
        }

        _task.Value = report.Examples;
        long now = Stopwatch.GetTimestamp();
        if (refresh || report.Examples >= report.ExamplesPerEpoch || Stopwatch.GetElapsedTime(_lastRefresh, now) >= RefreshInterval)
        {
            _lastRefresh = now;
            _context.Refresh();
        }
    }

    /// <summary>Reports a finished epoch: ends its bar and writes its summary line (loss, train and validation accuracy, time, speed).</summary>
    /// <param name="report">The epoch's report, as <see cref="TrainerOptions.OnEpoch"/> gives it.</param>
    public void ReportEpoch(EpochReport report)
    {
        double speed = _lastBatchEpoch == report.Epoch ? _lastExamplesPerSecond : double.NaN;
        string line = EpochLine.Format(report, _epochs, _validationName, speed);
        _state.FinishEpoch(report.TrainingAccuracy);
        if (_console is null)
        {
            _writer!.WriteLine(line);
            return;
        }

        FinishTask();
        // Written through the console so a running live display moves below the line instead of over it.
        _console.WriteLine(line, new Style(Color.Green));
        _context?.Refresh();
    }

    /// <summary>Auto mode's choice: live only on an interactive ANSI terminal, outside CI, with output not redirected.</summary>
    internal static bool ChooseLive(bool outputRedirected, string? ciVariable, IReadOnlyCapabilities capabilities) =>
        !outputRedirected && string.IsNullOrEmpty(ciVariable) && capabilities.Interactive && capabilities.Ansi;

    private void FinishTask()
    {
        if (_task is not null && _context is not null)
        {
            _task.StopTask();
            _context.RemoveTask(_task);
        }

        _task = null;
        _taskEpoch = -1;
    }
}
