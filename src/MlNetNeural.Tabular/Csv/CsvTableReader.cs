namespace MlNetNeural.Tabular;

/// <summary>Reads records into columns: names the columns, checks every row has as many fields, marks missing values.</summary>
internal static class CsvTableReader
{
    // Repeated values of a column share one string (MNIST's 7.8 million pixels are 256 strings); past this many
    // distinct values a column is mostly unique and pooling stops paying.
    private const int PoolLimit = 4096;

    public static CsvTable Read(TextReader text, CsvFormat format, string source)
    {
        var reader = new CsvRecordReader(text, format.Separator, format.Quote, source);
        var fields = new List<string>();
        if (!reader.TryRead(fields))
        {
            throw new TabularDataException(TabularProblem.EmptyFile,
                $"{source} is empty: there is no header and no data row. Give a file with a header row and at least one data row.", source);
        }

        string[] names = format.HasHeader ? UniqueNames(fields) : [.. Enumerable.Range(1, fields.Count).Select(i => $"Column{i}")];
        string[]? header = format.HasHeader ? [.. fields] : null;
        var repeatedHeaders = new List<long>();
        long headerLine = reader.RecordLine;
        var columns = names.Select(_ => new List<string?>()).ToArray();
        var pools = names.Select(_ => new Dictionary<string, string>(StringComparer.Ordinal)).ToArray();
        var lines = new List<int>();
        if (!format.HasHeader) Add(fields, reader.RecordLine);
        while (reader.TryRead(fields))
        {
            // Files appended one to another repeat the header where each part begins: such a row is not data.
            if (header is not null && IsRepeatedHeader(fields, header)) repeatedHeaders.Add(reader.RecordLine);
            else Add(fields, reader.RecordLine);
        }

        if (lines.Count == 0)
        {
            throw new TabularDataException(TabularProblem.EmptyFile,
                $"{source} has a header (line {headerLine}: {string.Join(", ", names.Take(8))}{(names.Length > 8 ? ", ..." : "")}) but no data rows. Give a file with at least one data row.",
                source, headerLine);
        }
        var built = names.Select((n, i) => new CsvColumn(n, i, [.. columns[i]])).ToList();
        return new CsvTable(source, format, built, [.. lines]) { RepeatedHeaderLines = repeatedHeaders, RenamedColumns = Renamed(header, names) };

        void Add(List<string> record, long line)
        {
            if (record.Count != names.Length)
            {
                throw new TabularDataException(TabularProblem.RaggedRow,
                    $"{source}, line {line}: {record.Count} fields where the {(format.HasHeader ? "header has" : "first row has")} {names.Length} " +
                    $"(read with {format}). Fix that row (a separator inside an unquoted field? a missing field?), or give the right {nameof(CsvFormat)} if the separator was guessed wrong.",
                    source, line);
            }
            for (int c = 0; c < record.Count; c++)
            {
                string value = record[c];
                if (format.IsMissing(value)) { columns[c].Add(null); continue; }
                var pool = pools[c];
                if (pool.TryGetValue(value, out string? shared)) value = shared;
                else if (pool.Count < PoolLimit) pool[value] = value;
                columns[c].Add(value);
            }
            lines.Add(checked((int)line));
        }
    }

    /// <summary>True when <paramref name="record"/> holds the header's fields again (each trimmed), as in files appended one to another.</summary>
    internal static bool IsRepeatedHeader(IReadOnlyList<string> record, IReadOnlyList<string> header) =>
        record.Count == header.Count && Enumerable.Range(0, header.Count).All(i => string.Equals(record[i].Trim(), header[i].Trim(), StringComparison.Ordinal));

    /// <summary>The columns whose name is not their header text (a repeated or empty header), e.g. <c>column 2 'a' is named 'a_2'</c>.</summary>
    private static List<string> Renamed(string[]? header, string[] names) => header is null ? [] :
        [.. names.Select((name, i) => (name, i)).Where(c => c.name != header[c.i].Trim())
            .Select(c => header[c.i].Trim().Length == 0 ? $"column {c.i + 1} has no name and is named '{c.name}'" : $"column {c.i + 1} '{header[c.i].Trim()}' repeats a name and is named '{c.name}'")];

    private static string[] UniqueNames(List<string> header)
    {
        var names = new string[header.Count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < header.Count; i++)
        {
            string name = header[i].Trim();
            if (name.Length == 0) name = $"Column{i + 1}";
            string unique = name;
            for (int k = 2; !seen.Add(unique); k++) unique = $"{name}_{k}";
            names[i] = unique;
        }
        return names;
    }
}
