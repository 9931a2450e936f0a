namespace MlNetNeural.Core.Kernels;

/// <summary>
/// A sparse matrix in compressed sparse row form: for each row, the columns of its stored entries (ascending) and their
/// values. The structure (which entries exist) is fixed; the values may change in place, e.g. while training.
/// </summary>
public sealed class CsrMatrix
{
    private readonly int[] _rowStarts;
    private readonly int[] _columns;

    /// <summary>Wraps a structure and its values after checking them (the arrays are used in place, not copied).</summary>
    /// <param name="rows">Rows, at least 1.</param>
    /// <param name="columns">Columns, at least 1.</param>
    /// <param name="rowStarts">rows + 1 offsets into the entries: row r holds entries rowStarts[r] to rowStarts[r + 1] − 1; starts at 0, never decreases.</param>
    /// <param name="columnIndices">The column of each entry, ascending within a row, each in [0, columns).</param>
    /// <param name="values">The value of each entry.</param>
    public CsrMatrix(int rows, int columns, int[] rowStarts, int[] columnIndices, float[] values)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        ArgumentNullException.ThrowIfNull(rowStarts);
        ArgumentNullException.ThrowIfNull(columnIndices);
        ArgumentNullException.ThrowIfNull(values);
        if (rowStarts.Length != rows + 1 || rowStarts[0] != 0 || rowStarts[rows] != columnIndices.Length)
            throw new ArgumentException($"The row starts must be {rows + 1} offsets from 0 to the entry count {columnIndices.Length}.", nameof(rowStarts));
        if (values.Length != columnIndices.Length)
            throw new ArgumentException($"There are {columnIndices.Length} column indices but {values.Length} values; give one value per entry.", nameof(values));
        for (int row = 0; row < rows; row++)
        {
            if (rowStarts[row + 1] < rowStarts[row]) throw new ArgumentException($"Row {row} ends before it starts.", nameof(rowStarts));
            for (int j = rowStarts[row]; j < rowStarts[row + 1]; j++)
            {
                int column = columnIndices[j];
                if (column < 0 || column >= columns || (j > rowStarts[row] && column <= columnIndices[j - 1]))
                    throw new ArgumentException($"Entry {j} of row {row} has column {column}; columns must be in [0, {columns}) and ascending within a row.", nameof(columnIndices));
            }
        }
        Rows = rows;
        Columns = columns;
        _rowStarts = rowStarts;
        _columns = columnIndices;
        Values = values;
    }

    /// <summary>The stored entries of a dense row-major matrix: every value that is not zero.</summary>
    /// <param name="dense">rows × columns values, row-major.</param>
    /// <param name="rows">Rows.</param>
    /// <param name="columns">Columns.</param>
    public static CsrMatrix FromDense(ReadOnlySpan<float> dense, int rows, int columns)
    {
        if (dense.Length != (long)rows * columns)
            throw new ArgumentException($"The dense matrix holds {dense.Length} values, not {rows} × {columns}.", nameof(dense));
        var rowStarts = new int[rows + 1];
        int count = 0;
        foreach (float value in dense) if (value != 0f) count++;
        var columnIndices = new int[count];
        var values = new float[count];
        int next = 0;
        for (int row = 0; row < rows; row++)
        {
            for (int column = 0; column < columns; column++)
            {
                float value = dense[row * columns + column];
                if (value == 0f) continue;
                columnIndices[next] = column;
                values[next++] = value;
            }
            rowStarts[row + 1] = next;
        }
        return new CsrMatrix(rows, columns, rowStarts, columnIndices, values);
    }

    /// <summary>Rows.</summary>
    public int Rows { get; }

    /// <summary>Columns.</summary>
    public int Columns { get; }

    /// <summary>rows + 1 offsets into the entries.</summary>
    public ReadOnlySpan<int> RowStarts => _rowStarts;

    /// <summary>The column of each entry.</summary>
    public ReadOnlySpan<int> ColumnIndices => _columns;

    /// <summary>The value of each entry (may be changed in place; the structure may not).</summary>
    public float[] Values { get; }

    /// <summary>Stored entries.</summary>
    public int NonZeroCount => _columns.Length;

    /// <summary>Stored entries as a fraction of rows × columns.</summary>
    public double Density => (double)NonZeroCount / ((long)Rows * Columns);

    /// <summary>Writes the matrix as dense row-major values (zeros where nothing is stored).</summary>
    /// <param name="destination">rows × columns values.</param>
    public void ToDense(Span<float> destination)
    {
        destination = destination.Slice(0, Rows * Columns);
        destination.Clear();
        for (int row = 0; row < Rows; row++)
        {
            Span<float> target = destination.Slice(row * Columns, Columns);
            for (int j = _rowStarts[row]; j < _rowStarts[row + 1]; j++) target[_columns[j]] = Values[j];
        }
    }

    /// <summary>Copies the entries of a dense row-major matrix at this matrix's positions into <paramref name="values"/> (one per entry).</summary>
    /// <param name="dense">rows × columns values.</param>
    /// <param name="values">Destination, one value per stored entry.</param>
    public void GatherFrom(ReadOnlySpan<float> dense, Span<float> values)
    {
        for (int row = 0; row < Rows; row++)
        {
            ReadOnlySpan<float> source = dense.Slice(row * Columns, Columns);
            for (int j = _rowStarts[row]; j < _rowStarts[row + 1]; j++) values[j] = source[_columns[j]];
        }
    }
}
