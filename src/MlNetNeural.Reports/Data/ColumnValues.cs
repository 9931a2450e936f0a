using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Reports.Data;

/// <summary>Reads two numeric columns row by row, as ML.NET's evaluators see them.</summary>
internal static class ColumnValues
{
    /// <summary>Column types <see cref="ReadPairs"/> accepts; Boolean becomes 1 / 0.</summary>
    public static readonly Type[] NumericTypes = [typeof(bool), typeof(float), typeof(double)];

    /// <summary>Reads (first, second) for every row, skipping rows where either value is NaN (missing).</summary>
    public static (double[] First, double[] Second) ReadPairs(IDataView data, DataViewSchema.Column first, DataViewSchema.Column second)
    {
        using var cursor = data.GetRowCursor([first, second]);
        var getFirst = NumberGetter(cursor, first);
        var getSecond = NumberGetter(cursor, second);
        var firstValues = new List<double>();
        var secondValues = new List<double>();
        while (cursor.MoveNext())
        {
            var a = getFirst();
            var b = getSecond();
            if (double.IsNaN(a) || double.IsNaN(b))
                continue;
            firstValues.Add(a);
            secondValues.Add(b);
        }
        return (firstValues.ToArray(), secondValues.ToArray());
    }

    private static Func<double> NumberGetter(DataViewRow row, DataViewSchema.Column column)
    {
        var rawType = column.Type.RawType;
        if (rawType == typeof(bool))
        {
            var getter = row.GetGetter<bool>(column);
            return () => { var value = false; getter(ref value); return value ? 1 : 0; };
        }
        if (rawType == typeof(float))
        {
            var getter = row.GetGetter<float>(column);
            return () => { var value = 0f; getter(ref value); return value; };
        }
        if (rawType == typeof(double))
        {
            var getter = row.GetGetter<double>(column);
            return () => { var value = 0d; getter(ref value); return value; };
        }
        throw new ArgumentException($"Column '{column.Name}' has type {column.Type}; expected Boolean, Single or Double.");
    }
}
