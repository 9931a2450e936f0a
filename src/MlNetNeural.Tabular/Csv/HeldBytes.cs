namespace MlNetNeural.Tabular;

/// <summary>
/// A file's bytes held in memory: a file that can be read only once (a pipe) or that is decompressed once (<c>.gz</c>),
/// while reading it takes several passes (encoding, sniffing, reading). At most <see cref="Array.MaxLength"/> bytes.
/// </summary>
/// <param name="path">The file, for messages.</param>
internal sealed class HeldBytes(string path)
{
    private readonly MemoryStream _memory = new();

    /// <summary>The bytes held.</summary>
    public ArraySegment<byte> Bytes => new(_memory.GetBuffer(), 0, (int)_memory.Length);

    /// <summary>Adds <paramref name="bytes"/> at the end.</summary>
    /// <param name="bytes">The bytes.</param>
    /// <exception cref="TabularDataException">More bytes than an array holds.</exception>
    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (_memory.Length + bytes.Length > Array.MaxLength)
        {
            throw new TabularDataException(TabularProblem.FileTooLarge,
                $"{path} is too large to read: a pipe and a .gz file are held in memory whole (decompressed), at most {Array.MaxLength:N0} bytes, and this one holds more. " +
                "Save it (decompressed) as a plain file and give that file's path.", path);
        }
        _memory.Write(bytes);
    }

    /// <summary>Adds every byte <paramref name="stream"/> has left.</summary>
    /// <param name="stream">The stream, read to its end.</param>
    public void AppendAll(Stream stream)
    {
        byte[] buffer = new byte[1 << 16];
        for (int read; (read = stream.Read(buffer)) > 0;) Append(buffer.AsSpan(0, read));
    }

    /// <summary>The bytes held, as a new read-only stream from their start.</summary>
    public Stream OpenRead() => new MemoryStream(_memory.GetBuffer(), 0, (int)_memory.Length, writable: false);
}
