using Microsoft.ML;

namespace MlNetNeural.Scoring;

/// <summary>
/// What an MLP transformer's Transform returns: the input rows plus the score columns, computed lazily.
/// An unshuffled cursor that reads a score column is scored in batches: a second cursor over the
/// same source reads the feature column ahead, and the network runs on blocks of rows, which is several
/// times faster per row than one-row products. Shuffled cursors, and PredictionEngine, score row by row.
/// </summary>
internal sealed class ScoredDataView(IDataView source, MlpRowMapper mapper) : MappedDataView(source, mapper)
{
    /// <summary>Rows scored per forward pass on the batched path.</summary>
    public const int BatchSize = 64;

    private protected override DataViewRow CreateRow(DataViewRowCursor input, DataViewSchema.Column[] needed, Random? rand)
    {
        var lookahead = rand is null && mapper.NeedsScores(needed) ? Source.GetRowCursor([mapper.FeatureColumn], null) : null;
        return mapper.CreateRow(input, needed, lookahead);
    }
}
