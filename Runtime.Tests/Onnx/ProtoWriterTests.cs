using StaticNets.Onnx;

namespace StaticNets.Runtime.Tests.Onnx;

// Byte sequences from the protobuf encoding guide's examples.
public sealed class ProtoWriterTests
{
    [Fact]
    public void VarintUsesSevenBitGroupsLeastSignificantFirst()
    {
        var writer = new ProtoWriter();
        writer.WriteInt64(1, 150);
        Assert.Equal(new byte[] { 0x08, 0x96, 0x01 }, writer.ToArray());
    }

    [Fact]
    public void NegativeIntegerTakesTenBytes()
    {
        var writer = new ProtoWriter();
        writer.WriteInt64(1, -1);
        Assert.Equal(new byte[] { 0x08, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 }, writer.ToArray());
    }

    [Fact]
    public void StringAndMessageArePrefixedWithTheirLength()
    {
        var writer = new ProtoWriter();
        writer.WriteMessage(3, inner => inner.WriteString(2, "testing"));
        Assert.Equal(new byte[] { 0x1A, 0x09, 0x12, 0x07, 0x74, 0x65, 0x73, 0x74, 0x69, 0x6E, 0x67 }, writer.ToArray());
    }

    [Fact]
    public void FloatAndDoubleAreLittleEndianFixedWidth()
    {
        var writer = new ProtoWriter();
        writer.WriteFloat(2, 1f);
        writer.WriteDouble(3, 1d);
        Assert.Equal(new byte[] { 0x15, 0x00, 0x00, 0x80, 0x3F, 0x19, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F }, writer.ToArray());
    }
}
