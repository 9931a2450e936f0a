using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Tabular;

/// <summary>
/// Values in rows to score that the model's training rows never had, and what the model reads instead: a missing number
/// in a column that had no missing values (the featurization fills in the training mean, with no indicator to say so),
/// or a level of a one-hot categorical column that no training row had, or no level where every training row had one
/// (either encodes as no level at all). Neither is an
/// error, and the model still scores such rows, but its output there rests on a guess: <c>mlnn predict</c> and
/// <c>mlnn evaluate</c> print them so that they are not silent.
/// </summary>
/// <param name="Column">The column.</param>
/// <param name="Rows">How many of the scored rows hold such a value.</param>
/// <param name="Examples">Up to <see cref="MaxExamples"/> of the unfamiliar levels, in order of first appearance (none for missing numbers).</param>
/// <param name="Description">What the rows hold and what the model reads instead, in words.</param>
public sealed record UnfamiliarValues(string Column, int Rows, IReadOnlyList<string> Examples, string Description)
{
    /// <summary>Unfamiliar levels quoted per column, at most.</summary>
    public const int MaxExamples = 3;

    /// <summary>
    /// Scans scored rows: <paramref name="scored"/> is the model's pipeline applied to rows typed with its decisions (the raw
    /// columns pass through it), and its <paramref name="featureColumnName"/> column holds the featurized values, whose
    /// slot names tell the one-hot levels the training rows had.
    /// </summary>
    /// <param name="decisions">The model's column decisions (<see cref="TabularModel.Decisions"/>).</param>
    /// <param name="scored">The scored rows.</param>
    /// <param name="featureColumnName">The featurized column (<see cref="TabularFeaturizerOptions.FeatureColumnName"/>).</param>
    /// <returns>One entry per column with such values, in file order; empty when every value is familiar.</returns>
    public static IReadOnlyList<UnfamiliarValues> Find(TabularSchema decisions, IDataView scored, string featureColumnName = TabularFeaturizerOptions.DefaultFeatureColumnName)
    {
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(scored);
        var numbers = decisions.Features.Where(c => c.IsNumber && c.MissingCount == 0 && InputColumn(scored.Schema, c.Name) is not null).ToList();
        var levels = OneHotSlots(decisions, scored.Schema[featureColumnName]);
        var missing = new int[numbers.Count];
        var unseen = new int[levels.Count];
        var examples = levels.Select(_ => new List<string>()).ToArray();
        var distinct = levels.Select(_ => new HashSet<string>(StringComparer.Ordinal)).ToArray();
        var numberColumns = numbers.Select(c => InputColumn(scored.Schema, c.Name)!.Value).ToArray();
        var levelColumns = levels.Select(l => InputColumn(scored.Schema, l.Column.Name)!.Value).ToArray();
        var columns = numberColumns.Concat(levelColumns).Append(scored.Schema[featureColumnName]);
        using var cursor = scored.GetRowCursor(columns);
        var numberGetters = numberColumns.Select(cursor.GetGetter<float>).ToArray();
        var levelGetters = levelColumns.Select(cursor.GetGetter<ReadOnlyMemory<char>>).ToArray();
        var featureGetter = cursor.GetGetter<VBuffer<float>>(scored.Schema[featureColumnName]);
        VBuffer<float> features = default;
        ReadOnlyMemory<char> text = default;
        while (cursor.MoveNext())
        {
            for (int i = 0; i < numbers.Count; i++)
            {
                float value = 0;
                numberGetters[i](ref value);
                if (float.IsNaN(value)) missing[i]++;
            }
            if (levels.Count == 0) continue;
            featureGetter(ref features);
            for (int i = 0; i < levels.Count; i++)
            {
                if (!AllZero(features, levels[i].Slots)) continue;
                levelGetters[i](ref text);
                if (text.IsEmpty && levels[i].Column.MissingCount > 0) continue; // the training rows had missing levels too
                unseen[i]++;
                string level = text.IsEmpty ? "(no value)" : text.ToString();
                if (distinct[i].Add(level) && examples[i].Count < MaxExamples) examples[i].Add(level);
            }
        }
        var found = new List<(int Order, UnfamiliarValues Values)>();
        var order = decisions.Columns.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i);
        for (int i = 0; i < numbers.Count; i++)
        {
            if (missing[i] == 0) continue;
            found.Add((order[numbers[i].Name], new UnfamiliarValues(numbers[i].Name, missing[i], [],
                $"{RowsHave(missing[i])} no value, and no training row lacked one: the model reads the training rows' mean there")));
        }
        for (int i = 0; i < levels.Count; i++)
        {
            if (unseen[i] == 0) continue;
            string quoted = string.Join(", ", examples[i].Select(e => $"'{e}'"));
            found.Add((order[levels[i].Column.Name], new UnfamiliarValues(levels[i].Column.Name, unseen[i], examples[i],
                $"{RowsHave(unseen[i])} a level no training row had ({quoted}{(distinct[i].Count > examples[i].Count ? $" and {distinct[i].Count - examples[i].Count:N0} more" : "")}): the model reads it as none of its levels")));
        }
        return [.. found.OrderBy(f => f.Order).Select(f => f.Values)];
    }

    /// <summary>
    /// The file's own column of that name as it entered the pipeline: the first of the name, since every step appends its
    /// columns (a feature named like one of them, e.g. "Score" or "Features", is hidden behind it, not gone); null when absent.
    /// </summary>
    private static DataViewSchema.Column? InputColumn(DataViewSchema schema, string name) =>
        schema.Cast<DataViewSchema.Column?>().FirstOrDefault(c => c!.Value.Name == name);

    private static string RowsHave(int count) => count == 1 ? "1 row has" : $"{count:N0} rows have";

    // The slots of each one-hot column in the featurized vector: the featurizer names them "<features>.<column>.<level>".
    private static List<(ColumnDecision Column, int[] Slots)> OneHotSlots(TabularSchema decisions, DataViewSchema.Column features)
    {
        string prefix = features.Name + ".";
        var names = new VBuffer<ReadOnlyMemory<char>>();
        if (features.HasSlotNames()) features.GetSlotNames(ref names);
        var slotNames = names.DenseValues().Select(n => n.ToString()).ToArray();
        return [.. decisions.OfKind(ColumnKind.Categorical)
            .Where(c => c.Encoding == CategoricalEncoding.OneHot)
            .Select(c => (Column: c, Slots: slotNames.Select((n, i) => (n, i)).Where(p => p.n.StartsWith(prefix + c.Name + ".", StringComparison.Ordinal)).Select(p => p.i).ToArray()))
            .Where(p => p.Slots.Length > 0)];
    }

    /// <summary>Whether every one of <paramref name="slots"/> is 0 in <paramref name="features"/>, dense or sparse.</summary>
    internal static bool AllZero(in VBuffer<float> features, int[] slots)
    {
        var values = features.GetValues();
        if (features.IsDense)
        {
            foreach (int slot in slots)
                if (values[slot] != 0) return false;
            return true;
        }
        var indices = features.GetIndices();
        foreach (int slot in slots)
        {
            int at = indices.BinarySearch(slot);
            if (at >= 0 && values[at] != 0) return false;
        }
        return true;
    }
}
