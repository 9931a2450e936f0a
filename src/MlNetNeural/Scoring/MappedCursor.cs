using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Scoring;

/// <summary>A cursor that moves an input cursor and serves the columns of a mapped row built on it; disposes both.</summary>
internal sealed class MappedCursor(DataViewRowCursor input, DataViewRow mapped) : DataViewRowCursor
{
    public override DataViewSchema Schema => mapped.Schema;

    public override long Position => input.Position;

    public override long Batch => input.Batch;

    public override bool MoveNext() => input.MoveNext();

    public override ValueGetter<DataViewRowId> GetIdGetter() => input.GetIdGetter();

    public override bool IsColumnActive(DataViewSchema.Column column) => mapped.IsColumnActive(column);

    public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column) => mapped.GetGetter<TValue>(column);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            mapped.Dispose();
            input.Dispose();
        }
        base.Dispose(disposing);
    }
}
