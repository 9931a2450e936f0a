using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Tests.TestData;

/// <summary>Float rows as a data view with a "Features" vector column of the rows' length, and reading a Single column back.</summary>
internal static class FeatureRows
{
    public sealed class Row
    {
        public float[] Features { get; set; } = [];
    }

    public static IDataView Load(MLContext ml, float[][] features)
    {
        var definition = SchemaDefinition.Create(typeof(Row));
        definition[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features[0].Length);
        return ml.Data.LoadFromEnumerable(features.Select(f => new Row { Features = f }), definition);
    }

    /// <summary>Every row of a Single or vector-of-Single column as an array (a scalar becomes one value).</summary>
    public static float[][] ReadSingles(IDataView data, string column) =>
        data.Schema[column].Type is VectorDataViewType
            ? data.GetColumn<float[]>(column).ToArray()
            : data.GetColumn<float>(column).Select(v => new[] { v }).ToArray();

    /// <summary>The Features column of <paramref name="data"/> as rows.</summary>
    public static float[][] Features(IDataView data, string column = "Features") => data.GetColumn<float[]>(column).ToArray();
}
