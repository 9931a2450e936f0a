using System.Text;

namespace MlNetNeural.Tabular;

/// <summary>
/// Which text encoding a file is in: the one its byte order mark names; else UTF-8 when every byte sequence of the file is
/// valid UTF-8; else Windows-1252, what Excel and most Windows programs in Western Europe and the Americas save "CSV" in
/// (a byte such as 0xE9, <c>é</c> there, is never valid alone in UTF-8). Read as UTF-8, such a file would turn every
/// accented letter into U+FFFD, silently merging <c>Besançon</c> and <c>Besanîon</c> and renaming columns.
/// </summary>
public static class CsvEncoding
{
    /// <summary>Bytes examined per read while checking a file.</summary>
    private const int ChunkBytes = 1 << 16;

    /// <summary>Windows-1252 ("Western European (Windows)").</summary>
    public static Encoding Windows1252 { get; } = CreateWindows1252();

    /// <summary>Finds the encoding of the file at <paramref name="path"/> (decompressed when its name ends in <c>.gz</c>); reads the whole file once.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="TabularDataException">The file does not exist, or a <c>.gz</c> file is not gzip, truncated or damaged.</exception>
    public static Encoding Detect(string path) => Detect(CsvFile.Open(path));

    /// <summary>Finds the encoding of an opened file; reads the whole file once.</summary>
    /// <param name="file">The file.</param>
    internal static Encoding Detect(CsvFile file)
    {
        using var stream = file.OpenBytes();
        return Detect(stream);
    }

    /// <summary>Finds the encoding of the bytes in <paramref name="stream"/>, read to its end.</summary>
    /// <param name="stream">The bytes of a text file from its start.</param>
    public static Encoding Detect(Stream stream)
    {
        byte[] buffer = new byte[ChunkBytes];
        int read = stream.ReadAtLeast(buffer, 4, throwOnEndOfStream: false);
        if (ByteOrderMark(buffer.AsSpan(0, read)) is { } marked) return marked;
        var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetDecoder();
        char[] chars = new char[ChunkBytes + 4];
        try
        {
            while (read > 0)
            {
                decoder.GetChars(buffer, 0, read, chars, 0, flush: false);
                read = stream.Read(buffer, 0, buffer.Length);
            }
            decoder.GetChars(buffer, 0, 0, chars, 0, flush: true); // a sequence cut off at the end of the file is invalid too
        }
        catch (DecoderFallbackException)
        {
            return Windows1252;
        }
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
    }

    /// <summary>A readable name, e.g. <c>UTF-8</c>, <c>Windows-1252</c>.</summary>
    /// <param name="encoding">An encoding.</param>
    public static string Describe(Encoding encoding) => encoding.CodePage switch
    {
        65001 => "UTF-8",
        1252 => "Windows-1252",
        28591 => "ISO-8859-1",
        1200 => "UTF-16 little-endian",
        1201 => "UTF-16 big-endian",
        _ => encoding.WebName,
    };

    private static Encoding? ByteOrderMark(ReadOnlySpan<byte> start) => start switch
    {
        [0xEF, 0xBB, 0xBF, ..] => new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
        [0xFF, 0xFE, 0, 0, ..] => new UTF32Encoding(bigEndian: false, byteOrderMark: true),
        [0xFF, 0xFE, ..] => new UnicodeEncoding(bigEndian: false, byteOrderMark: true),
        [0xFE, 0xFF, ..] => new UnicodeEncoding(bigEndian: true, byteOrderMark: true),
        _ => null,
    };

    private static Encoding CreateWindows1252()
    {
        // Code pages other than UTF-* and Latin-1 come from the provider that ships with .NET (System.Text.Encoding.CodePages).
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }
}
