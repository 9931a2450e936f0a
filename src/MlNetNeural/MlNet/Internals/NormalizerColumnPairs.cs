using Microsoft.ML;
using Microsoft.ML.Transforms;

namespace MlNetNeural.MlNet.Internals;

/// <summary>
/// Which column each column of a fitted <see cref="NormalizingTransformer"/> reads and writes. ML.NET exposes the
/// parameters (<c>GetNormalizerModelParameters(i)</c>) and the output columns (through the output schema) but not
/// the input column names, so those come from the internal field <c>OneToOneTransformerBase.ColumnPairs</c>
/// (<see cref="MlNetMembers.OneToOneColumnPairs"/>), checked against the public schemas on every use.
/// </summary>
internal static class NormalizerColumnPairs
{
    /// <summary>The (output, input) column names of every column <paramref name="normalizer"/> maps, in parameter-index order.</summary>
    /// <param name="normalizer">The fitted normalizer.</param>
    /// <param name="inputSchema">The schema it reads.</param>
    /// <param name="addedColumns">The names of the columns it adds, from its output schema.</param>
    /// <exception cref="MissingMemberException">The referenced ML.NET is not laid out as the pinned version.</exception>
    public static IReadOnlyList<(string Output, string Input)> Of(NormalizingTransformer normalizer, DataViewSchema inputSchema, IReadOnlyList<string> addedColumns)
    {
        var pairs = (((string OutputColumnName, string InputColumnName)[])MlNetMembers.OneToOneColumnPairs.Value.GetValue(normalizer)!)
            .Select(pair => (Output: pair.OutputColumnName, Input: pair.InputColumnName))
            .ToArray();
        if (!pairs.Select(pair => pair.Output).Order(StringComparer.Ordinal).SequenceEqual(addedColumns.Order(StringComparer.Ordinal))
            || pairs.Any(pair => inputSchema.GetColumnOrNull(pair.Input) is null))
        {
            throw new MissingMemberException(
                $"ML.NET's NormalizingTransformer holds the column pairs [{string.Join(", ", pairs.Select(p => $"{p.Output} <- {p.Input}"))}] internally, which do not fit its schemas " +
                $"(it adds [{string.Join(", ", addedColumns)}]); MlNetNeural was written for Microsoft.ML {MlNetMembers.PinnedVersion} and cannot read this version's normalizers safely.");
        }
        return pairs;
    }
}
