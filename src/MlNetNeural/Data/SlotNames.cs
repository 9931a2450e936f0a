using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.Data;

/// <summary>Reads a vector column's slot names, for messages that name the feature.</summary>
internal static class SlotNames
{
    /// <summary>The name of slot <paramref name="slot"/> of <paramref name="column"/>, or null when it has none.</summary>
    public static string? Of(DataViewSchema.Column column, int slot)
    {
        if (Read(column) is not { } names || slot >= names.Length) return null;
        string name = names.GetItemOrDefault(slot).ToString();
        return name.Length == 0 ? null : name;
    }

    /// <summary>Every slot's name (empty for a slot without one), or null when <paramref name="column"/> has no slot names.</summary>
    public static string[]? All(DataViewSchema.Column column) =>
        Read(column) is { } names ? names.DenseValues().Select(name => name.ToString()).ToArray() : null;

    private static VBuffer<ReadOnlyMemory<char>>? Read(DataViewSchema.Column column)
    {
        if (column.Annotations.Schema.GetColumnOrNull("SlotNames") is not { Type: VectorDataViewType { ItemType: TextDataViewType } }) return null;
        VBuffer<ReadOnlyMemory<char>> names = default;
        column.Annotations.GetValue("SlotNames", ref names);
        return names;
    }
}
