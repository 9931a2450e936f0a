using Microsoft.ML;

namespace MlNetNeural.Scoring;

/// <summary>
/// What an MLP transformer's Transform returns: the input rows plus the score columns, computed lazily.
/// An unshuffled cursor that reads a score column is scored in batches: a second cursor over the
/// same source reads the feature column ahead, and the network runs on blocks of rows, which is several
/// times faster per row than one-row products. Shuffled cursors, and PredictionEngine, score row by row.
/// </summary>
internal sealed class ScoredDataView(IDataView source, MlpRowMapper mapper) : IDataView
{
    /// <summary>Rows scored per forward pass on the batched path.</summary>
    public const int BatchSize = 64;

    public bool CanShuffle => source.CanShuffle;

    public DataViewSchema Schema => mapper.OutputSchema;

    public long? GetRowCount() => source.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToArray();
        var input = source.GetRowCursor(mapper.GetDependencies(needed), rand);
        var lookahead = rand is null && mapper.NeedsScores(needed) ? source.GetRowCursor([mapper.FeatureColumn], null) : null;
        return new MappedCursor(input, mapper.CreateRow(input, needed, lookahead));
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}
