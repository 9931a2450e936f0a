using System.Security.Cryptography;

namespace MlNetNeural.Models.Format;

/// <summary>
/// A write-only stream that passes what it is given on to another stream, counting the bytes and, when given a hash,
/// hashing them. Over <see cref="Stream.Null"/> it measures what a writer would write without storing it.
/// </summary>
internal sealed class PassThroughWriteStream(Stream destination, IncrementalHash? hash = null) : Stream
{
    /// <summary>The bytes <paramref name="write"/> writes, counted without storing them.</summary>
    public static long Measure(Action<BinaryWriter> write)
    {
        var counter = new PassThroughWriteStream(Null);
        using (var writer = new BinaryWriter(counter, System.Text.Encoding.UTF8, leaveOpen: true)) write(writer);
        return counter.BytesWritten;
    }

    /// <summary>Bytes written so far.</summary>
    public long BytesWritten { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => BytesWritten;

    public override long Position { get => BytesWritten; set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        hash?.AppendData(buffer);
        destination.Write(buffer);
        BytesWritten += buffer.Length;
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush() => destination.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
