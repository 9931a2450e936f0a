using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Tabular;

namespace MlNetNeural.Cli.Output;

/// <summary>
/// The output of <c>mlnn predict</c>: the input rows as they were (same separator and decimal mark; missing values empty)
/// with the model's columns appended; names that collide with an input column get <c>_2</c>, <c>_3</c>, ...
/// </summary>
internal static class PredictionsCsv
{
    /// <summary>The columns predict adds for a label: binary PredictedLabel, Probability, Score; multiclass PredictedLabel and Score.CLASS per class; regression Score.</summary>
    public static IReadOnlyList<string> AddedColumns(LabelDecision label) => label.Task switch
    {
        TabularTask.BinaryClassification => ["PredictedLabel", "Probability", "Score"],
        TabularTask.MulticlassClassification => ["PredictedLabel", .. label.Classes.Select(c => $"Score.{c}")],
        _ => ["Score"],
    };

    /// <summary>Writes the file; returns the names of the columns it added (renamed where the file had a column of that name).</summary>
    public static IReadOnlyList<string> Write(string path, CsvTable table, IDataView scored, LabelDecision label)
    {
        var added = Predictions(scored, label);
        var format = table.Format;
        var taken = table.Columns.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var names = AddedColumns(label).Select(name => Unique(name, taken)).ToList();
        TextFiles.Write(path, writer =>
        {
            WriteRecord(writer, format, [.. table.Columns.Select(c => c.Name), .. names]);
            for (int row = 0; row < table.RowCount; row++)
                WriteRecord(writer, format, [.. table.Columns.Select(c => c[row] ?? ""), .. added[row].Select(v => Number(v, format) ?? v)]);
        }, format.Encoding); // the input's encoding (e.g. Windows-1252 from Excel), so the program that wrote it reads it back
        return names;
    }

    // One string per added column and row: class names as text, numbers in invariant form (converted to the file's decimal mark when written).
    private static List<string[]> Predictions(IDataView scored, LabelDecision label)
    {
        var rows = new List<string[]>();
        var schema = scored.Schema;
        using var cursor = scored.GetRowCursor(schema.Where(c => c.Name is "PredictedLabel" or "Score" or "Probability"));
        switch (label.Task)
        {
            case TabularTask.BinaryClassification:
            {
                var predicted = cursor.GetGetter<bool>(schema["PredictedLabel"]);
                var probability = cursor.GetGetter<float>(schema["Probability"]);
                var score = cursor.GetGetter<float>(schema["Score"]);
                bool p = false;
                float prob = 0, s = 0;
                while (cursor.MoveNext())
                {
                    predicted(ref p);
                    probability(ref prob);
                    score(ref s);
                    rows.Add([p ? label.PositiveClass! : label.NegativeClass!, Invariant(prob), Invariant(s)]);
                }
                break;
            }
            case TabularTask.MulticlassClassification:
            {
                var predicted = cursor.GetGetter<uint>(schema["PredictedLabel"]);
                var score = cursor.GetGetter<VBuffer<float>>(schema["Score"]);
                uint key = 0;
                var scores = default(VBuffer<float>);
                while (cursor.MoveNext())
                {
                    predicted(ref key);
                    score(ref scores);
                    rows.Add([key == 0 ? "" : label.Classes[(int)key - 1], .. scores.DenseValues().Select(Invariant)]);
                }
                break;
            }
            default:
            {
                var score = cursor.GetGetter<float>(schema["Score"]);
                float s = 0;
                while (cursor.MoveNext())
                {
                    score(ref s);
                    rows.Add([Invariant(s)]);
                }
                break;
            }
        }
        return rows;
    }

    private static string Invariant(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    // A number the tool wrote, in the file's decimal mark; null for text (class names are written as they are).
    private static string? Number(string value, CsvFormat format) =>
        float.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _) && format.DecimalMark != '.' ? value.Replace('.', format.DecimalMark) : null;

    /// <summary><paramref name="name"/>, or <c>name_2</c>, <c>name_3</c> ... the first not in <paramref name="taken"/>, which it joins.</summary>
    internal static string Unique(string name, HashSet<string> taken)
    {
        string unique = name;
        for (int k = 2; !taken.Add(unique); k++) unique = $"{name}_{k}";
        return unique;
    }

    private static void WriteRecord(TextWriter writer, CsvFormat format, IReadOnlyList<string> fields)
    {
        for (int i = 0; i < fields.Count; i++)
        {
            if (i > 0) writer.Write(format.Separator);
            writer.Write(Field(fields[i], format));
        }
        writer.Write('\n');
    }

    // RFC 4180: quoted when it holds the separator, the quote, a line break, or spaces at either end (which a reader trims); quotes doubled.
    private static string Field(string value, CsvFormat format)
    {
        bool quote = value.IndexOfAny([format.Separator, format.Quote, '\n', '\r']) >= 0 || (value.Length > 0 && (value[0] == ' ' || value[^1] == ' '));
        return quote ? $"{format.Quote}{value.Replace(format.Quote.ToString(), $"{format.Quote}{format.Quote}")}{format.Quote}" : value;
    }
}
