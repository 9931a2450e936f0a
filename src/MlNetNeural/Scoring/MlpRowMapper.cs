using Microsoft.ML;
using MlNetNeural.Core.Layers;

namespace MlNetNeural.Scoring;

/// <summary>
/// Maps rows of an input schema to the same rows plus a task's score columns. Each row is
/// scored once, on first use of any score column, without allocating per row.
/// </summary>
internal sealed class MlpRowMapper : NetworkRowMapper
{
    private readonly HeadColumn[] _outputs;

    public MlpRowMapper(Network network, IReadOnlyList<HeadColumn> outputs, string featureColumnName, DataViewSchema inputSchema)
        : base(network, featureColumnName, inputSchema, outputs.Select(o => new AppendedColumn(o.Name, o.Type, o.Annotations)))
    {
        _outputs = outputs.ToArray();
    }

    public override DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns) => CreateRow(input, activeColumns, null);

    /// <summary>
    /// A mapped row over <paramref name="input"/>; with <paramref name="featureLookahead"/> (an unshuffled cursor
    /// over the same source, reading only the feature column) rows are scored in batches.
    /// </summary>
    internal DataViewRow CreateRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns, DataViewRowCursor? featureLookahead)
    {
        var active = ActiveOutputs(activeColumns);
        RowScores? scores = !active.Any(a => a) ? null
            : featureLookahead is null ? new SingleRowScores(this, input)
            : new BatchedRowScores(this, input, featureLookahead, ScoredDataView.BatchSize);
        return new ScoredRow(this, input, active, scores);
    }

    /// <summary>Serves the task's columns from the row's score source.</summary>
    private sealed class ScoredRow(MlpRowMapper mapper, DataViewRow input, bool[] active, RowScores? scores) : AppendedColumnsRow(mapper, input, active)
    {
        protected override Delegate CreateOutputGetter(int index, DataViewSchema.Column column) => mapper._outputs[index].CreateGetter(scores!.Current);

        protected override void Dispose(bool disposing)
        {
            if (disposing) scores?.Dispose();
            base.Dispose(disposing);
        }
    }
}
