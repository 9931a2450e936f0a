using System.Reflection;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace MlNetNeural.Onnx.MlNet;

/// <summary>
/// Which column each column of a fitted <see cref="NormalizingTransformer"/> reads and writes. ML.NET exposes the
/// parameters (<c>GetNormalizerModelParameters(i)</c>) and the output columns (through the output schema) but not
/// the input column names, so those come from the internal field <c>OneToOneTransformerBase.ColumnPairs</c>,
/// checked against the public schemas on every use.
/// </summary>
internal static class NormalizerColumnPairs
{
    /// <summary>The Microsoft.ML version whose internal field this was written and tested against.</summary>
    public const string PinnedMlNetVersion = "5.0.1";

    private static readonly Lazy<FieldInfo> ColumnPairsField = new(FindColumnPairsField);

    /// <summary>The (output, input) column names of every column the normalizer step maps, in parameter-index order.</summary>
    /// <exception cref="MissingMemberException">The referenced ML.NET is not laid out as the pinned version.</exception>
    public static IReadOnlyList<(string Output, string Input)> Of(PipelineStep step)
    {
        var normalizer = (NormalizingTransformer)step.Transformer;
        var pairs = (((string OutputColumnName, string InputColumnName)[])ColumnPairsField.Value.GetValue(normalizer)!)
            .Select(pair => (Output: pair.OutputColumnName, Input: pair.InputColumnName))
            .ToArray();
        if (!pairs.Select(pair => pair.Output).Order(StringComparer.Ordinal).SequenceEqual(step.AddedColumns.Order(StringComparer.Ordinal))
            || pairs.Any(pair => step.InputSchema.GetColumnOrNull(pair.Input) is null))
        {
            throw new MissingMemberException(
                $"ML.NET's NormalizingTransformer holds the column pairs [{string.Join(", ", pairs.Select(p => $"{p.Output} <- {p.Input}"))}] internally, which do not fit its schemas " +
                $"(it adds [{string.Join(", ", step.AddedColumns)}]); MlNetNeural.Onnx was written for Microsoft.ML {PinnedMlNetVersion} and cannot read this version's normalizers safely.");
        }
        return pairs;
    }

    private static FieldInfo FindColumnPairsField()
    {
        var field = typeof(OneToOneTransformerBase).GetField("ColumnPairs", BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        if (field?.FieldType != typeof((string, string)[]))
        {
            throw new MissingMemberException(
                $"ML.NET's internal field OneToOneTransformerBase.ColumnPairs ((string, string)[]) was not found; MlNetNeural.Onnx reads it to learn which " +
                $"column a normalizer reads and was written for Microsoft.ML {PinnedMlNetVersion}.");
        }
        return field;
    }
}
