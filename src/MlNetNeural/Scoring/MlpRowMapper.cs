using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Core.Layers;
using MlNetNeural.Data;

namespace MlNetNeural.Scoring;

/// <summary>
/// Maps rows of an input schema to the same rows plus a head's output columns. Each row is scored
/// once, on first use of any output column, without allocating per row.
/// </summary>
internal sealed class MlpRowMapper : IRowToRowMapper
{
    private readonly HeadColumn[] _outputs;

    public MlpRowMapper(Network network, PredictionHead head, string featureColumnName, DataViewSchema inputSchema)
    {
        Network = network;
        InputSchema = inputSchema;
        Feature = Data.FeatureColumn.Find(inputSchema, featureColumnName);
        if (Feature.Size != network.InputSize)
            throw SchemaChecks.Mismatch("feature", featureColumnName, $"Vector<Single, {network.InputSize}>", Feature.Column.Type,
                $"The model was trained on {network.InputSize} features; the data must go through the same transforms before scoring.");
        _outputs = head.Columns(inputSchema).ToArray();
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema);
        foreach (var output in _outputs) builder.AddColumn(output.Name, output.Type, output.Annotations);
        OutputSchema = builder.ToSchema();
    }

    public DataViewSchema InputSchema { get; }

    public DataViewSchema OutputSchema { get; }

    internal Network Network { get; }

    internal FeatureColumn Feature { get; }

    internal DataViewSchema.Column FeatureColumn => Feature.Column;

    private bool IsOutput(DataViewSchema.Column column) => column.Index >= InputSchema.Count;

    /// <summary>True when any of <paramref name="columns"/> is a score column (so the network must run).</summary>
    internal bool NeedsScores(IEnumerable<DataViewSchema.Column> columns) => columns.Any(IsOutput);

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
    {
        var needed = new SortedSet<int>();
        foreach (var column in dependingColumns) needed.Add(IsOutput(column) ? Feature.Column.Index : column.Index);
        return needed.Select(index => InputSchema[index]);
    }

    public DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns) => CreateRow(input, activeColumns, null);

    /// <summary>
    /// A mapped row over <paramref name="input"/>; with <paramref name="featureLookahead"/> (an unshuffled cursor
    /// over the same source, reading only the feature column) rows are scored in batches.
    /// </summary>
    internal DataViewRow CreateRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns, DataViewRowCursor? featureLookahead)
    {
        var active = new bool[_outputs.Length];
        foreach (var column in activeColumns) if (IsOutput(column)) active[column.Index - InputSchema.Count] = true;
        RowScores? scores = !active.Any(a => a) ? null
            : featureLookahead is null ? new SingleRowScores(this, input)
            : new BatchedRowScores(this, input, featureLookahead, ScoredDataView.BatchSize);
        return new ScoredRow(this, input, active, scores);
    }

    /// <summary>The exception for a non-finite feature met while scoring.</summary>
    internal InvalidOperationException NonFiniteFeature(long row, ReadOnlySpan<float> features)
    {
        int slot = IndexOfNonFinite(features);
        string name = SlotNames.Of(Feature.Column, slot) is { } slotName ? $" ('{slotName}')" : "";
        return new InvalidOperationException(
            $"Row {row} of feature column '{Feature.Column.Name}' has {features[slot]} in slot {slot}{name}. " +
            "Replace missing values (ml.Transforms.ReplaceMissingValues) the same way as for training.");
    }

    internal static int IndexOfNonFinite(ReadOnlySpan<float> values)
    {
        for (int i = 0; i < values.Length; i++) if (!float.IsFinite(values[i])) return i;
        return -1;
    }

    /// <summary>A row that passes input columns through and serves the outputs from its score source.</summary>
    private sealed class ScoredRow(MlpRowMapper mapper, DataViewRow input, bool[] active, RowScores? scores) : DataViewRow
    {
        public override DataViewSchema Schema => mapper.OutputSchema;

        public override long Position => input.Position;

        public override long Batch => input.Batch;

        public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) =>
            mapper.IsOutput(column) ? active[column.Index - mapper.InputSchema.Count] : input.IsColumnActive(mapper.InputSchema[column.Index]);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!mapper.IsOutput(column)) return input.GetGetter<TValue>(mapper.InputSchema[column.Index]);
            int index = column.Index - mapper.InputSchema.Count;
            if (!active[index]) throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created.");
            var output = mapper._outputs[index];
            return output.CreateGetter(scores!.Current) as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' holds {output.Type.RawType.Name}, not {typeof(TValue).Name}.");
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing) scores?.Dispose();
            base.Dispose(disposing);
        }
    }
}
