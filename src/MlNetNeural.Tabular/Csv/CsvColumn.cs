namespace MlNetNeural.Tabular;

/// <summary>One column of a <see cref="CsvTable"/>: its name and its raw values (null where missing).</summary>
public sealed class CsvColumn
{
    private readonly string?[] _values;

    internal CsvColumn(string name, int index, string?[] values)
    {
        Name = name;
        Index = index;
        _values = values;
        MissingCount = values.Count(v => v is null);
    }

    /// <summary>The column's name: the header text, made unique (a repeated name gets <c>_2</c>, <c>_3</c>, ...; an empty one becomes <c>ColumnN</c>), or <c>ColumnN</c> without a header.</summary>
    public string Name { get; }

    /// <summary>The 0-based position of the column in the file.</summary>
    public int Index { get; }

    /// <summary>The values, one per data row, trimmed; null where the field is missing (see <see cref="CsvFormat.MissingTokens"/>).</summary>
    public IReadOnlyList<string?> Values => _values;

    /// <summary>How many values are missing.</summary>
    public int MissingCount { get; }

    /// <summary>The value in data row <paramref name="row"/> (0-based), or null where missing.</summary>
    /// <param name="row">A 0-based data row.</param>
    public string? this[int row] => _values[row];

    /// <inheritdoc />
    public override string ToString() => Name;
}
