using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Scoring;

/// <summary>
/// The lazily mapped data view a row-to-row transformer returns from <see cref="ITransformer.Transform"/>:
/// each cursor moves one cursor over the source and serves the mapper's row built on it.
/// </summary>
internal class MappedDataView(IDataView source, IRowToRowMapper mapper) : IDataView
{
    public bool CanShuffle => source.CanShuffle;

    public DataViewSchema Schema => mapper.OutputSchema;

    public long? GetRowCount() => source.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToArray();
        return Wrap(source.GetRowCursor(mapper.GetDependencies(needed), rand), needed);
    }

    /// <summary>One mapped cursor per cursor the source splits into; each reads its own share of the rows once.</summary>
    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null)
    {
        var needed = columnsNeeded.ToArray();
        return source.GetRowCursorSet(mapper.GetDependencies(needed), n, rand).Select(input => Wrap(input, needed)).ToArray();
    }

    /// <summary>The cursor that serves <paramref name="needed"/> from <paramref name="input"/> (a cursor over the source with the mapper's dependencies active).</summary>
    private protected virtual DataViewRowCursor Wrap(DataViewRowCursor input, DataViewSchema.Column[] needed) =>
        new MappedCursor(input, mapper.GetRow(input, needed));
}
