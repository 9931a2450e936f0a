using Microsoft.ML;
using MlNetNeural.Core.Layers;

namespace MlNetNeural.Scoring;

/// <summary>
/// Maps rows of an input schema to the same rows plus a task's score columns. A row from <see cref="GetRow"/> is
/// scored once, on first use of any score column, without allocating per row (PredictionEngine's path);
/// <see cref="ScoredDataView"/> scores whole cursors in blocks.
/// </summary>
internal sealed class MlpRowMapper : NetworkRowMapper
{
    public MlpRowMapper(Network network, IReadOnlyList<HeadColumn> outputs, string featureColumnName, DataViewSchema inputSchema)
        : base(network, featureColumnName, inputSchema, outputs.Select(o => new AppendedColumn(o.Name, o.Type, o.Annotations)))
    {
        Outputs = outputs.ToArray();
    }

    /// <summary>The task's output columns, in the order they follow the input columns.</summary>
    internal IReadOnlyList<HeadColumn> Outputs { get; }

    public override DataViewRow GetRow(DataViewRow input, IEnumerable<DataViewSchema.Column> activeColumns)
    {
        var active = ActiveOutputs(activeColumns);
        return new ScoredRow(this, input, active, active.Any(a => a) ? new SingleRowScores(this, input) : null);
    }

    /// <summary>Serves the task's columns from the row's scores.</summary>
    private sealed class ScoredRow(MlpRowMapper mapper, DataViewRow input, bool[] active, SingleRowScores? scores) : AppendedColumnsRow(mapper, input, active)
    {
        protected override Delegate CreateOutputGetter(int index, DataViewSchema.Column column) => mapper.Outputs[index].CreateGetter(scores!.Current);
    }
}
