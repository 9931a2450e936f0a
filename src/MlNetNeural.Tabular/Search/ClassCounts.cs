using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Tabular;

/// <summary>Rows per class of a converted label column ("Label": Boolean for binary, a key for multiclass), in key order (binary: false, true).</summary>
public static class ClassCounts
{
    /// <summary>The counts, or null for a regression label (Single).</summary>
    /// <param name="data">Rows with the converted label (<see cref="TabularLabelConversion"/>).</param>
    /// <param name="labelColumnName">The converted label column.</param>
    public static long[]? Of(IDataView data, string labelColumnName = "Label")
    {
        var column = data.Schema[labelColumnName];
        switch (column.Type)
        {
            case BooleanDataViewType:
                var flags = data.GetColumn<bool>(column).ToArray();
                return [flags.LongCount(f => !f), flags.LongCount(f => f)];
            case KeyDataViewType key:
                var counts = new long[key.Count];
                foreach (uint value in data.GetColumn<uint>(column))
                {
                    if (value > 0) counts[value - 1]++;
                }
                return counts;
            default:
                return null;
        }
    }
}
