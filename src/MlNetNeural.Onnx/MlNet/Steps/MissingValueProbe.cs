using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Onnx.MlNet.Steps;

/// <summary>
/// Asks a fitted transformer, through ML.NET's public row mapping, what it writes when every input value is missing
/// (NaN): for <c>ReplaceMissingValues</c> that is the replacement of each slot, whatever the mode.
/// </summary>
internal static class MissingValueProbe
{
    /// <summary>The <paramref name="width"/> Singles <paramref name="step"/> writes into <paramref name="column"/> from a row whose values are all missing.</summary>
    public static float[] OutputForMissingInput(PipelineStep step, string column, int width)
    {
        var mapper = step.Transformer.GetRowToRowMapper(step.InputSchema);
        var output = mapper.OutputSchema[column];
        using var row = mapper.GetRow(new MissingRow(step.InputSchema), [output]);
        float[] values;
        if (output.Type is VectorDataViewType)
        {
            var buffer = default(VBuffer<float>);
            row.GetGetter<VBuffer<float>>(output)(ref buffer);
            values = buffer.DenseValues().ToArray();
        }
        else
        {
            float value = 0;
            row.GetGetter<float>(output)(ref value);
            values = [value];
        }
        if (values.Length != width || values.Any(float.IsNaN))
            throw new InvalidOperationException($"{step.Describe()} wrote [{string.Join(", ", values)}] for a missing value; expected {width} replacement values.");
        return values;
    }

    /// <summary>One row over <paramref name="schema"/>: NaN in every Single or Double (scalar or each slot of a vector), the default elsewhere.</summary>
    private sealed class MissingRow(DataViewSchema schema) : DataViewRow
    {
        public override long Position => 0;

        public override long Batch => 0;

        public override DataViewSchema Schema => schema;

        public override bool IsColumnActive(DataViewSchema.Column column) => true;

        public override ValueGetter<DataViewRowId> GetIdGetter() => (ref DataViewRowId id) => id = default;

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            int size = column.Type is VectorDataViewType vector ? vector.Size : 1;
            return (ValueGetter<TValue>)(Delegate)(typeof(TValue) switch
            {
                var type when type == typeof(float) => (ValueGetter<float>)((ref float value) => value = float.NaN),
                var type when type == typeof(double) => (ValueGetter<double>)((ref double value) => value = double.NaN),
                var type when type == typeof(VBuffer<float>) => (ValueGetter<VBuffer<float>>)((ref VBuffer<float> value) => value = new VBuffer<float>(size, Enumerable.Repeat(float.NaN, size).ToArray())),
                var type when type == typeof(VBuffer<double>) => (ValueGetter<VBuffer<double>>)((ref VBuffer<double> value) => value = new VBuffer<double>(size, Enumerable.Repeat(double.NaN, size).ToArray())),
                _ => (ValueGetter<TValue>)((ref TValue value) => value = default!),
            });
        }
    }
}
