using Microsoft.ML;

namespace MlNetNeural.Scoring;

/// <summary>
/// What an MLP transformer's Transform returns: the input rows plus the score columns, computed lazily. A cursor that
/// reads a score column is scored in blocks (<see cref="BlockScoringCursor"/>) from its one cursor over the source, which
/// is several times faster per row than one-row products; a cursor that reads no score column, or an input column a
/// block cannot hold, is served row by row. PredictionEngine scores row by row. The values are the same either way.
/// </summary>
internal sealed class ScoredDataView(IDataView source, MlpRowMapper mapper) : MappedDataView(source, mapper)
{
    private protected override DataViewRowCursor Wrap(DataViewRowCursor input, DataViewSchema.Column[] needed) =>
        mapper.NeedsScores(needed) && BlockScoringCursor.CanServe(mapper, needed)
            ? new BlockScoringCursor(input, mapper, needed)
            : base.Wrap(input, needed);
}
