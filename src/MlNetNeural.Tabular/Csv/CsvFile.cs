namespace MlNetNeural.Tabular;

/// <summary>
/// A delimited text file opened for the passes that read it (its encoding, its format, its rows). A regular file is opened
/// again for each pass. A file whose name ends in <c>.gz</c> is decompressed once, and checked whole (<see cref="Gzip"/>);
/// a file that can be read only once (a pipe, <c>/dev/stdin</c>, a process substitution, a FIFO: a stream that cannot seek)
/// is read once: both are held in memory, and every pass reads those bytes.
/// </summary>
internal sealed class CsvFile
{
    private readonly HeldBytes? _held;

    private CsvFile(string filePath, HeldBytes? held)
    {
        FilePath = filePath;
        _held = held;
    }

    /// <summary>The path, as given.</summary>
    public string FilePath { get; }

    /// <summary>Opens the file at <paramref name="path"/>: reads it into memory when it is gzip or cannot be read twice.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="TabularDataException">The file does not exist or is not text; a <c>.gz</c> file is not gzip, truncated or damaged; it is too large to hold in memory.</exception>
    public static CsvFile Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        CheckExists(path);
        bool gzip = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        CsvFile file;
        using (var stream = File.OpenRead(path))
        {
            if (stream.CanSeek && !gzip)
            {
                file = new CsvFile(path, null);
            }
            else
            {
                var bytes = new HeldBytes(path);
                bytes.AppendAll(stream);
                var decompressed = gzip ? new HeldBytes(path) : null;
                if (decompressed is not null) Gzip.Decompress(bytes.Bytes, decompressed, path);
                file = new CsvFile(path, decompressed ?? bytes);
            }
        }
        file.CheckIsText();
        return file;
    }

    /// <summary>Most bytes looked at for a sign that the file is not text.</summary>
    private const int TextCheckBytes = 8192;

    // A spreadsheet's or archive's signature, or a NUL byte in the first kilobytes (outside UTF-16 and UTF-32, which announce
    // themselves with a byte order mark), means the file is no text at all: read as text it gave a ragged-row error about
    // its first "line". Spreadsheets, the usual such file in the hands of a CSV reader, are named.
    private void CheckIsText()
    {
        Span<byte> start = stackalloc byte[TextCheckBytes];
        int read;
        using (var stream = OpenBytes()) read = stream.ReadAtLeast(start, TextCheckBytes, throwOnEndOfStream: false);
        var head = start[..read];
        if (head is [0xFF, 0xFE, ..] or [0xFE, 0xFF, ..]) return;
        string? what = head switch
        {
            [0x50, 0x4B, 0x03, 0x04, ..] => "a zip archive, which is what an Excel workbook (.xlsx) or an OpenDocument sheet (.ods) is: save the sheet as CSV (File, Save As, CSV)",
            [0xD0, 0xCF, 0x11, 0xE0, ..] => "an Office document, such as an Excel 97-2003 workbook (.xls): save the sheet as CSV (File, Save As, CSV)",
            [0x1F, 0x8B, ..] => "gzip data: name it with .gz at the end, and it is decompressed as it is read",
            _ => null,
        };
        int nul = head.IndexOf((byte)0);
        if (what is null && nul < 0) return;
        string why = nul < 0 ? "its first bytes are a file signature no CSV text starts with" : $"byte {nul:N0} is 0, which no text in a CSV file holds";
        throw new TabularDataException(TabularProblem.NotText,
            $"{FilePath} is not a text file: {why}. It looks like {what ?? "a binary file (a program, an image, a database, or compressed data): give the table as delimited text"}.", FilePath);
    }

    /// <summary>The file's bytes from the start (decompressed when it is gzip), as a new stream.</summary>
    public Stream OpenBytes() => _held?.OpenRead() ?? File.OpenRead(FilePath);

    /// <summary>The file's text in <paramref name="encoding"/> (a byte order mark, if any, is skipped), as a new reader.</summary>
    /// <param name="encoding">The file's encoding.</param>
    public TextReader OpenText(System.Text.Encoding encoding) =>
        new StreamReader(OpenBytes(), encoding, detectEncodingFromByteOrderMarks: true);

    private static void CheckExists(string path)
    {
        if (File.Exists(path)) return;
        string full = Path.GetFullPath(path);
        string hint = Directory.Exists(full) ? " It is a folder; give the path of a file inside it." : $" The current folder is {Environment.CurrentDirectory}.";
        throw new TabularDataException(TabularProblem.FileNotFound, $"The data file {full} does not exist.{hint} Check the path.", path);
    }
}
