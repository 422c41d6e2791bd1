using System;
using System.Globalization;
using System.Text;

namespace StaticNets;

/// <summary>Formats a generated network's layer table with its memory, as a Keras model summary prints it.</summary>
public static class NetworkSummary
{
    /// <summary>
    /// The layer table followed by the parameter count and the memory one network takes for a batch size.
    /// Generated classes call this from <c>SummaryFor(maxBatch)</c> with their own constants.
    /// </summary>
    /// <param name="table">The generated <c>Summary</c> table.</param>
    /// <param name="parameterCount">Trainable parameters.</param>
    /// <param name="bufferCount">Non-trainable state floats (batch norm statistics).</param>
    /// <param name="activationFloatsPerExample">Activation and gradient floats the arena holds per example.</param>
    /// <param name="arenaBytes">Everything the constructor allocates for <paramref name="maxBatch"/>.</param>
    /// <param name="maxBatch">The batch size the memory is given for.</param>
    public static string Format(string table, int parameterCount, int bufferCount, long activationFloatsPerExample, long arenaBytes, int maxBatch)
    {
        ArgumentNullException.ThrowIfNull(table);
        var text = new StringBuilder(table);
        var culture = CultureInfo.InvariantCulture;
        text.Append('\n');
        text.Append(culture, $"parameters: {parameterCount:N0} ({Bytes(4L * parameterCount)}; gradients as much again)");
        if (bufferCount > 0)
        {
            text.Append(culture, $", buffers: {bufferCount:N0} ({Bytes(4L * bufferCount)})");
        }
        text.Append('\n');
        text.Append(culture, $"activations and their gradients: {Bytes(4L * activationFloatsPerExample)} per example, {Bytes(4L * activationFloatsPerExample * maxBatch)} for batch {maxBatch}\n");
        text.Append(culture, $"arena for maxBatch {maxBatch}: {Bytes(arenaBytes)} ({arenaBytes:N0} bytes), allocated once by the constructor");
        return text.ToString();
    }

    private static string Bytes(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString(CultureInfo.InvariantCulture) + " B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KiB",
        _ => (bytes / (1024.0 * 1024.0)).ToString("0.0", CultureInfo.InvariantCulture) + " MiB",
    };
}
