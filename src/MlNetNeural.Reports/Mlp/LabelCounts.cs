using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using MlNetNeural.Models;
using MlNetNeural.Reports.Data;

namespace MlNetNeural.Reports.Mlp;

/// <summary>Counts the rows per class of a label column for a model card.</summary>
internal static class LabelCounts
{
    /// <summary>
    /// Rows per class: false/true (or 0/1) under the given names for binary models, key values for multiclass
    /// models, nothing for regression.
    /// </summary>
    public static IReadOnlyList<ClassCount> Count(IDataView data, string labelColumnName, MlpTask task, string positiveClassName, string negativeClassName)
    {
        if (task == MlpTask.Regression) return [];
        var label = data.Schema.GetColumnOrNull(labelColumnName)
            ?? throw new ArgumentException(
                $"The label column '{labelColumnName}' was not found in the training data. Columns present: {string.Join(", ", data.Schema.Select(c => $"'{c.Name}'"))}.",
                nameof(labelColumnName));
        return task == MlpTask.BinaryClassification
            ? CountBinary(data, label, positiveClassName, negativeClassName)
            : CountKeys(data, label);
    }

    private static IReadOnlyList<ClassCount> CountBinary(IDataView data, DataViewSchema.Column label, string positiveClassName, string negativeClassName)
    {
        long positives = 0, negatives = 0;
        if (label.Type == BooleanDataViewType.Instance)
        {
            foreach (var value in data.GetColumn<bool>(label)) _ = value ? positives++ : negatives++;
        }
        else if (label.Type == NumberDataViewType.Single)
        {
            foreach (var value in data.GetColumn<float>(label))
            {
                if (value == 1f) positives++;
                else if (value == 0f) negatives++;
            }
        }
        else
        {
            throw new ArgumentException(
                $"The binary label column '{label.Name}' is {label.Type}; the label balance can be counted for Boolean or 0/1 Single labels.",
                nameof(label));
        }
        return [new ClassCount(negativeClassName, negatives), new ClassCount(positiveClassName, positives)];
    }

    private static IReadOnlyList<ClassCount> CountKeys(IDataView data, DataViewSchema.Column label)
    {
        if (label.Type is not KeyDataViewType keyType || keyType.RawType != typeof(uint))
            throw new ArgumentException(
                $"The multiclass label column '{label.Name}' is {label.Type}; the label balance is counted for key-typed labels (map text labels with MapValueToKey).",
                nameof(label));
        var counts = new long[keyType.Count];
        foreach (var key in data.GetColumn<uint>(label))
            if (key >= 1 && key <= counts.Length) counts[key - 1]++;
        var names = ClassNames.KeyValues(label, counts.Length)
            ?? Enumerable.Range(0, counts.Length).Select(index => index.ToString(CultureInfo.InvariantCulture)).ToArray();
        return counts.Select((count, index) => new ClassCount(names[index], count)).ToArray();
    }
}
