using Microsoft.ML;
using Microsoft.ML.Data;

namespace MedicalImaging.Tabular;

/// <summary>Reads what ML.NET's text loader needs to know about a comma-separated file before loading it.</summary>
public static class CsvTable
{
    /// <summary>
    /// The column names of <paramref name="path"/>'s header line, parsed by ML.NET's TextLoader (so quoting follows the
    /// same rules as the data): the first line is read as data into one variable-length text vector.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is empty.</exception>
    public static string[] Header(MLContext ml, string path)
    {
        var source = new MultiFileSource(path);
        var loader = ml.Data.CreateTextLoader(new TextLoader.Options
        {
            Columns = [new TextLoader.Column("Fields", DataKind.String, [new TextLoader.Range(0, null) { VariableEnd = true }])],
            Separators = [','],
            HasHeader = false,
            AllowQuoting = true,
        }, dataSample: source);
        var lines = loader.Load(source);
        using var cursor = lines.GetRowCursor(lines.Schema);
        if (!cursor.MoveNext()) throw new InvalidDataException($"'{path}' is empty; a header line with the column names is expected.");
        var fields = default(VBuffer<ReadOnlyMemory<char>>);
        cursor.GetGetter<VBuffer<ReadOnlyMemory<char>>>(lines.Schema["Fields"])(ref fields);
        return fields.DenseValues().Select(field => field.ToString()).ToArray();
    }
}
