using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace StaticNets.Benchmarks.Configuration;

/// <summary>
/// A run's mean time or allocation divided by the number of networks in the compilation, so the table answers
/// "what does one network cost" without arithmetic. For an incremental run it is the cost each network present
/// adds to one keystroke, not the cost of regenerating it.
/// </summary>
public sealed class PerNetworkColumn : IColumn
{
    private readonly int _networks;
    private readonly bool _allocation;

    private PerNetworkColumn(int networks, bool allocation)
    {
        _networks = networks;
        _allocation = allocation;
    }

    public static PerNetworkColumn Time(int networks) => new(networks, allocation: false);

    public static PerNetworkColumn Allocation(int networks) => new(networks, allocation: true);

    public string Id => nameof(PerNetworkColumn) + (_allocation ? ".Allocated" : ".Time");

    public string ColumnName => _allocation ? "Alloc/network" : "Mean/network";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => _allocation ? 1 : 0;

    public bool IsNumeric => true;

    public UnitType UnitType => _allocation ? UnitType.Size : UnitType.Time;

    public string Legend => _allocation
        ? $"Allocated divided by the {_networks} networks of the compilation"
        : $"Mean divided by the {_networks} networks of the compilation";

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) =>
        GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var report = summary[benchmarkCase];
        if (report is null)
        {
            return "NA";
        }
        if (_allocation)
        {
            long? bytes = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
            return bytes is { } b ? FormatBytes((double)b / _networks) : "NA";
        }
        return report.ResultStatistics is { } statistics ? FormatNanoseconds(statistics.Mean / _networks) : "NA";
    }

    // Fixed units (μs, KB) keep the column comparable down the table, whatever each row's magnitude.
    private static string FormatNanoseconds(double nanoseconds) =>
        (nanoseconds / 1000).ToString("N2", CultureInfo.InvariantCulture) + " μs";

    private static string FormatBytes(double bytes) =>
        (bytes / 1024).ToString("N1", CultureInfo.InvariantCulture) + " KB";

    public override string ToString() => ColumnName;
}
