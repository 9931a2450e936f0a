using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Core.Training;

namespace MlNetNeural.Data;

/// <summary>Writes the current row's targets into <paramref name="target"/>, throwing with the row number when the label cannot be read.</summary>
internal delegate void TargetReader(long row, Span<float> target);

/// <summary>
/// Reads an IDataView once into contiguous arrays (features row-major, targets, weights). The values are
/// checked once, by <see cref="TrainingData"/>; a refusal is reported here in the data's own terms: the
/// column, row and slot (with its name) of the unusable value.
/// </summary>
internal static class TrainingDataReader
{
    public static TrainingData Read(IDataView data, FeatureColumn feature, DataViewSchema.Column label, int targetWidth,
        DataViewSchema.Column? weight, Func<DataViewRow, TargetReader> createTargetReader, string role)
    {
        long rows = data.GetRowCount() ?? CountRows(data);
        if (rows == 0) throw new ArgumentException($"The {role} data has no rows.", nameof(data));
        long values = rows * feature.Size;
        if (values > Array.MaxLength)
            throw new ArgumentException($"The {role} data has {rows} rows of {feature.Size} features, more than one array holds ({Array.MaxLength} values).", nameof(data));

        var features = new float[values];
        var targets = new float[rows * targetWidth];
        var weights = weight is null ? null : new float[rows];
        var columns = new List<DataViewSchema.Column> { feature.Column, label };
        if (weight is { } weightColumn) columns.Add(weightColumn);

        using var cursor = data.GetRowCursor(columns);
        var reader = feature.CreateReader(cursor);
        var target = createTargetReader(cursor);
        var weightGetter = weight is { } w ? cursor.GetGetter<float>(w) : null;
        int row = 0;
        while (cursor.MoveNext())
        {
            if (row == rows) throw new InvalidOperationException($"The {role} data returned more rows than the {rows} it reported.");
            reader.Read(features.AsSpan(row * feature.Size, feature.Size), row);
            target(row, targets.AsSpan(row * targetWidth, targetWidth));
            if (weightGetter is not null)
            {
                float value = 0;
                weightGetter(ref value);
                weights![row] = value;
            }
            row++;
        }
        if (row != rows) throw new InvalidOperationException($"The {role} data reported {rows} rows but returned {row}.");
        try
        {
            return new TrainingData(features, feature.Size, targets, targetWidth, weights);
        }
        catch (InvalidTrainingDataException e) when (e.Part is TrainingDataPart.Feature)
        {
            string name = SlotNames.Of(feature.Column, e.Index) is { } slotName ? $" ('{slotName}')" : "";
            throw new InvalidOperationException(
                $"Row {e.Row} of {OfPart(role)}feature column '{feature.Column.Name}' has {e.Value} in slot {e.Index}{name}. The MLP needs finite features: " +
                "replace missing values first (ml.Transforms.ReplaceMissingValues, optionally with ml.Transforms.IndicateMissingValues) or filter the rows out.", e);
        }
        catch (InvalidTrainingDataException e) when (e.Part is TrainingDataPart.Weight)
        {
            throw new InvalidOperationException($"Row {e.Row} of {OfPart(role)}example weight column '{weight!.Value.Name}' is {e.Value}; {e.Requirement}.", e);
        }
    }

    // Which data a row is of, said where it is not the training data (a user reading "row 3" looks there first).
    private static string OfPart(string role) => role == TrainingRole ? "" : $"the {role} data's ";

    /// <summary>The role of the rows a trainer fits on, as the messages name them.</summary>
    public const string TrainingRole = "training";

    private static long CountRows(IDataView data)
    {
        long count = 0;
        using var cursor = data.GetRowCursor([]);
        while (cursor.MoveNext()) count++;
        return count;
    }
}
