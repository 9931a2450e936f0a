using Microsoft.ML;

namespace MlNetNeural.Tabular;

/// <summary>Finds which Single columns of a data view hold a NaN, in one pass.</summary>
internal static class MissingValueScan
{
    public static HashSet<string> ColumnsWithMissing(IDataView data, IReadOnlyList<string> columnNames)
    {
        var columns = columnNames.Select(n => data.Schema[n]).ToArray();
        var found = new HashSet<string>(StringComparer.Ordinal);
        if (columns.Length == 0) return found;
        using var cursor = data.GetRowCursor(columns);
        var getters = columns.Select(c => cursor.GetGetter<float>(c)).ToArray();
        var open = Enumerable.Range(0, columns.Length).ToList();
        float value = 0;
        while (open.Count > 0 && cursor.MoveNext())
        {
            for (int k = open.Count - 1; k >= 0; k--)
            {
                getters[open[k]](ref value);
                if (!float.IsNaN(value)) continue;
                found.Add(columns[open[k]].Name);
                open.RemoveAt(k);
            }
        }
        return found;
    }
}
