using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Scoring;

/// <summary>The lazily mapped data view a row-to-row transformer returns from <see cref="ITransformer.Transform"/>.</summary>
internal sealed class MappedDataView(IDataView source, IRowToRowMapper mapper) : IDataView
{
    public bool CanShuffle => source.CanShuffle;

    public DataViewSchema Schema => mapper.OutputSchema;

    public long? GetRowCount() => source.GetRowCount();

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null)
    {
        var needed = columnsNeeded.ToArray();
        var input = source.GetRowCursor(mapper.GetDependencies(needed), rand);
        return new MappedCursor(input, mapper.GetRow(input, needed));
    }

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];
}
