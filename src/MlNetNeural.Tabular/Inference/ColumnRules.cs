using System.Globalization;

namespace MlNetNeural.Tabular;

/// <summary>The rules that decide what a feature column becomes (docs/tabular.md lists them with their reasons).</summary>
internal static class ColumnRules
{
    public static ColumnDecision Decide(ColumnStatistics s, InferenceOptions options, CsvTable table, ColumnKind? overridden)
    {
        if (overridden is { } kind) return Override(s, options, table, kind);
        string name = s.Column.Name;
        if (s.Present == 0) return Make(s, ColumnKind.Ignore, "ignored: every value is missing");
        if (s.Distinct == 1 && s.Missing == 0) return Make(s, ColumnKind.Ignore, $"ignored: constant, every row is '{Shorten(s.Counts.Keys.First())}'");

        if (!s.AllNumeric && DateParsing.Detect(s.Counts.Keys, out bool ambiguous) is { } layout)
            return MakeDate(s, layout, ambiguous ? $"; every day and month is at most 12, so the order is ambiguous: read as {DateParsing.Describe(layout)}" : "");

        if (Placeholders(s) is { } placeholders) return WithPlaceholders(s, placeholders, table, isOverride: false);

        bool identifierSized = s.UniquePerRow && s.Rows >= options.MinRowsForIdentifier;
        if (s.AllNumeric)
        {
            if (identifierSized && s.AllIntegers)
                return Make(s, ColumnKind.Ignore, $"ignored: identifier, a different whole number in each of the {s.Rows} rows (e.g. a row id); override to numeric if it is a measurement");
            string range = $"{ColumnStatistics.Format(s.Minimum)} to {ColumnStatistics.Format(s.Maximum)}";
            if (s.AllIntegers && s.Distinct <= options.IntegerCodeMaxLevels)
                return Make(s, ColumnKind.Numeric, $"numeric: whole-number codes, {s.Distinct} distinct values ({range}), kept numeric; override to categorical if the codes are not ordered{MissingNote(s)}");
            return Make(s, ColumnKind.Numeric, $"numeric: {s.Distinct} distinct values, {range}{MissingNote(s)}{RowIdentifierNote(s, identifierSized)}");
        }

        string notNumbers = StrayValueNote(s, table);
        bool nearlyUnique = s.SingletonRows >= options.MaxSingletonShare * s.Present && s.Rows >= options.MinRowsForIdentifier;
        bool shortText = s.MeanWords >= options.FreeTextMinMeanWords && s.MeanWords < options.IdentifierTextMaxMeanWords;
        if (identifierSized)
        {
            if (shortText) return ShortTextIdentifier(s, options, notNumbers);
            return s.MeanWords >= options.FreeTextMinMeanWords
                ? Make(s, ColumnKind.Text, $"free text: a different value in every row, {Words(s)}{TextSlots(options)}{notNumbers}")
                : Make(s, ColumnKind.Ignore, $"ignored: identifier, a different value in each of the {s.Rows} rows and {Words(s)} (e.g. a name or code); override to text or categorical to use it{notNumbers}");
        }
        if (s.Distinct <= options.OneHotMaxLevels)
            return Make(s, ColumnKind.Categorical, $"categorical: {s.Distinct} levels (at most {options.OneHotMaxLevels}), one-hot{MissingLevelNote(s)}{notNumbers}");
        if (nearlyUnique && shortText) return ShortTextIdentifier(s, options, notNumbers);
        if (s.MeanWords >= options.FreeTextMinMeanWords)
            return Make(s, ColumnKind.Text, $"free text: {s.Distinct} distinct values (over {options.OneHotMaxLevels}), {Words(s)}{TextSlots(options)}{notNumbers}");
        if (nearlyUnique)
            return Make(s, ColumnKind.Ignore, $"ignored: nearly an identifier, {s.Distinct} levels and {Percent(s.SingletonRows, s.Present)} of the rows hold a value no other row has " +
                $"(e.g. a code or name); such levels carry nothing to new rows; override to categorical or text to use it{notNumbers}");
        return Make(s, ColumnKind.Categorical,
            $"categorical: {s.Distinct} levels (over {options.OneHotMaxLevels}) of {Words(s)}, hashed into {1 << options.HashingBits} slots{MissingLevelNote(s)}{notNumbers}",
            CategoricalEncoding.Hashing);
    }

    // How a free-text column is featurized (TextFeatures; its slots are never periodically embedded, TextFeatures.FirstSlot).
    private static string TextSlots(InferenceOptions options) =>
        $", hashed into {TextFeatures.Slots(options.TextHashingBits)} slots (words and word pairs, character trigrams; not periodically embedded)";

    // Text of a few words that most rows hold alone: names, addresses, titles. Its n-grams let the network tell the training
    // rows apart more than they say anything of new ones, and they cost input width (police_deaths' 'person', 22,742 names).
    private static ColumnDecision ShortTextIdentifier(ColumnStatistics s, InferenceOptions options, string notNumbers) =>
        Make(s, ColumnKind.Ignore, $"ignored: nearly an identifier, {s.Distinct} distinct values and {Percent(s.SingletonRows, s.Present)} of the rows hold a value no other row has, " +
            $"{Words(s)} (fewer than {options.IdentifierTextMaxMeanWords.ToString(CultureInfo.InvariantCulture)}: e.g. names or addresses rather than sentences); " +
            $"such text carries little to new rows; override to text to use it{notNumbers}");

    private static ColumnDecision Override(ColumnStatistics s, InferenceOptions options, CsvTable table, ColumnKind kind)
    {
        switch (kind)
        {
            case ColumnKind.Numeric when s.NonNumbers.Count > 0 && Placeholders(s) is null:
                string bad = s.NonNumbers[0];
                long line = s.FirstLineOf(bad, table);
                throw new TabularDataException(TabularProblem.UnreadableNumber,
                    $"{table.Source}, line {line}, column '{s.Column.Name}': '{Shorten(bad)}' is not a number, but the column is declared numeric by an override " +
                    $"({s.NonNumberCount} of {s.Present} values are not numbers; read with {table.Format}). Fix the value, add it to {nameof(CsvFormat)}.{nameof(CsvFormat.MissingTokens)} if it means missing, or drop the override.",
                    table.Source, line, s.Column.Name, bad);
            case ColumnKind.Date:
                var dateLayout = DateParsing.Detect(s.Counts.Keys, out _);
                if (dateLayout is { } found) return MakeDate(s, found, "", isOverride: true);
                string notDate = DateParsing.BestPartial(s.Counts)?.Stray ?? s.Counts.Keys.First();
                throw new TabularDataException(TabularProblem.UnreadableDate,
                    $"{table.Source}, column '{s.Column.Name}' is declared a date by an override, but its values are not dates in one layout " +
                    $"(e.g. '{Shorten(notDate)}', line {s.FirstLineOf(notDate, table)}). The layouts read are {DateParsing.Examples}. Fix the values or drop the override.",
                    table.Source, s.FirstLineOf(notDate, table), s.Column.Name, notDate);
            case ColumnKind.Categorical:
                var encoding = s.Distinct <= options.OneHotMaxLevels ? CategoricalEncoding.OneHot : CategoricalEncoding.Hashing;
                string how = encoding == CategoricalEncoding.OneHot ? "one-hot" : $"hashed into {1 << options.HashingBits} slots";
                return Make(s, kind, $"categorical by override: {s.Distinct} levels, {how}", encoding, isOverride: true);
            case ColumnKind.Numeric when Placeholders(s) is { } placeholders:
                return WithPlaceholders(s, placeholders, table, isOverride: true);
            case ColumnKind.Text:
                return Make(s, kind, $"text by override{TextSlots(options)}", isOverride: true);
            default:
                return Make(s, kind, $"{kind.ToString().ToLowerInvariant()} by override", isOverride: true);
        }
    }

    private static ColumnDecision Make(ColumnStatistics s, ColumnKind kind, string reason, CategoricalEncoding encoding = CategoricalEncoding.OneHot, bool isOverride = false) =>
        new() { Name = s.Column.Name, Kind = kind, Reason = reason, IsOverride = isOverride, DistinctValues = s.Distinct, MissingCount = s.Missing, Encoding = encoding };

    private static ColumnDecision MakeDate(ColumnStatistics s, DateLayout layout, string note, bool isOverride = false)
    {
        var days = s.Counts.Keys.Select(v => DateParsing.TryParse(v, layout, out double d) ? d : double.NaN).ToList();
        string reason = $"date{(isOverride ? " by override" : "")}: {s.Distinct} distinct, {DateParsing.Describe(layout)}, {DateParsing.Format(days.Min())} to {DateParsing.Format(days.Max())}; " +
                        $"used as days since 1970-01-01{note}{MissingNote(s)}";
        return new() { Name = s.Column.Name, Kind = ColumnKind.Date, DateLayout = layout, Reason = reason, IsOverride = isOverride, DistinctValues = s.Distinct, MissingCount = s.Missing };
    }

    // A numeric column whose placeholders are missing values in it (and in new files, through the schema).
    private static ColumnDecision WithPlaceholders(ColumnStatistics s, string[] placeholders, CsvTable table, bool isOverride)
    {
        string which = string.Join(", ", placeholders.Select(p => $"'{Shorten(p)}' ({s.Counts[p]} {(s.Counts[p] == 1 ? "row" : "rows")}, first on line {s.FirstLineOf(p, table)})"));
        bool words = placeholders.Any(p => p.Any(char.IsLetterOrDigit));
        string why = words
            ? "not numbers in a column of numbers; NOTE if one stands for a value (such as '<5' for below a detection limit), write that value as a number in the file"
            : "a placeholder among numbers";
        return new ColumnDecision
        {
            Name = s.Column.Name, Kind = ColumnKind.Numeric, IsOverride = isOverride, MissingTokens = placeholders, DistinctValues = s.Numbers.Count,
            MissingCount = s.Missing + s.NonNumberCount,
            Reason = $"numeric{(isOverride ? " by override" : "")}: {s.Numbers.Count} distinct values, {ColumnStatistics.Format(s.Minimum)} to {ColumnStatistics.Format(s.Maximum)}; " +
                     $"{which} read as missing: {why}{MissingNote(s, s.NonNumberCount)}",
        };
    }

    /// <summary>
    /// A NOTE for a column of numbers written differently in every row that looks like a row identifier, in either of two
    /// shapes: the numbers rise from each row to the next (a running number with a decimal part, or a time stamp), or two
    /// texts are the same number (R's row names <c>1978.1</c> and <c>1978.10</c>, year and row within it, which measurements
    /// written with their decimals never are). A row identifier carries nothing to new rows, but a time stamp may, so the
    /// column stays numeric and the NOTE says how to drop it. Empty for other columns.
    /// </summary>
    private static string RowIdentifierNote(ColumnStatistics s, bool identifierSized)
    {
        if (!identifierSized) return "";
        const string Advice = ": if it numbers the rows (an identifier), ignore it";
        if (s.Numbers.GroupBy(kv => kv.Value).FirstOrDefault(g => g.Count() > 1) is { } same)
        {
            var texts = same.Select(kv => kv.Key).Order(StringComparer.Ordinal).Take(2).ToList();
            return $"; NOTE a different text in every row, but some are the same number ('{Shorten(texts[0])}' and '{Shorten(texts[1])}'){Advice}";
        }
        var values = s.Column.Values;
        for (int row = 1; row < values.Count; row++)
            if (!(s.Numbers[values[row]!] > s.Numbers[values[row - 1]!])) return "";
        return $"; NOTE a different value in every row, rising from each row to the next{Advice}";
    }

    private static string MissingNote(ColumnStatistics s, int alsoMissing = 0) => (s.Missing + alsoMissing) is var missing && missing == 0 ? ""
        : $"; {missing} missing ({Percent(missing, s.Rows)}): replaced by the training mean, with an indicator";

    /// <summary>
    /// The values of a column of numbers that are read as missing ones: at most <see cref="MaxStrayTokens"/> distinct values
    /// in a column at least half numbers, either placeholders without a letter or digit (<c>-</c>, <c>--</c>, <c>.</c>,
    /// <c>*</c>), or words (<c>unknown</c>, <c>n.d.</c>, <c>high</c>) where at least <see cref="MinNumberShareForWords"/> of the
    /// values are numbers (a word may mean something, so the reason says so, but dropping the column or making every number a
    /// level of its own would lose more); null when the column is not such a column. <c>-</c> alone in a column without
    /// numbers (a negative test result) stays a level.
    /// </summary>
    private static string[]? Placeholders(ColumnStatistics s)
    {
        int numbers = s.Present - s.NonNumberCount;
        bool fits = s.Numbers.Count > 0 && s.NonNumbers.Count is > 0 and <= MaxStrayTokens && numbers * 2 >= s.Present
            && (s.NonNumbers.All(v => !v.Any(char.IsLetterOrDigit)) || numbers >= MinNumberShareForWords * s.Present);
        return fits ? [.. s.NonNumbers.Order(StringComparer.Ordinal)] : null;
    }

    /// <summary>Share of a column's values that must be numbers for up to <see cref="MaxStrayTokens"/> words among them to be read as missing: 0.8.</summary>
    private const double MinNumberShareForWords = 0.8;

    private static string MissingLevelNote(ColumnStatistics s) =>
        s.Missing == 0 ? "" : $"; {s.Missing} missing ({Percent(s.Missing, s.Rows)}): encoded as all zeros";

    /// <summary>
    /// Most distinct non-numbers a column at least half numbers may hold to be read as numbers with placeholders (tokens
    /// without a letter or digit, e.g. '-') or, for tokens with letters (e.g. 'unknown'), to get a NOTE naming them.
    /// </summary>
    private const int MaxStrayTokens = 3;

    // Says so when a text column is almost all numbers or dates, or mostly numbers and a few repeated tokens: usually a
    // placeholder that should be a missing marker.
    private static string StrayValueNote(ColumnStatistics s, CsvTable table)
    {
        if (s.Numbers.Count == 0 && DateParsing.BestPartial(s.Counts) is { } dates && dates.Rows * 20 >= s.Present * 19)
        {
            return $"; NOTE {dates.Rows} of {s.Present} values are dates ({DateParsing.Describe(dates.Layout)}), but e.g. '{Shorten(dates.Stray)}' " +
                   $"(line {s.FirstLineOf(dates.Stray, table)}) is not: if it means missing, add it to {nameof(CsvFormat)}.{nameof(CsvFormat.MissingTokens)}";
        }
        int numbers = s.Present - s.NonNumberCount;
        bool fewStrayTokens = s.NonNumbers.Count <= MaxStrayTokens && numbers * 2 >= s.Present;
        if (s.Numbers.Count == 0 || (s.NonNumberCount * 20 > s.Present && !fewStrayTokens)) return "";
        string bad = s.NonNumbers[0];
        string others = s.NonNumbers.Count == 1 ? $"'{Shorten(bad)}' ({(s.NonNumberCount == 1 ? "line" : $"{s.NonNumberCount} rows, the first on line")} {s.FirstLineOf(bad, table)})"
            : $"e.g. '{Shorten(bad)}' (line {s.FirstLineOf(bad, table)}; {s.NonNumbers.Count} such values in {s.NonNumberCount} rows)";
        return $"; NOTE {numbers} of {s.Present} values are numbers, the others {others} are not: if they mean missing, add them to " +
               $"{nameof(CsvFormat)}.{nameof(CsvFormat.MissingTokens)} (or write them as empty fields) and the column is numeric";
    }

    private static string Words(ColumnStatistics s) => $"{s.MeanWords.ToString("0.#", CultureInfo.InvariantCulture)} words on average";

    internal static string Percent(int part, int whole) => (100.0 * part / whole).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    internal static string Shorten(string value) => value.Length <= 40 ? value : value[..37] + "...";
}
