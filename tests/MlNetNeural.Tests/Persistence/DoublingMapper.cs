using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Tests.Persistence;

/// <summary>Row-to-row mapper of <see cref="DoublingTransformer"/>: input columns pass through, "Doubled" is appended.</summary>
internal sealed class DoublingMapper : IRowToRowMapper
{
    private readonly DoublingTransformer _transformer;
    private readonly DataViewSchema.Column _input;

    public DoublingMapper(DoublingTransformer transformer, DataViewSchema inputSchema)
    {
        _transformer = transformer;
        InputSchema = inputSchema;
        var found = inputSchema.GetColumnOrNull(transformer.InputColumn)
            ?? throw new ArgumentException($"Input column '{transformer.InputColumn}' not found.", nameof(inputSchema));
        if (found.Type is not VectorDataViewType { ItemType: NumberDataViewType itemType } vectorType || itemType.RawType != typeof(float))
            throw new ArgumentException($"Column '{found.Name}' must be a vector of Single, not {found.Type}.", nameof(inputSchema));
        _input = found;

        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema);
        builder.AddColumn(DoublingTransformer.OutputColumn, new VectorDataViewType(NumberDataViewType.Single, vectorType.Size));
        OutputSchema = builder.ToSchema();
    }

    public DataViewSchema InputSchema { get; }

    public DataViewSchema OutputSchema { get; }

    private int OutputIndex => InputSchema.Count;

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
    {
        var needed = new HashSet<int>();
        foreach (var column in dependingColumns)
            needed.Add(column.Index == OutputIndex ? _input.Index : column.Index);
        return needed.Select(index => InputSchema[index]);
    }

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns) =>
        new DoublingRow(this, input, activeColumns.Any(c => c.Index == OutputIndex));

    private sealed class DoublingRow(DoublingMapper mapper, DataViewRow input, bool outputActive) : DataViewRow
    {
        public override DataViewSchema Schema => mapper.OutputSchema;

        public override long Position => input.Position;

        public override long Batch => input.Batch;

        public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) =>
            column.Index == mapper.OutputIndex ? outputActive : input.IsColumnActive(mapper.InputSchema[column.Index]);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (column.Index != mapper.OutputIndex)
                return input.GetGetter<TValue>(mapper.InputSchema[column.Index]);
            if (!outputActive)
                throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created.");
            if (typeof(TValue) != typeof(VBuffer<float>))
                throw new InvalidOperationException($"Column '{column.Name}' holds VBuffer<Single>, not {typeof(TValue).Name}.");

            var source = input.GetGetter<VBuffer<float>>(mapper._input);
            var buffer = default(VBuffer<float>);
            float factor = mapper._transformer.Factor;
            ValueGetter<VBuffer<float>> getter = (ref VBuffer<float> value) =>
            {
                source(ref buffer);
                var editor = VBufferEditor.Create(ref value, buffer.Length);
                int i = 0;
                foreach (float x in buffer.DenseValues())
                    editor.Values[i++] = factor * x;
                value = editor.Commit();
            };
            return (ValueGetter<TValue>)(Delegate)getter;
        }
    }
}
