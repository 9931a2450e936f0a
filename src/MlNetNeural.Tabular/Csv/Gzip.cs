using System.Buffers.Binary;
using System.IO.Compression;
using MlNetNeural.Models.Format;

namespace MlNetNeural.Tabular;

/// <summary>
/// Decompresses a gzip file (RFC 1952) and checks that it is whole. <see cref="GZipStream"/> stops without a word where a
/// cut file ends: a truncated download lost its last rows, and its last field was cut short (1177 read as 1). Here every
/// member (a file may hold several, one after another, as <c>cat a.gz b.gz &gt; ab.gz</c> writes) must end with the CRC-32
/// and the length of the data it holds; anything else is a <see cref="TabularDataException"/> naming the file.
/// </summary>
internal static class Gzip
{
    // The smallest deflate data is 2 bytes (one empty final block: 03 00).
    private const int FixedHeaderBytes = 10, TrailerBytes = 8, MinDeflateBytes = 2;
    private const byte Deflate = 8;
    private const byte FlagHeaderCrc = 2, FlagExtra = 4, FlagName = 8, FlagComment = 16, ReservedFlags = 0xE0;

    /// <summary>Decompresses every member of <paramref name="compressed"/> into <paramref name="output"/>, checking each.</summary>
    /// <param name="compressed">The whole file.</param>
    /// <param name="output">Where the decompressed bytes go.</param>
    /// <param name="path">The file, for messages.</param>
    /// <exception cref="TabularDataException">The file is not gzip, is truncated or is damaged.</exception>
    public static void Decompress(ArraySegment<byte> compressed, HeldBytes output, string path)
    {
        int start = 0;
        do start = DecompressMember(compressed, start, output, path);
        while (start < compressed.Count);
    }

    // Decompresses the member that starts at start and returns where it ends (just after its trailer).
    private static int DecompressMember(ArraySegment<byte> compressed, int start, HeldBytes output, string path)
    {
        var input = new TrackedInput(compressed, DataStart(compressed, start, path));
        uint crc = Crc32.Initial;
        long length = 0;
        try
        {
            using var deflate = new DeflateStream(input, CompressionMode.Decompress, leaveOpen: true);
            byte[] buffer = new byte[1 << 16];
            for (int read; (read = deflate.Read(buffer)) > 0; length += read)
            {
                crc = Crc32.Append(crc, buffer.AsSpan(0, read));
                output.Append(buffer.AsSpan(0, read));
            }
        }
        catch (InvalidDataException e)
        {
            throw Damaged(path, start, $"is not valid compressed data ({e.Message})");
        }
        crc = Crc32.Finish(crc);
        if (TrailerEnd(compressed, input, crc, length) is { } end) return end;
        throw EndsInside(compressed, input, crc, length) ? Truncated(path, compressed.Count) : Damaged(path, start, "does not end with the CRC-32 and length of the data it holds");
    }

    // With no trailer found: whether the file ends inside this member (it was cut short). Not when its last eight bytes, after
    // the compressed data, hold the member's CRC-32 or its length: then the trailer is there and the other differs (the
    // file was damaged, not cut).
    private static bool EndsInside(ArraySegment<byte> compressed, TrackedInput input, uint crc, long length)
    {
        if (input.ReadEnd != compressed.Count) return false;
        if (compressed.Count - TrailerBytes < input.Start + MinDeflateBytes) return true;
        var last = compressed.AsSpan(compressed.Count - TrailerBytes);
        return BinaryPrimitives.ReadUInt32LittleEndian(last) != crc && BinaryPrimitives.ReadUInt32LittleEndian(last[4..]) != unchecked((uint)length);
    }

    // Where the member's compressed data begins: after the fixed 10 bytes and the optional fields its flags announce.
    private static int DataStart(ArraySegment<byte> compressed, int start, string path)
    {
        var header = compressed.AsSpan(start);
        if (header is not [0x1F, 0x8B, ..]) throw NotGzip(path, start, compressed.Count);
        if (header.Length < FixedHeaderBytes) throw Truncated(path, compressed.Count);
        if (header[2] != Deflate) throw Damaged(path, start, $"names compression method {header[2]}, where gzip has only deflate ({Deflate})");
        byte flags = header[3];
        if ((flags & ReservedFlags) != 0) throw Damaged(path, start, $"has header flags 0x{flags:x2}, some of them reserved");
        int at = FixedHeaderBytes;
        if ((flags & FlagExtra) != 0) at += 2 + (header.Length >= at + 2 ? BinaryPrimitives.ReadUInt16LittleEndian(header[at..]) : 0);
        if ((flags & FlagName) != 0) at = AfterZero(header, at);
        if ((flags & FlagComment) != 0) at = AfterZero(header, at);
        if ((flags & FlagHeaderCrc) != 0) at += 2;
        return at <= header.Length ? start + at : throw Truncated(path, compressed.Count);
    }

    // Just after the zero byte that ends the name or comment starting at at; past the end of header when there is none.
    private static int AfterZero(ReadOnlySpan<byte> header, int at)
    {
        int zero = at < header.Length ? header[at..].IndexOf((byte)0) : -1;
        return zero < 0 ? header.Length + 1 : at + zero + 1;
    }

    // Where the trailer that follows the compressed data ends, or null when there is none. DeflateStream does not say where
    // the compressed data ended, but the inflater asks for more input only when it has used all it has, so it ended in the
    // input's last read: the trailer is the first place there (or just after) holding the CRC-32 and the length (modulo
    // 2^32) of the member's data. Eight bytes of compressed data matching both by chance: 1 in 2^64 for each place.
    private static int? TrailerEnd(ArraySegment<byte> compressed, TrackedInput input, uint crc, long length)
    {
        Span<byte> trailer = stackalloc byte[TrailerBytes];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, crc);
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], unchecked((uint)length));
        int from = input.LastReadStart, to = Math.Min(compressed.Count, input.ReadEnd + TrailerBytes);
        int at = compressed.AsSpan(from, to - from).IndexOf(trailer);
        return at < 0 ? null : from + at + TrailerBytes;
    }

    private static TabularDataException NotGzip(string path, int start, int fileBytes) => new(TabularProblem.UnreadableGzip, start == 0
        ? $"{path} is not a gzip file, though its name ends in .gz: it does not start with the gzip signature (bytes 1f 8b). If it is plain text, rename it without .gz; if it should be gzip, get it again."
        : $"{path} has {fileBytes - start:N0} bytes after the end of its gzip data (from byte {start:N0}) that are not gzip data. Remove them, or get the file again ('gzip -t' checks a file).",
        path);

    private static TabularDataException Truncated(string path, int fileBytes) => new(TabularProblem.UnreadableGzip,
        $"{path} is truncated: its gzip data stops before its end (the file has {fileBytes:N0} bytes), so rows at the end would be missing or cut short. " +
        "It was probably cut off by an interrupted download or copy: get it again ('gzip -t' checks a file).", path);

    private static TabularDataException Damaged(string path, int start, string what) => new(TabularProblem.UnreadableGzip,
        $"{path} is damaged: its gzip data from byte {start:N0} {what}. Get the file again ('gzip -t' checks a file).", path);

    /// <summary>The compressed bytes from a member's data on, remembering where DeflateStream's reads began and ended.</summary>
    private sealed class TrackedInput(ArraySegment<byte> compressed, int start)
        : MemoryStream(compressed.Array!, compressed.Offset + start, compressed.Count - start, writable: false)
    {
        /// <summary>Where, in the file, the compressed data begins.</summary>
        public int Start => start;

        /// <summary>Where, in the file, the last read began.</summary>
        public int LastReadStart { get; private set; }

        /// <summary>Where, in the file, the reads have come to.</summary>
        public int ReadEnd => Start + (int)Position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            LastReadStart = ReadEnd;
            return base.Read(buffer, offset, count);
        }

        public override int Read(Span<byte> buffer)
        {
            LastReadStart = ReadEnd;
            return base.Read(buffer);
        }
    }
}
