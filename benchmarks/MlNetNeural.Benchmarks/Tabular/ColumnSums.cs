using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Benchmarks.Tabular;

/// <summary>Reads a whole column of a view, as the scoring benchmarks must, so that every row is computed.</summary>
internal static class ColumnSums
{
    /// <summary>The sum over the rows of <paramref name="column"/>: a float column's values, or each vector's first value.</summary>
    public static float FirstValues(IDataView data, string column)
    {
        var target = data.Schema[column];
        using var cursor = data.GetRowCursor([target]);
        float sum = 0;
        if (target.Type is VectorDataViewType)
        {
            var getter = cursor.GetGetter<VBuffer<float>>(target);
            VBuffer<float> value = default;
            while (cursor.MoveNext())
            {
                getter(ref value);
                sum += value.GetValues()[0];
            }
        }
        else
        {
            var getter = cursor.GetGetter<float>(target);
            float value = 0;
            while (cursor.MoveNext())
            {
                getter(ref value);
                sum += value;
            }
        }
        return sum;
    }
}
