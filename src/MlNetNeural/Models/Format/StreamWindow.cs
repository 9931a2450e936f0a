namespace MlNetNeural.Models.Format;

/// <summary>
/// A read-only, seekable view of <see cref="Length"/> bytes of another seekable stream, starting at a given offset: a
/// payload inside a model entry can be read (and re-read) in place, without copying it, and never past its end.
/// </summary>
internal sealed class StreamWindow : Stream
{
    private readonly Stream _inner;
    private readonly long _start;
    private long _position;

    /// <summary>A view of <paramref name="length"/> bytes of <paramref name="inner"/> from <paramref name="start"/>.</summary>
    public StreamWindow(Stream inner, long start, long length)
    {
        if (!inner.CanSeek || !inner.CanRead) throw new ArgumentException("A stream window needs a readable, seekable stream.", nameof(inner));
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        _inner = inner;
        _start = start;
        Length = length;
    }

    public override long Length { get; }

    public override long Position
    {
        get => _position;
        set => _position = value >= 0 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "A position cannot be negative.");
    }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        long available = Length - _position;
        if (available <= 0) return 0;
        if (buffer.Length > available) buffer = buffer[..(int)available];
        _inner.Position = _start + _position;
        int read = _inner.Read(buffer);
        _position += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => Length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
