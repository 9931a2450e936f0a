using Microsoft.ML;
using MlNetNeural.Core.Layers;

namespace MlNetNeural.Trainers;

/// <summary>The MLContext.Log line that says which features the model log-compresses (<see cref="MlpTrainerOptions.CompressSkewedFeatures"/>).</summary>
internal static class CompressionAnnouncement
{
    /// <summary>Features named in the line at most; the rest are counted.</summary>
    private const int NamedFeatures = 20;

    /// <summary>"Log-compressing k of n features …", naming them by slot name when the feature column has slot names, else by index.</summary>
    public static string Describe(LogCompressionSpec compression, DataViewSchema.Column featureColumn)
    {
        var compressed = compression.CompressedFeatures;
        var names = Data.SlotNames.All(featureColumn);
        var shown = compressed.Take(NamedFeatures).Select(slot =>
            names is not null && slot < names.Length && names[slot].Length > 0 ? $"'{names[slot]}'" : $"slot {slot}");
        string more = compressed.Count > NamedFeatures ? $" and {compressed.Count - NamedFeatures} more" : "";
        return $"Log-compressing {compressed.Count} of {compression.Scales.Length} features of '{featureColumn.Name}' before the input scaling " +
            $"(never negative, long-tailed; CompressSkewedFeatures): {string.Join(", ", shown)}{more}.";
    }
}
