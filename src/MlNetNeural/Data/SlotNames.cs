using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Data;

/// <summary>Reads a vector column's slot names, for error messages that name the feature.</summary>
internal static class SlotNames
{
    /// <summary>The name of slot <paramref name="slot"/> of <paramref name="column"/>, or null when it has none.</summary>
    public static string? Of(DataViewSchema.Column column, int slot)
    {
        if (column.Annotations.Schema.GetColumnOrNull("SlotNames") is not { Type: VectorDataViewType { ItemType: TextDataViewType } }) return null;
        VBuffer<ReadOnlyMemory<char>> names = default;
        column.Annotations.GetValue("SlotNames", ref names);
        if (slot >= names.Length) return null;
        string name = names.GetItemOrDefault(slot).ToString();
        return name.Length == 0 ? null : name;
    }
}
