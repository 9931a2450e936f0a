using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Core.Layers;
using MlNetNeural.Data;

namespace MlNetNeural.Scoring;

/// <summary>A column a <see cref="NetworkRowMapper"/> appends to its input schema.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Type">Column type.</param>
/// <param name="Annotations">Column annotations, or null for none.</param>
internal sealed record AppendedColumn(string Name, DataViewType Type, DataViewSchema.Annotations? Annotations);

/// <summary>
/// Base of the row mappers that append columns computed by a network from the feature column: checks the
/// feature column against the network, builds the output schema (the input columns, then the appended
/// ones), reports dependencies, and provides the row that passes input columns through.
/// </summary>
internal abstract class NetworkRowMapper : IRowToRowMapper
{
    private protected NetworkRowMapper(Network network, string featureColumnName, DataViewSchema inputSchema, IEnumerable<AppendedColumn> appended)
    {
        Network = network;
        InputSchema = inputSchema;
        Feature = Data.FeatureColumn.Find(inputSchema, featureColumnName, network.InputSize);
        var builder = new DataViewSchema.Builder();
        builder.AddColumns(inputSchema);
        foreach (var column in appended) builder.AddColumn(column.Name, column.Type, column.Annotations);
        OutputSchema = builder.ToSchema();
    }

    public DataViewSchema InputSchema { get; }

    public DataViewSchema OutputSchema { get; }

    internal Network Network { get; }

    internal FeatureColumn Feature { get; }

    /// <summary>True when <paramref name="column"/> is one of the appended columns.</summary>
    private protected bool IsOutput(DataViewSchema.Column column) => column.Index >= InputSchema.Count;

    /// <summary>True when any of <paramref name="columns"/> is an appended column (so the network must run).</summary>
    internal bool NeedsScores(IEnumerable<DataViewSchema.Column> columns) => columns.Any(IsOutput);

    public IEnumerable<DataViewSchema.Column> GetDependencies(IEnumerable<DataViewSchema.Column> dependingColumns)
    {
        var needed = new SortedSet<int>();
        foreach (var column in dependingColumns) needed.Add(IsOutput(column) ? Feature.Column.Index : column.Index);
        return needed.Select(index => InputSchema[index]);
    }

    public abstract DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns);

    /// <summary>For each appended column, whether it is among <paramref name="activeColumns"/>.</summary>
    private protected bool[] ActiveOutputs(IEnumerable<DataViewSchema.Column> activeColumns)
    {
        var active = new bool[OutputSchema.Count - InputSchema.Count];
        foreach (var column in activeColumns) if (IsOutput(column)) active[column.Index - InputSchema.Count] = true;
        return active;
    }

    /// <summary>Throws, naming the row, slot and feature, when <paramref name="features"/> holds a NaN or infinity.</summary>
    internal void CheckFinite(long row, ReadOnlySpan<float> features) => Feature.CheckFinite(row, features);

    /// <summary>The error for row <paramref name="row"/>, naming its slot and feature, when <paramref name="features"/> holds a NaN or infinity; otherwise null.</summary>
    internal Exception? NonFiniteFeatureError(long row, ReadOnlySpan<float> features) => Feature.NonFiniteError(row, features);

    /// <summary>A row that passes input columns through and serves the appended columns through <see cref="CreateOutputGetter"/>.</summary>
    private protected abstract class AppendedColumnsRow(NetworkRowMapper mapper, DataViewRow input, bool[] active) : DataViewRow
    {
        protected DataViewRow Input => input;

        public override DataViewSchema Schema => mapper.OutputSchema;

        public override long Position => input.Position;

        public override long Batch => input.Batch;

        public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

        public override bool IsColumnActive(DataViewSchema.Column column) =>
            mapper.IsOutput(column) ? active[column.Index - mapper.InputSchema.Count] : input.IsColumnActive(mapper.InputSchema[column.Index]);

        public sealed override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!mapper.IsOutput(column)) return input.GetGetter<TValue>(mapper.InputSchema[column.Index]);
            int index = column.Index - mapper.InputSchema.Count;
            if (!active[index]) throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created.");
            return CreateOutputGetter(index, column) as ValueGetter<TValue>
                ?? throw new InvalidOperationException($"Column '{column.Name}' holds {column.Type.RawType.Name}, not {typeof(TValue).Name}.");
        }

        /// <summary>The value getter of appended column <paramref name="index"/>.</summary>
        protected abstract Delegate CreateOutputGetter(int index, DataViewSchema.Column column);
    }
}
