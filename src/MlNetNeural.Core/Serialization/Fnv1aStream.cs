namespace MlNetNeural.Core.Serialization;

/// <summary>A write-only stream that passes bytes on to another stream and keeps the FNV-1a hash of everything written.</summary>
internal sealed class Fnv1aStream(Stream destination) : Stream
{
    /// <summary>The hash of the bytes written so far.</summary>
    public ulong Hash { get; private set; } = NetworkFormat.Fnv1aSeed;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        Hash = NetworkFormat.Fnv1a(Hash, buffer);
        destination.Write(buffer);
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush() => destination.Flush();

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
