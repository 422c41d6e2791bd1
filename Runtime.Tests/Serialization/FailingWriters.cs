using System;
using System.Collections.Generic;
using System.IO;

namespace StaticNets.Runtime.Tests.Serialization;

/// <summary>
/// A network whose buffers cannot be read a second time: the save validates the tensor table (first read), writes
/// the counter and <c>a.weight</c>, then fails on <c>bn.running_mean</c> with part of the file already written.
/// </summary>
internal sealed class FailingBufferNetwork : INetwork
{
    public const string Message = "The buffers are unreadable.";

    private readonly float[] _parameters = new float[1000];
    private readonly float[] _buffers = new float[2];
    private int _bufferReads;
    private int _parameterReads;

    /// <summary>True once the parameters were read again after validation, i.e. tensor bytes went out.</summary>
    public bool BytesWereWritten => _parameterReads >= 2;

    public int InputLength => 1;

    public int OutputLength => 1;

    public int ParameterCount => _parameters.Length;

    public int MaxBatch => 1;

    public Span<float> Parameters
    {
        get
        {
            _parameterReads++;
            return _parameters;
        }
    }

    public IReadOnlyList<ParameterTensor> ParameterTensors { get; } = [new ParameterTensor("a.weight", 0, 1000)];

    public Span<float> Buffers => ++_bufferReads > 1 ? throw new InvalidOperationException(Message) : _buffers;

    public IReadOnlyList<ParameterTensor> BufferTensors { get; } = [new ParameterTensor("bn.running_mean", 0, 2)];

    public IReadOnlyList<LayerInfo> Layers { get; } = [];

    public Span<float> Gradients => Span<float>.Empty;

    public float L2Regularization { get; set; }

    public float L1Regularization { get; set; }

    public ulong RandomState { get; set; }

    public float DataLoss => 0f;

    public void InitializeParameters(int seed) => _parameters.AsSpan().Fill(seed);

    public void Forward(ReadOnlySpan<float> input, Span<float> output, int batch) => output.Slice(0, batch).Clear();
}

/// <summary>A write-only stream that accepts a number of bytes, then fails as a full disk would.</summary>
internal sealed class FailingStream(int failAfterBytes) : Stream
{
    public const string Message = "No space left on the test device.";

    private long _written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _written; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_written + buffer.Length > failAfterBytes)
        {
            throw new IOException(Message);
        }
        _written += buffer.Length;
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}

/// <summary>A read-only stream that cannot seek and returns at most 7 bytes per read, as a pipe might.</summary>
internal sealed class ForwardOnlyStream(byte[] data) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _position; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int count = Math.Min(Math.Min(buffer.Length, 7), data.Length - _position);
        data.AsSpan(_position, count).CopyTo(buffer);
        _position += count;
        return count;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
