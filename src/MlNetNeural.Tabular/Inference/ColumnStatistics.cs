using System.Globalization;

namespace MlNetNeural.Tabular;

/// <summary>What inference needs to know about one column, from one pass over its values.</summary>
internal sealed class ColumnStatistics
{
    private ColumnStatistics(CsvColumn column, int rows)
    {
        Column = column;
        Rows = rows;
    }

    public CsvColumn Column { get; }
    public int Rows { get; }
    public int Present { get; private set; }
    public int Missing => Rows - Present;
    public Dictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);
    public int Distinct => Counts.Count;
    /// <summary>Distinct values, counting numbers by value ("1" and "1.0" are one) when the column is numeric.</summary>
    public int DistinctValues => AllNumeric ? Numbers.Values.Distinct().Count() : Distinct;
    public bool UniquePerRow => Missing == 0 && Distinct == Rows;
    /// <summary>Rows whose value no other row has.</summary>
    public int SingletonRows => Counts.Values.Count(count => count == 1);
    /// <summary>Distinct values that are not numbers (empty when the column is numeric).</summary>
    public List<string> NonNumbers { get; } = [];
    public int NonNumberCount { get; private set; }
    public bool AllNumeric => NonNumbers.Count == 0 && Present > 0;
    public bool AllIntegers { get; private set; } = true;
    public double Minimum { get; private set; } = double.PositiveInfinity;
    public double Maximum { get; private set; } = double.NegativeInfinity;
    public double MeanWords { get; private set; }
    /// <summary>Every distinct value that is a number, with its value.</summary>
    public Dictionary<string, double> Numbers { get; } = new(StringComparer.Ordinal);

    public static ColumnStatistics Of(CsvColumn column, CsvFormat format)
    {
        var stats = new ColumnStatistics(column, column.Values.Count);
        foreach (string? value in column.Values)
        {
            if (value is null) continue;
            stats.Present++;
            stats.Counts[value] = stats.Counts.GetValueOrDefault(value) + 1;
        }
        long words = 0;
        foreach (var (value, count) in stats.Counts)
        {
            words += (long)count * value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
            if (format.TryParseNumber(value, out double number))
            {
                stats.Numbers[value] = number;
                stats.AllIntegers &= Math.Abs(number) < 1e15 && number == Math.Floor(number);
                stats.Minimum = Math.Min(stats.Minimum, number);
                stats.Maximum = Math.Max(stats.Maximum, number);
            }
            else
            {
                stats.NonNumbers.Add(value);
                stats.NonNumberCount += count;
            }
        }
        stats.MeanWords = stats.Present == 0 ? 0 : words / (double)stats.Present;
        return stats;
    }

    /// <summary>The line of the first row holding <paramref name="value"/>.</summary>
    public long FirstLineOf(string value, CsvTable table)
    {
        for (int row = 0; row < Rows; row++)
        {
            if (string.Equals(Column[row], value, StringComparison.Ordinal)) return table.LineOf(row);
        }
        return -1;
    }

    public static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
