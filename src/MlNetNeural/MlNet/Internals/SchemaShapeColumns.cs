using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.MlNet.Internals;

/// <summary>
/// Builds <see cref="SchemaShape.Column"/> values, whose constructor ML.NET keeps internal.
/// Goes through that constructor (by reflection) so ML.NET's own argument checks still apply.
/// </summary>
internal static class SchemaShapeColumns
{
    /// <summary>A column of the given shape; <paramref name="annotations"/> null means none.</summary>
    /// <param name="name">Column name.</param>
    /// <param name="kind">Scalar, fixed-size vector or variable-size vector.</param>
    /// <param name="itemType">Item type (for a key column, its underlying raw type such as <see cref="NumberDataViewType.UInt32"/>).</param>
    /// <param name="isKey">Whether the column is a key column.</param>
    /// <param name="annotations">Annotation columns (e.g. "SlotNames", "KeyValues", "ScoreColumnKind").</param>
    public static SchemaShape.Column Create(string name, SchemaShape.Column.VectorKind kind, DataViewType itemType,
        bool isKey, SchemaShape? annotations = null) =>
        (SchemaShape.Column)MlNetMembers.Invoke(MlNetMembers.SchemaShapeColumnConstructor.Value, null,
            name, kind, itemType, isKey, annotations)!;

    /// <summary>The shape of a column of <paramref name="type"/> with <paramref name="annotations"/>, as ML.NET's own schema propagation describes it.</summary>
    /// <param name="name">Column name.</param>
    /// <param name="type">Column type.</param>
    /// <param name="annotations">The column's annotations (their shapes become the column's annotation shape).</param>
    public static SchemaShape.Column Of(string name, DataViewType type, DataViewSchema.Annotations annotations) =>
        Of(name, type, new SchemaShape(annotations.Schema.Select(annotation => Of(annotation.Name, annotation.Type, (SchemaShape?)null))));

    private static SchemaShape.Column Of(string name, DataViewType type, SchemaShape? annotations)
    {
        var kind = type switch
        {
            VectorDataViewType { IsKnownSize: true } => SchemaShape.Column.VectorKind.Vector,
            VectorDataViewType => SchemaShape.Column.VectorKind.VariableVector,
            _ => SchemaShape.Column.VectorKind.Scalar,
        };
        var itemType = type is VectorDataViewType vector ? vector.ItemType : type;
        return itemType is KeyDataViewType key
            ? Create(name, kind, PrimitiveOf(key.RawType), true, annotations)
            : Create(name, kind, itemType, false, annotations);
    }

    private static DataViewType PrimitiveOf(Type raw) =>
        raw == typeof(uint) ? NumberDataViewType.UInt32
        : raw == typeof(ulong) ? NumberDataViewType.UInt64
        : raw == typeof(ushort) ? NumberDataViewType.UInt16
        : raw == typeof(byte) ? NumberDataViewType.Byte
        : throw new ArgumentOutOfRangeException(nameof(raw), raw, "Key types are built on unsigned integers.");
}
