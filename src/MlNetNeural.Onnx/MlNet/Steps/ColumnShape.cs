using Microsoft.ML;
using Microsoft.ML.Data;
using DataType = MlNetNeural.Onnx.Protobuf.TensorProto.Types.DataType;

namespace MlNetNeural.Onnx.MlNet.Steps;

/// <summary>
/// How an ML.NET column is held in the exported graph: a tensor <c>[N, Width]</c> of <paramref name="ElementType"/>
/// (a scalar column has width 1). A key column (<paramref name="KeyCount"/> &gt; 0) is an <c>int64</c> holding ML.NET's
/// key value: 1 to <paramref name="KeyCount"/>, 0 for missing.
/// </summary>
internal sealed record ColumnShape(DataType ElementType, int Width, int KeyCount = 0)
{
    /// <summary>The shape of a column of <paramref name="type"/>, or null for types the graph cannot hold (variable-size vectors, dates, ...).</summary>
    public static ColumnShape? Of(DataViewType type)
    {
        int width = type is VectorDataViewType vector ? vector.Size : 1;
        if (width <= 0)
            return null;
        var item = type is VectorDataViewType vectorType ? vectorType.ItemType : type;
        if (item is KeyDataViewType key)
            return key.Count is > 0 and <= int.MaxValue ? new ColumnShape(DataType.Int64, width, (int)key.Count) : null;
        DataType? element = item.RawType switch
        {
            var raw when raw == typeof(float) => DataType.Float,
            var raw when raw == typeof(double) => DataType.Double,
            var raw when raw == typeof(bool) => DataType.Bool,
            var raw when raw == typeof(int) => DataType.Int32,
            var raw when raw == typeof(long) => DataType.Int64,
            var raw when raw == typeof(ReadOnlyMemory<char>) => DataType.String,
            _ => null,
        };
        return element is { } known ? new ColumnShape(known, width) : null;
    }

    /// <summary>The shape of <paramref name="column"/> in <paramref name="schema"/>; throws for a type the graph cannot hold.</summary>
    public static ColumnShape Of(DataViewSchema schema, string column, PipelineStep step) =>
        Of(schema[column].Type) ?? throw ExportRefusal.Step(step, $"reads column '{column}' of type {schema[column].Type}, which has no tensor form in the exported graph (only known-size Single, Double, Boolean, Int32, Int64, text and key columns).");

    /// <summary>Whether the column is a key.</summary>
    public bool IsKey => KeyCount > 0;

    /// <summary>For messages and the model's documentation, e.g. <c>float [N, 30]</c>.</summary>
    public override string ToString() =>
        $"{ElementType.ToString().ToLowerInvariant()}{(IsKey ? $" key (1..{KeyCount}, 0 = missing)" : "")} [N, {Width}]";
}
