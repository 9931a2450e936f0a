using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.MlNet.Internals;

/// <summary>
/// Which input columns each output column of a fitted <see cref="ColumnConcatenatingTransformer"/> (<c>Concatenate</c>)
/// joins, in order. ML.NET keeps them in the internal property <c>ColumnConcatenatingTransformer.Columns</c>
/// (<see cref="MlNetMembers.ConcatenatingColumns"/>); the result is checked against the public schemas on every use.
/// </summary>
internal static class ConcatenatedColumns
{
    /// <summary>Every output column with the columns it joins, in the transformer's order.</summary>
    /// <param name="transformer">The fitted transformer.</param>
    /// <param name="inputSchema">The schema it reads.</param>
    /// <param name="addedColumns">The names of the columns it adds, from its output schema.</param>
    /// <exception cref="MissingMemberException">The referenced ML.NET is not laid out as the pinned version.</exception>
    public static IReadOnlyList<(string Output, IReadOnlyList<string> Inputs)> Of(ColumnConcatenatingTransformer transformer, DataViewSchema inputSchema, IReadOnlyList<string> addedColumns)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        var columns = ((IReadOnlyCollection<(string OutputColumnName, string[] InputColumnNames)>)MlNetMembers.Invoke(MlNetMembers.ConcatenatingColumns.Value.GetMethod!, transformer)!)
            .Select(column => (Output: column.OutputColumnName, Inputs: (IReadOnlyList<string>)column.InputColumnNames.ToArray()))
            .ToArray();
        if (!columns.Select(column => column.Output).ToHashSet(StringComparer.Ordinal).SetEquals(addedColumns)
            || columns.Any(column => column.Inputs.Count == 0 || column.Inputs.Any(input => inputSchema.GetColumnOrNull(input) is null)))
        {
            throw new MissingMemberException(
                $"ML.NET's ColumnConcatenatingTransformer holds the columns [{string.Join("; ", columns.Select(c => $"{c.Output} <- {string.Join(", ", c.Inputs)}"))}] internally, which do not fit its schemas " +
                $"(it adds [{string.Join(", ", addedColumns)}]); MlNetNeural was written for Microsoft.ML {MlNetMembers.PinnedVersion} and cannot read this version's Concatenate safely.");
        }
        return columns;
    }
}
