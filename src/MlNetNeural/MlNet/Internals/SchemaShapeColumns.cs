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
}
