using System.Globalization;

namespace MlNetNeural.Tabular;

/// <summary>The rules that infer the task from the label column and list its classes.</summary>
internal static class LabelRules
{
    public static LabelDecision Decide(ColumnStatistics s, InferenceOptions options, CsvTable table)
    {
        string name = s.Column.Name;
        if (s.DistinctValues < 2)
        {
            string only = s.Distinct == 0 ? "no value (every row is missing)" : $"only one value ('{ColumnRules.Shorten(s.Counts.Keys.First())}', in all {s.Present} rows that have one)";
            string remedy = s.Distinct == 0 ? "fill in the labels" : "add rows of the other classes";
            throw new TabularDataException(TabularProblem.LabelHasOneValue,
                $"{table.Source}: the label column '{name}' has {only}: there is nothing to learn. Choose another label column, or {remedy}.",
                table.Source, column: name);
        }

        bool numeric = s.AllNumeric;
        var task = options.Task ?? Infer(s, options, table);
        Check(task, s, table);
        string missing = s.Missing == 0 ? "" : $"; {s.Missing} rows with a missing label are left out";
        string how = options.Task is null ? "inferred" : "set by the caller";

        if (task == TabularTask.Regression)
        {
            string range = $"{ColumnStatistics.Format(s.Minimum)} to {ColumnStatistics.Format(s.Maximum)}";
            return NotBinary(new LabelDecision { Name = name, Task = task, IsNumeric = numeric, MissingCount = s.Missing, Reason =
                $"regression ({how}): numbers, {s.DistinctValues} distinct values, {range}{missing}{(options.Task is null ? MaybeClassCodesNote(s) : "")}" },
                options, table);
        }

        var classes = Classes(s, numeric);
        string counts = string.Join(", ", classes.Take(12).Select(c => $"{c} {Count(s, c, numeric)}")) + (classes.Count > 12 ? ", ..." : "");
        var rareClasses = classes.Where(c => Count(s, c, numeric) < options.MinRowsPerClass).ToList();
        string rare = RareClassesNote(s, rareClasses, numeric, options) + LookAlikeClassesNote(classes, numeric);
        if (task == TabularTask.MulticlassClassification)
        {
            return NotBinary(new LabelDecision { Name = name, Task = task, IsNumeric = numeric, Classes = classes, RareClasses = rareClasses, MissingCount = s.Missing, Reason =
                $"multiclass classification ({how}): {(numeric ? "whole numbers" : "text")} with {classes.Count} values ({counts}){missing}{rare}" +
                (numeric && options.Task is null ? MaybeQuantityNote : "") }, options, table);
        }

        string positive = options.PositiveClass ?? classes[1];
        if (!classes.Contains(positive))
        {
            throw new TabularDataException(TabularProblem.InvalidOption,
                $"{table.Source}: the positive class '{positive}' is not a value of the label '{name}'; its values are {string.Join(", ", classes)}. " +
                "Give one of them (exactly as written, letter case included), or leave the positive class out to take the later in sort order.",
                table.Source, column: name, value: positive);
        }
        string which = options.PositiveClass is null ? $"the later in sort order; {nameof(InferenceOptions)}.{nameof(InferenceOptions.PositiveClass)} chooses the other" : "set by the caller";
        return new LabelDecision { Name = name, Task = task, IsNumeric = numeric, Classes = classes, RareClasses = rareClasses, PositiveClass = positive, MissingCount = s.Missing, Reason =
            $"binary classification ({how}): {(numeric ? "numbers" : "text")} with 2 values ({counts}); positive class '{positive}' ({which}){missing}{rare}" };
    }

    /// <summary>
    /// <paramref name="decision"/> for a label that is not binary, which has no positive class: a positive class in the options is
    /// refused, naming it, the label and what the label was taken for, rather than ignored.
    /// </summary>
    private static LabelDecision NotBinary(LabelDecision decision, InferenceOptions options, CsvTable table) => options.PositiveClass is not { } positive
        ? decision
        : throw new TabularDataException(TabularProblem.InvalidOption,
            $"{table.Source}: the positive class '{positive}' names one of the two classes of a binary label, but the label '{decision.Name}' is {decision.Reason}. Leave the positive class out.",
            table.Source, column: decision.Name, value: positive);

    /// <summary>
    /// Whole numbers with more values than <see cref="InferenceOptions.MulticlassMaxIntegerLabels"/> but few enough to be class codes
    /// (at most <see cref="ClassCodesMaxValues"/>, e.g. 26 letters coded 1 to 26) are taken as a quantity: the NOTE says how to
    /// have them taken as classes instead. Empty for other labels.
    /// </summary>
    private static string MaybeClassCodesNote(ColumnStatistics s) => s.AllIntegers && s.DistinctValues <= ClassCodesMaxValues
        ? $"; NOTE whole numbers with {s.DistinctValues} values are taken as an amount; if they are codes of classes, set the task to multiclass"
        : "";

    /// <summary>Inferred classes that are whole numbers may be counts or points on a scale (0 to 10), which regression treats as ordered amounts.</summary>
    private const string MaybeQuantityNote =
        "; NOTE whole numbers are taken as classes; if they are counts or points on a scale, set the task to regression";

    /// <summary>Most distinct whole-number label values that still get the class-codes NOTE when taken as a regression target: 100.</summary>
    private const int ClassCodesMaxValues = 100;

    // Classes with a handful of rows can hardly be learned or tested, and each weighs as much as any other in macro accuracy.
    private static string RareClassesNote(ColumnStatistics s, List<string> rareClasses, bool numeric, InferenceOptions options)
    {
        var rare = rareClasses.Select(c => (Class: c, Rows: Count(s, c, numeric))).ToList();
        if (rare.Count == 0) return "";
        string list = string.Join(", ", rare.Take(6).Select(c => $"'{ColumnRules.Shorten(c.Class)}' ({c.Rows} {(c.Rows == 1 ? "row" : "rows")})")) + (rare.Count > 6 ? ", ..." : "");
        return $"; NOTE {list} {(rare.Count == 1 ? "has" : "have")} fewer than {options.MinRowsPerClass} rows: the model can hardly learn " +
               $"{(rare.Count == 1 ? "it" : "them")}, a test part may hold none or one, and in macro accuracy each class weighs as much as any other; merge such classes or leave their rows out";
    }

    // "Yes" and "yes", or "no" and " no" in quotes, are two classes to the model; usually one class written two ways.
    private static string LookAlikeClassesNote(List<string> classes, bool numeric)
    {
        if (numeric) return "";
        var alike = classes.GroupBy(c => c.Trim().ToUpperInvariant()).Where(g => g.Count() > 1).Take(3)
            .Select(g => string.Join(" and ", g.Select(c => $"'{ColumnRules.Shorten(c)}'"))).ToList();
        return alike.Count == 0 ? "" : $"; NOTE {string.Join(", ", alike)} differ only in letter case or spaces, so they are different classes: " +
            "if each pair means one class, write it one way in the file";
    }

    private static TabularTask Infer(ColumnStatistics s, InferenceOptions options, CsvTable table)
    {
        if (s.DistinctValues == 2) return TabularTask.BinaryClassification;
        if (!s.AllNumeric)
        {
            RefuseNumbersWithStrayValues(s, options, table);
            RefuseClassesOfOneRow(s, options, table);
            return TabularTask.MulticlassClassification;
        }
        return IsClassCodes(s.AllIntegers, s.DistinctValues, options) ? TabularTask.MulticlassClassification : TabularTask.Regression;
    }

    // Whole numbers with a handful of values are classes (digits, grades, ratings); other numbers are a quantity.
    private static bool IsClassCodes(bool allIntegers, int distinctValues, InferenceOptions options) =>
        allIntegers && distinctValues <= options.MulticlassMaxIntegerLabels;

    /// <summary>
    /// A label of numbers in at least 95% of its rows whose numbers alone would be a regression target, with a few values that are
    /// not numbers (a typo, a placeholder such as '?', a value out of single-precision range): inferred as text it would become
    /// a class per distinct number. Refused, naming the first such value and its line.
    /// </summary>
    private static void RefuseNumbersWithStrayValues(ColumnStatistics s, InferenceOptions options, CsvTable table)
    {
        int numbers = s.Present - s.NonNumberCount;
        if (s.Numbers.Count == 0 || s.NonNumberCount * 20 > s.Present || IsClassCodes(s.AllIntegers, s.Numbers.Values.Distinct().Count(), options)) return;
        string bad = s.NonNumbers[0];
        long line = s.FirstLineOf(bad, table);
        string others = s.NonNumberCount == 1 ? "" : $" ({s.NonNumberCount} rows hold {s.NonNumbers.Count} such values)";
        throw new TabularDataException(TabularProblem.UnusableLabel,
            $"{table.Source}, line {line}, label column '{s.Column.Name}': '{ColumnRules.Shorten(bad)}' {table.Format.WhyNotANumber(bad)} while {numbers} of the {s.Present} labels are{others}. " +
            $"As text, every distinct number would be a class of its own, so no task is inferred. Fix the value; if it means a missing label, write it as an empty " +
            $"field or add it to {nameof(CsvFormat)}.{nameof(CsvFormat.MissingTokens)} (its rows are left out); if every value is a class name, set the task to multiclass.",
            table.Source, line, s.Column.Name, bad);
    }

    /// <summary>
    /// Text in which at least <see cref="InferenceOptions.MaxSingletonShare"/> of the rows hold a value no other row has (a
    /// name, an identifier, free text): as classes they could be neither learned nor tested. Refused, as for a feature
    /// column such values are ignored (<see cref="ColumnRules"/>).
    /// </summary>
    private static void RefuseClassesOfOneRow(ColumnStatistics s, InferenceOptions options, CsvTable table)
    {
        if (s.Present < options.MinRowsForIdentifier || s.SingletonRows < options.MaxSingletonShare * s.Present) return;
        string numbers = s.Numbers.Count == 0 ? "" : $"; {s.Present - s.NonNumberCount} of them are numbers, e.g. '{ColumnRules.Shorten(s.NonNumbers[0])}' (line {s.FirstLineOf(s.NonNumbers[0], table)}) is not: " +
            "make every value a number for a regression target";
        throw new TabularDataException(TabularProblem.UnusableLabel,
            $"{table.Source}: the label column '{s.Column.Name}' has {s.Distinct} distinct values in {s.Present} rows, and {ColumnRules.Percent(s.SingletonRows, s.Present)} of the rows hold " +
            $"a value no other row has (an identifier, a name or free text?): as classes they can be neither learned nor tested{numbers}. Choose another label column.",
            table.Source, column: s.Column.Name);
    }

    private static void Check(TabularTask task, ColumnStatistics s, CsvTable table)
    {
        string? problem = task switch
        {
            TabularTask.BinaryClassification when s.DistinctValues != 2 => $"a binary task needs exactly 2 label values, and '{s.Column.Name}' has {s.DistinctValues}",
            TabularTask.Regression when !s.AllNumeric => $"a regression task needs a numeric label, and '{s.Column.Name}' has values such as '{ColumnRules.Shorten(s.NonNumbers[0])}' (line {s.FirstLineOf(s.NonNumbers[0], table)})",
            _ => null,
        };
        if (problem is not null)
        {
            throw new TabularDataException(TabularProblem.InvalidOption,
                $"{table.Source}: {problem}. Choose another task, or leave the task out to infer it.", table.Source, column: s.Column.Name);
        }
    }

    // Classes in key order as they will be written into the data view: numbers by value, in invariant culture; text ordinally.
    private static List<string> Classes(ColumnStatistics s, bool numeric) => numeric
        ? [.. s.Numbers.Values.Distinct().Order().Select(Canonical)]
        : [.. s.Counts.Keys.Order(StringComparer.Ordinal)];

    private static int Count(ColumnStatistics s, string label, bool numeric) => numeric
        ? s.Counts.Where(kv => Canonical(s.Numbers[kv.Key]) == label).Sum(kv => kv.Value)
        : s.Counts[label];

    /// <summary>How a numeric class value is written in the data view: its shortest round-trip form in invariant culture.</summary>
    public static string Canonical(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
