using System.Globalization;

namespace MlNetNeural.Tabular;

/// <summary>
/// A NOTE for a numeric column that looks like codes written as whole numbers (places, branches, products): its values
/// tell more about the label one by one than in their order. The inference cannot tell a code from an amount by its values
/// alone, and a code read as an amount costs an MLP much more than a tree ensemble: a tree splits the numbers into any groups,
/// while the network sees a number whose effect starts out smooth (a place coded 1 to 194 cost the MLP 12 % of RMSE against
/// LightGbm on Rdatasets' VietNamI; docs/benchmarks.md 8.15). The test compares two mutual informations with the label over
/// the rows that have both (<see cref="ColumnRelevance.MutualInformation"/>, less the Miller-Madow bias, which grows with the
/// number of values): each value its own group, against <see cref="ColumnRelevance.NumberBins"/> groups of neighbouring values
/// of about equal counts. An amount's neighbouring values tell about the same as the values themselves (ages, incomes, years,
/// counts); a code's do not. The column stays numeric; the NOTE says how to make it categorical.
/// </summary>
internal static class NumberCodeNote
{
    /// <summary>Most distinct values a column may have to be tested: 1,000.</summary>
    public const int MaxValues = 1000;

    /// <summary>Fewest rows per distinct value on average, so that each value's own group is measured on enough rows: 20.</summary>
    public const int MinRowsPerValue = 20;

    /// <summary>Most rows the test reads, every k-th row of larger tables: 100,000 (on a 1,000,000-row table about 0.04 s a column).</summary>
    public const int MaxRows = 100_000;

    /// <summary>How many times the ordered groups' information the values' own must reach: 2.</summary>
    public const double MinRatio = 2;

    /// <summary>
    /// By how much (nats) the values' own information must exceed the ordered groups': 0.1. Measured on the 42 tables of
    /// docs/benchmarks.md section 8 and the files of the `mlnn` sweep (docs/cli.md), 66 in all: VietNamI's place code
    /// exceeds by 0.34; the largest excess of a column that is an amount was 0.093 (a molecule's conformations in UCI's musk
    /// data, whose rows share values and so make each value look informative); a weaker code (census2000's `puma`, 0.029)
    /// is not noted.
    /// </summary>
    public const double MinMargin = 0.1;

    /// <summary>
    /// <paramref name="column"/>, with the NOTE added to its reason when it is an inferred numeric column of whole numbers with
    /// more than <see cref="ColumnRelevance.NumberBins"/> and at most <see cref="MaxValues"/> distinct values that passes the test.
    /// </summary>
    /// <param name="column">The column's decision.</param>
    /// <param name="s">The column's statistics, from which the decision was made.</param>
    /// <param name="labelStatistics">The label column's statistics (its values, and the numbers they are).</param>
    /// <param name="label">The label's decision.</param>
    public static ColumnDecision Add(ColumnDecision column, ColumnStatistics s, ColumnStatistics labelStatistics, LabelDecision label)
    {
        if (column.Kind != ColumnKind.Numeric || column.IsOverride || !s.AllIntegers
            || column.DistinctValues <= ColumnRelevance.NumberBins || column.DistinctValues > MaxValues)
            return column;
        var values = s.Column.Values;
        var labels = labelStatistics.Column.Values;
        var x = new List<float>();
        var y = new List<string>();
        int stride = Math.Max(1, (values.Count + MaxRows - 1) / MaxRows);
        for (int row = 0; row < values.Count; row += stride)
        {
            // Placeholders read as missing are not among the numbers.
            if (values[row] is not { } text || labels[row] is not { } labelText || !s.Numbers.TryGetValue(text, out double number)) continue;
            x.Add((float)number);
            y.Add(labelText);
        }
        if (x.Count < MinRowsPerValue * column.DistinctValues) return column; // counted over the rows read
        int[] labelGroups = ColumnRelevance.LabelGroups(label,
            () => [.. y.Select(text => labelStatistics.Numbers.TryGetValue(text, out double value) ? (float)value : float.NaN)], () => y);
        double own = ColumnRelevance.MutualInformation(ColumnRelevance.Groups(x), labelGroups);
        double ordered = ColumnRelevance.MutualInformation(ColumnRelevance.QuantileBins(x, ColumnRelevance.NumberBins), labelGroups);
        if (!(own >= MinRatio * Math.Max(ordered, 0) && own - ordered >= MinMargin)) return column;
        string note = string.Create(CultureInfo.InvariantCulture,
            $"; NOTE its {column.DistinctValues} whole numbers tell more about the label one by one than in order (mutual information {own:0.###} " +
            $"against {ordered:0.###} nats in {ColumnRelevance.NumberBins} ordered groups): if they are codes (places, groups, products), override its kind to categorical");
        return column.WithReason(column.Reason + note);
    }
}
