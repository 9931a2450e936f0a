using Microsoft.ML;
using Microsoft.ML.Data;

namespace MlNetNeural.MlNet.Internals;

/// <summary>
/// Which column each column of a fitted one-to-one transformer (a <see cref="OneToOneTransformerBase"/>: normalizers,
/// <c>ReplaceMissingValues</c>, <c>IndicateMissingValues</c>, <c>MapValueToKey</c>, <c>ConvertType</c>, ...) reads and
/// writes. ML.NET exposes the output columns (through the output schema) but not the input column names, so those come
/// from the internal field <c>OneToOneTransformerBase.ColumnPairs</c> (<see cref="MlNetMembers.OneToOneColumnPairs"/>),
/// checked against the public schemas on every use.
/// </summary>
internal static class OneToOneColumnPairs
{
    /// <summary>The (output, input) column names of every column <paramref name="transformer"/> maps, in its column order
    /// (the index <c>NormalizingTransformer.GetNormalizerModelParameters</c> takes).</summary>
    /// <param name="transformer">The fitted transformer.</param>
    /// <param name="inputSchema">The schema it reads.</param>
    /// <param name="addedColumns">The names of the columns it adds, from its output schema.</param>
    /// <exception cref="MissingMemberException">The referenced ML.NET is not laid out as the pinned version.</exception>
    public static IReadOnlyList<(string Output, string Input)> Of(OneToOneTransformerBase transformer, DataViewSchema inputSchema, IReadOnlyList<string> addedColumns)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        var pairs = (((string OutputColumnName, string InputColumnName)[])MlNetMembers.OneToOneColumnPairs.Value.GetValue(transformer)!)
            .Select(pair => (Output: pair.OutputColumnName, Input: pair.InputColumnName))
            .ToArray();
        if (!pairs.Select(pair => pair.Output).ToHashSet(StringComparer.Ordinal).SetEquals(addedColumns)
            || pairs.Any(pair => inputSchema.GetColumnOrNull(pair.Input) is null))
        {
            throw new MissingMemberException(
                $"ML.NET's {transformer.GetType().Name} holds the column pairs [{string.Join(", ", pairs.Select(p => $"{p.Output} <- {p.Input}"))}] internally, which do not fit its schemas " +
                $"(it adds [{string.Join(", ", addedColumns)}]); MlNetNeural was written for Microsoft.ML {MlNetMembers.PinnedVersion} and cannot read this version's transformers safely.");
        }
        return pairs;
    }
}
