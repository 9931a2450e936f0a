using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Core.Training;

namespace MlNetNeural.Data;

/// <summary>Reads the target of the current row as a float (class index, 0/1, or value), throwing with the row number when it is unusable.</summary>
internal delegate float TargetReader(long row);

/// <summary>
/// Reads an IDataView once into contiguous arrays (features row-major, targets, weights), with errors
/// that name the column, row and slot of any unusable value.
/// </summary>
internal static class TrainingDataReader
{
    public static TrainingData Read(IDataView data, FeatureColumn feature, DataViewSchema.Column label,
        DataViewSchema.Column? weight, Func<DataViewRow, TargetReader> createTargetReader, string role)
    {
        long rows = data.GetRowCount() ?? CountRows(data);
        if (rows == 0) throw new ArgumentException($"The {role} data has no rows.", nameof(data));
        long values = rows * feature.Size;
        if (values > Array.MaxLength)
            throw new ArgumentException($"The {role} data has {rows} rows of {feature.Size} features, more than one array holds ({Array.MaxLength} values).", nameof(data));

        var features = new float[values];
        var targets = new float[rows];
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
            var destination = features.AsSpan(row * feature.Size, feature.Size);
            reader.Read(destination);
            CheckFinite(destination, feature.Column, row);
            targets[row] = target(row);
            if (weightGetter is not null)
            {
                float value = 0;
                weightGetter(ref value);
                if (!(float.IsFinite(value) && value >= 0f))
                    throw new InvalidOperationException($"Row {row} of example weight column '{weight!.Value.Name}' is {value}; weights must be finite and not negative.");
                weights![row] = value;
            }
            row++;
        }
        if (row != rows) throw new InvalidOperationException($"The {role} data reported {rows} rows but returned {row}.");
        return new TrainingData(features, feature.Size, targets, 1, weights);
    }

    private static void CheckFinite(ReadOnlySpan<float> values, DataViewSchema.Column column, int row)
    {
        for (int slot = 0; slot < values.Length; slot++)
        {
            if (float.IsFinite(values[slot])) continue;
            string name = SlotNames.Of(column, slot) is { } slotName ? $" ('{slotName}')" : "";
            throw new InvalidOperationException(
                $"Row {row} of feature column '{column.Name}' has {values[slot]} in slot {slot}{name}. The MLP needs finite features: " +
                "replace missing values first (ml.Transforms.ReplaceMissingValues, optionally with ml.Transforms.IndicateMissingValues) or filter the rows out.");
        }
    }

    private static long CountRows(IDataView data)
    {
        long count = 0;
        using var cursor = data.GetRowCursor([]);
        while (cursor.MoveNext()) count++;
        return count;
    }
}
