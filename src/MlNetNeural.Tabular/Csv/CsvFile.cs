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
    /// <exception cref="TabularDataException">The file does not exist; a <c>.gz</c> file is not gzip, truncated or damaged; it is too large to hold in memory.</exception>
    public static CsvFile Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        CheckExists(path);
        bool gzip = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        using var stream = File.OpenRead(path);
        if (stream.CanSeek && !gzip) return new CsvFile(path, null);
        var bytes = new HeldBytes(path);
        bytes.AppendAll(stream);
        if (!gzip) return new CsvFile(path, bytes);
        var decompressed = new HeldBytes(path);
        Gzip.Decompress(bytes.Bytes, decompressed, path);
        return new CsvFile(path, decompressed);
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
