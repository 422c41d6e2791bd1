using System;
using System.Buffers.Binary;
using System.IO;

namespace StaticNets.Plots.Tests;

/// <summary>Reads what a PNG file claims about itself, without decoding it.</summary>
internal static class Png
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Asserts the PNG signature and a leading IHDR chunk, and returns the pixel size it declares.</summary>
    internal static (int Width, int Height) AssertValid(string path)
    {
        Assert.True(File.Exists(path), $"{path} was not written.");
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 33, $"{path} is too short for a PNG: {bytes.Length} bytes.");
        Assert.Equal(Signature, bytes[..8]);
        Assert.Equal(13, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8, 4)));
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(bytes, 12, 4));
        int width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16, 4));
        int height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20, 4));
        return (width, height);
    }
}

/// <summary>A folder under the system temp path, deleted with its files on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    internal TempFolder()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "staticnets-plots-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    internal string Path { get; }

    internal string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
