namespace MlNetNeural.Tabular;

/// <summary>
/// A delimited text file read into memory as text columns, with its <see cref="CsvFormat"/>. Read it with
/// <see cref="Read(string, CsvFormat?)"/> (the format is sniffed unless given), then infer what each column
/// is with <see cref="TableInference.Infer(CsvTable, InferenceOptions)"/>.
/// </summary>
public sealed class CsvTable
{
    private readonly int[] _lineNumbers;
    private readonly Dictionary<string, CsvColumn> _byName;

    internal CsvTable(string source, CsvFormat format, IReadOnlyList<CsvColumn> columns, int[] lineNumbers)
    {
        Source = source;
        Format = format;
        Columns = columns;
        _lineNumbers = lineNumbers;
        _byName = columns.ToDictionary(c => c.Name, StringComparer.Ordinal);
    }

    /// <summary>The file path (or the name given to parsed text), used in messages.</summary>
    public string Source { get; }

    /// <summary>The format the table was read with.</summary>
    public CsvFormat Format { get; }

    /// <summary>The columns, in file order.</summary>
    public IReadOnlyList<CsvColumn> Columns { get; }

    /// <summary>
    /// The lines that repeated the header row and were skipped (files appended one to another repeat it where each part
    /// begins); empty for most files.
    /// </summary>
    public IReadOnlyList<long> RepeatedHeaderLines { get; init; } = [];

    /// <summary>The skipped repeats of the header in words, e.g. <c>skipped 2 repeats of the header row (lines 152, 305)</c>; null when there were none.</summary>
    public string? RepeatedHeadersText => RepeatedHeaderLines.Count switch
    {
        0 => null,
        1 => $"skipped a repeat of the header row (line {RepeatedHeaderLines[0]})",
        int n => $"skipped {n} repeats of the header row (lines {string.Join(", ", RepeatedHeaderLines.Take(5))}{(n > 5 ? ", ..." : "")})",
    };

    /// <summary>
    /// The columns whose header is repeated or empty, each with the name it is given (<see cref="CsvColumn.Name"/>), e.g.
    /// <c>column 2 'a' repeats a name and is named 'a_2'</c>; empty for most files.
    /// </summary>
    public IReadOnlyList<string> RenamedColumns { get; init; } = [];

    /// <summary>
    /// What reading the header changed, in words: <see cref="RepeatedHeadersText"/> and <see cref="RenamedColumns"/>, joined
    /// with "; "; null when it changed nothing.
    /// </summary>
    public string? HeaderNotesText =>
        string.Join("; ", new[] { RepeatedHeadersText }.Concat(RenamedColumns.Take(5))
            .Concat(RenamedColumns.Count > 5 ? [$"{RenamedColumns.Count - 5} more columns renamed"] : []).OfType<string>()) is { Length: > 0 } text ? text : null;

    /// <summary>The number of data rows.</summary>
    public int RowCount => _lineNumbers.Length;

    /// <summary>The 1-based line of the file on which data row <paramref name="row"/> (0-based) starts, for messages.</summary>
    /// <param name="row">A 0-based data row.</param>
    public long LineOf(int row) => _lineNumbers[row];

    /// <summary>The column named <paramref name="name"/> (exact, case-sensitive), or null.</summary>
    /// <param name="name">A column name.</param>
    public CsvColumn? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>The column named <paramref name="name"/>; a clear error listing the columns when there is none.</summary>
    /// <param name="name">A column name.</param>
    /// <param name="role">What the column is for, in the message (e.g. "label", "override", "feature"), or null to say just "column".</param>
    /// <exception cref="TabularDataException">No column has that name.</exception>
    public CsvColumn Get(string name, string? role = null)
    {
        if (Find(name) is { } column) return column;
        var near = Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
        string hint = near is not null ? $" Did you mean '{near.Name}'? Names are case-sensitive." : "";
        var problem = role == "label" ? TabularProblem.LabelNotFound : TabularProblem.ColumnNotFound;
        throw new TabularDataException(problem,
            $"{Source}: the {(role is null ? "" : role + " ")}column '{name}' is not in the table.{hint} The columns are: {string.Join(", ", Columns.Select(c => c.Name))}.",
            Source, column: name);
    }

    /// <summary>
    /// Reads a delimited text file: gzip when the name ends in <c>.gz</c> (decompressed once and checked whole); a pipe or
    /// <c>/dev/stdin</c> is read once, into memory.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <param name="format">The format; null sniffs it with <see cref="CsvSniffer.Sniff(string)"/>.</param>
    /// <exception cref="TabularDataException">The file is missing, empty, has ragged rows or an unclosed quote, or a <c>.gz</c> file is not gzip, truncated or damaged.</exception>
    public static CsvTable Read(string path, CsvFormat? format = null)
    {
        var file = CsvFile.Open(path);
        format ??= CsvSniffer.Sniff(file);
        // A format given without an encoding gets the detected one, so the table says how it was read.
        if (format.Encoding is null) format = format with { Encoding = CsvEncoding.Detect(file) };
        using var reader = file.OpenText(format.Encoding);
        return CsvTableReader.Read(reader, format, path);
    }

    /// <summary>Reads delimited text held in a string (tests, small inline tables).</summary>
    /// <param name="text">The whole text.</param>
    /// <param name="format">The format; null sniffs it.</param>
    /// <param name="source">How to name the text in messages.</param>
    /// <exception cref="TabularDataException">The text is empty, has ragged rows or an unclosed quote.</exception>
    public static CsvTable Parse(string text, CsvFormat? format = null, string source = "(text)")
    {
        format ??= CsvSniffer.SniffText(text, source);
        using var reader = new StringReader(text);
        return CsvTableReader.Read(reader, format, source);
    }
}
