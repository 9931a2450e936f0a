using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Reports.Data;

/// <summary>Class names of a multiclass label, taken from the annotations ML.NET attaches.</summary>
internal static class ClassNames
{
    /// <summary>
    /// The label column's key values if they are text, else the score column's slot names, else "0", "1", ….
    /// </summary>
    public static IReadOnlyList<string> Find(DataViewSchema.Column label, DataViewSchema.Column score, int classCount)
    {
        return KeyValues(label, classCount)
            ?? TextAnnotation(score, "SlotNames", classCount)
            ?? Enumerable.Range(0, classCount).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    }

    /// <summary>The column's text key values when there are exactly <paramref name="expectedCount"/> of them, else <c>null</c>.</summary>
    public static string[]? KeyValues(DataViewSchema.Column column, int expectedCount) => TextAnnotation(column, "KeyValues", expectedCount);

    private static string[]? TextAnnotation(DataViewSchema.Column column, string kind, int expectedCount)
    {
        var annotation = column.Annotations.Schema.GetColumnOrNull(kind);
        if (annotation is not { Type: VectorDataViewType { ItemType: TextDataViewType } })
            return null;
        var values = default(VBuffer<ReadOnlyMemory<char>>);
        column.Annotations.GetValue(kind, ref values);
        var names = values.DenseValues().Select(v => v.ToString()).ToArray();
        return names.Length == expectedCount ? names : null;
    }
}
