using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Scoring;

/// <summary>
/// The lazily mapped data view a row-to-row transformer returns from <see cref="ITransformer.Transform"/>:
/// each cursor moves a cursor over the source and serves the mapper's row built on it.
/// </summary>
internal class MappedDataView(IDataView source, IRowToRowMapper mapper) : IDataView
{
    public bool CanShuffle => source.CanShuffle;

    public DataViewSchema Schema => mapper.OutputSchema;

    public long? GetRowCount() => source.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToArray();
        var input = source.GetRowCursor(mapper.GetDependencies(needed), rand);
        return new MappedCursor(input, CreateRow(input, needed, rand));
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    /// <summary>The mapped row over <paramref name="input"/> for a cursor with the given columns and shuffling.</summary>
    private protected virtual DataViewRow CreateRow(DataViewRowCursor input, DataViewSchema.Column[] needed, Random? rand) =>
        mapper.GetRow(input, needed);

    /// <summary>The data this view maps.</summary>
    private protected IDataView Source => source;
}
