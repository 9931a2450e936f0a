namespace MlNetNeural.Tabular;

/// <summary>Converts a table column's text into the typed arrays of a <see cref="TabularDataset"/>, with clear errors.</summary>
internal static class ColumnValues
{
    /// <summary>Every value as Single (NaN where missing or one of <paramref name="missing"/>); a non-number is an error naming line, column and value.</summary>
    public static float[] Numbers(CsvColumn column, CsvTable table, IReadOnlyList<string>? missing = null) =>
        Read(column, (string text, out double value) => table.Format.TryParseNumber(text, out value) || IsPlaceholder(text, missing, out value), (text, row) => new TabularDataException(TabularProblem.UnreadableNumber,
            $"{table.Source}, line {table.LineOf(row)}, column '{column.Name}': '{ColumnRules.Shorten(text)}' is not a number, but the column is numeric " +
            $"(its values were numbers when the column decisions were made; read with {table.Format}). Fix the value, or {MissingAdvice(table)}.",
            table.Source, table.LineOf(row), column.Name, text));

    /// <summary>Every value as Single days since 1970-01-01 UTC (NaN where missing); a value that is not a date in <paramref name="layout"/> is an error naming line, column and value.</summary>
    public static float[] Dates(CsvColumn column, CsvTable table, DateLayout layout) =>
        Read(column, (string text, out double days) => DateParsing.TryParse(text, layout, out days), (text, row) => new TabularDataException(TabularProblem.UnreadableDate,
            $"{table.Source}, line {table.LineOf(row)}, column '{column.Name}': '{ColumnRules.Shorten(text)}' is not a date written {DateParsing.Describe(layout)}, " +
            $"the layout of the column's dates when the column decisions were made. Fix the value, or {MissingAdvice(table)}.",
            table.Source, table.LineOf(row), column.Name, text));

    // What a file to score can do about a missing value: the column decisions (a model's) are fixed, its missing tokens are not.
    private static string MissingAdvice(CsvTable table) =>
        $"if the value is missing, leave the field empty (or write {string.Join(" or ", table.Format.MissingTokens.Where(t => t.Length > 0).Take(3).Select(t => $"'{t}'"))})";

    private delegate bool TryRead(string text, out double value);

    private static bool IsPlaceholder(string text, IReadOnlyList<string>? missing, out double value)
    {
        value = double.NaN;
        return missing is not null && missing.Contains(text, StringComparer.Ordinal);
    }

    // Reads each distinct text once; the error names the first row that cannot be read.
    private static float[] Read(CsvColumn column, TryRead read, Func<string, int, TabularDataException> unreadable)
    {
        var parsed = new Dictionary<string, float>(StringComparer.Ordinal);
        var values = new float[column.Values.Count];
        for (int row = 0; row < values.Length; row++)
        {
            string? text = column[row];
            if (text is null) { values[row] = float.NaN; continue; }
            if (!parsed.TryGetValue(text, out float value))
            {
                if (!read(text, out double number)) throw unreadable(text, row);
                parsed[text] = value = (float)number;
            }
            values[row] = value;
        }
        return values;
    }

    /// <summary>Every value as text (empty where missing), sharing one memory per distinct value.</summary>
    public static ReadOnlyMemory<char>[] Texts(CsvColumn column)
    {
        var shared = new Dictionary<string, ReadOnlyMemory<char>>(StringComparer.Ordinal);
        var values = new ReadOnlyMemory<char>[column.Values.Count];
        for (int row = 0; row < values.Length; row++)
        {
            string text = column[row] ?? "";
            if (!shared.TryGetValue(text, out var memory)) shared[text] = memory = text.AsMemory();
            values[row] = memory;
        }
        return values;
    }

    /// <summary>Label values as their class text (numbers in invariant culture); a value that is not a known class is an error.</summary>
    public static ReadOnlyMemory<char>[] Classes(CsvColumn column, CsvTable table, LabelDecision label)
    {
        var known = label.Classes.ToHashSet(StringComparer.Ordinal);
        var values = new ReadOnlyMemory<char>[column.Values.Count];
        for (int row = 0; row < values.Length; row++)
        {
            string? text = column[row];
            if (text is null) continue;
            string name = label.IsNumeric && table.Format.TryParseNumber(text, out double number)
                ? LabelRules.Canonical(number)
                : text;
            if (!known.Contains(name))
            {
                throw new TabularDataException(TabularProblem.InvalidOption,
                    $"{table.Source}, line {table.LineOf(row)}, label '{column.Name}': '{ColumnRules.Shorten(text)}' is not one of the classes the model knows " +
                    $"({string.Join(", ", label.Classes.Take(20))}). Remove those rows, or infer again on data that includes the class.",
                    table.Source, table.LineOf(row), column.Name, text);
            }
            values[row] = name.AsMemory();
        }
        return values;
    }
}
