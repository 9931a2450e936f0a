namespace MlNetNeural.Tabular;

/// <summary>
/// Guesses the <see cref="CsvFormat"/> of a file from its first lines: the separator, whether the first row
/// is a header, and the decimal mark. The rules are in docs/tabular.md; each can be overridden by passing a
/// <see cref="CsvFormat"/> to <see cref="CsvTable.Read(string, CsvFormat?)"/>.
/// </summary>
public static class CsvSniffer
{
    /// <summary>How much of the file's start is examined: at most this many lines.</summary>
    public const int SampleLines = 500;

    /// <summary>How much of the file's start is examined: at most this many characters.</summary>
    public const int SampleCharacters = 256 * 1024;

    /// <summary>Guesses the format of the file at <paramref name="path"/> (plain text, or gzip when the name ends in <c>.gz</c>).</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="TabularDataException">The file does not exist or holds no data, or a <c>.gz</c> file is not gzip, truncated or damaged.</exception>
    public static CsvFormat Sniff(string path) => Sniff(CsvFile.Open(path));

    /// <summary>Guesses the format of an opened file, its encoding included.</summary>
    /// <param name="file">The file.</param>
    internal static CsvFormat Sniff(CsvFile file)
    {
        var encoding = CsvEncoding.Detect(file);
        using var reader = file.OpenText(encoding);
        return SniffSample(ReadSample(reader), file.FilePath) with { Encoding = encoding };
    }

    /// <summary>Guesses the format of <paramref name="text"/>, the start of a delimited file.</summary>
    /// <param name="text">The file's text (or its first lines).</param>
    /// <param name="source">How to name the text in messages.</param>
    /// <exception cref="TabularDataException">The text holds no data.</exception>
    public static CsvFormat SniffText(string text, string source = "(text)")
    {
        using var reader = new StringReader(text);
        return SniffSample(ReadSample(reader), source);
    }

    private static (string Text, bool Truncated) ReadSample(TextReader reader)
    {
        var sample = new System.Text.StringBuilder();
        int lines = 0;
        while (lines < SampleLines && sample.Length < SampleCharacters && reader.ReadLine() is { } line)
        {
            sample.Append(line).Append('\n');
            lines++;
        }
        return (sample.ToString(), reader.Peek() >= 0);
    }

    private static CsvFormat SniffSample((string Text, bool Truncated) sample, string source)
    {
        if (sample.Text.Trim().Length == 0)
        {
            throw new TabularDataException(TabularProblem.EmptyFile,
                $"{source} is empty: there is no header and no data row. Give a file with a header row and at least one data row.", source);
        }

        char separator = ChooseSeparator(sample);
        var records = Records(sample, separator, '"');
        char decimalMark = separator == ',' ? '.' : ChooseDecimalMark(records);
        var format = CsvFormat.Default with { Separator = separator, DecimalMark = decimalMark };
        return format with { HasHeader = HasHeader(records, format) };
    }

    // The separator that splits every sampled record into the same number (>= 2) of fields; when several
    // do, the first in the order tab, ';', '|', ',' (a ';'- or tab-separated file often has commas inside
    // its fields, e.g. decimal commas; the reverse is rare). Failing that, the most consistent one.
    private static char ChooseSeparator((string Text, bool Truncated) sample)
    {
        char best = ',';
        double bestConsistency = -1;
        foreach (char candidate in CsvFormat.CandidateSeparators)
        {
            var counts = Records(sample, candidate, '"').Select(r => r.Count).ToList();
            if (counts.Count == 0) continue;
            int mode = counts.GroupBy(c => c).OrderByDescending(g => g.Count()).ThenByDescending(g => g.Key).First().Key;
            if (mode < 2) continue;
            double consistency = counts.Count(c => c == mode) / (double)counts.Count;
            if (consistency == 1) return candidate;
            if (consistency > bestConsistency)
            {
                best = candidate;
                bestConsistency = consistency;
            }
        }
        return best;
    }

    private static List<List<string>> Records((string Text, bool Truncated) sample, char separator, char quote)
    {
        var reader = new CsvRecordReader(new StringReader(sample.Text), separator, quote, "(sample)");
        var records = new List<List<string>>();
        var fields = new List<string>();
        try
        {
            while (reader.TryRead(fields, endOfSample: true)) records.Add([.. fields]);
        }
        catch (TabularDataException)
        {
            // Not reachable with endOfSample, kept so a sniffing guess can never throw.
        }
        // The last line of a truncated sample may be cut in the middle.
        if (sample.Truncated && records.Count > 1) records.RemoveAt(records.Count - 1);
        return records;
    }

    // ',' when some numeric-looking field has a decimal comma (3,14) and none has a decimal point (3.14); an amount grouped
    // by thousands with a fraction (1.234,56 or 1,234.56) decides at once.
    private static char ChooseDecimalMark(List<List<string>> records)
    {
        bool comma = false;
        foreach (var record in records)
        {
            foreach (string field in record)
            {
                if (GroupedWithFraction(field) is { } mark) return mark;
                if (LooksDecimal(field, '.')) return '.';
                comma |= LooksDecimal(field, ',');
            }
        }
        return comma ? ',' : '.';
    }

    private static char? GroupedWithFraction(string field)
    {
        int comma = field.LastIndexOf(','), point = field.LastIndexOf('.');
        if (comma < 0 || point < 0) return null;
        char mark = comma > point ? ',' : '.';
        return NumberDecorations.TryStrip(field, mark, out _) ? mark : null;
    }

    private static bool LooksDecimal(string field, char mark)
    {
        int at = field.IndexOf(mark);
        if (at < 0 || at != field.LastIndexOf(mark) || at == field.Length - 1) return false;
        for (int i = 0; i < field.Length; i++)
        {
            char c = field[i];
            if (i != at && !char.IsAsciiDigit(c) && !(i == 0 && (c == '-' || c == '+'))) return false;
        }
        return true;
    }

    // Header when a column whose later values are all numbers starts with a non-number; no header when such
    // a column starts with a number. A table without numeric columns has a header when every first-row value
    // is present, distinct, and never appears again in its column (data values of categorical columns repeat).
    private static bool HasHeader(List<List<string>> records, CsvFormat format)
    {
        if (records.Count < 2) return true;
        var first = records[0];
        var rest = records.Skip(1).Where(r => r.Count == first.Count && !CsvTableReader.IsRepeatedHeader(r, first)).ToList();
        if (rest.Count == 0) return true;

        bool anyNumericColumn = false;
        for (int c = 0; c < first.Count; c++)
        {
            var values = rest.Select(r => r[c]).Where(v => !format.IsMissing(v)).ToList();
            if (values.Count == 0 || !values.All(v => format.TryParseNumber(v, out _))) continue;
            anyNumericColumn = true;
            if (format.IsMissing(first[c])) continue;
            if (format.TryParseNumber(first[c], out _)) return false;
        }
        if (anyNumericColumn) return true;

        return first.All(v => !format.IsMissing(v))
            && first.Distinct(StringComparer.Ordinal).Count() == first.Count
            && Enumerable.Range(0, first.Count).All(c => rest.All(r => !string.Equals(r[c], first[c], StringComparison.Ordinal)));
    }
}
