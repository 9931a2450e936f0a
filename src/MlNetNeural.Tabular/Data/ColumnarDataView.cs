using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Tabular;

/// <summary>A read-only ML.NET data view over in-memory columns (float[] or ReadOnlyMemory&lt;char&gt;[]) and a list of the rows to show.</summary>
internal sealed class ColumnarDataView : IDataView
{
    private readonly Array[] _columns;
    private readonly int[] _rows;

    public ColumnarDataView(DataViewSchema schema, Array[] columns, int[] rows)
    {
        Schema = schema;
        _columns = columns;
        _rows = rows;
    }

    public DataViewSchema Schema { get; }

    public bool CanShuffle => false;

    public long? GetRowCount() => _rows.Length;

    public DataViewRowCursor GetRowCursor(IEnumerable<DataViewSchema.Column> columnsNeeded, Random? rand = null) =>
        new Cursor(this, columnsNeeded);

    public DataViewRowCursor[] GetRowCursorSet(IEnumerable<DataViewSchema.Column> columnsNeeded, int n, Random? rand = null) =>
        [GetRowCursor(columnsNeeded, rand)];

    private sealed class Cursor : DataViewRowCursor
    {
        private readonly ColumnarDataView _view;
        private readonly bool[] _active;
        private long _position = -1;

        public Cursor(ColumnarDataView view, IEnumerable<DataViewSchema.Column> columnsNeeded)
        {
            _view = view;
            _active = new bool[view.Schema.Count];
            foreach (var column in columnsNeeded) _active[column.Index] = true;
        }

        public override DataViewSchema Schema => _view.Schema;

        public override long Position => _position;

        public override long Batch => 0;

        public override bool IsColumnActive(DataViewSchema.Column column) => _active[column.Index];

        public override bool MoveNext()
        {
            if (_position + 1 >= _view._rows.Length) { _position = _view._rows.Length; return false; }
            _position++;
            return true;
        }

        public override ValueGetter<DataViewRowId> GetIdGetter() =>
            (ref DataViewRowId value) => value = new DataViewRowId((ulong)_position, 0);

        public override ValueGetter<TValue> GetGetter<TValue>(DataViewSchema.Column column)
        {
            if (!_active[column.Index])
                throw new InvalidOperationException($"Column '{column.Name}' was not requested when the cursor was created.");
            if (_view._columns[column.Index] is not TValue[] values)
                throw new InvalidOperationException($"Column '{column.Name}' holds {column.Type}, not {typeof(TValue).Name}.");
            int[] rows = _view._rows;
            return (ref TValue value) => value = values[rows[_position]];
        }
    }
}
