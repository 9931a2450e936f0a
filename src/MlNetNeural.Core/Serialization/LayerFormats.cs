using MlNetNeural.Core.Layers;

namespace MlNetNeural.Core.Serialization;

/// <summary>
/// The one table of layer kinds the network file format knows. A new layer kind adds its
/// <see cref="LayerFormat"/> here, with a code no other kind has ever used.
/// </summary>
internal static class LayerFormats
{
    private static readonly LayerFormat[] All =
    [
        DenseLayer.FileFormat, DropoutLayer.FileFormat, FeatureScalingLayer.FileFormat, LoraDenseLayer.FileFormat, SparseDenseLayer.FileFormat,
        PeriodicEmbeddingLayer.FileFormat, LogCompressionLayer.FileFormat,
    ];

    private static readonly Dictionary<byte, LayerFormat> ByCode = All.ToDictionary(format => format.Code);

    /// <summary>The format with the kind byte <paramref name="code"/>, or null when this version does not know it.</summary>
    public static LayerFormat? Find(byte code) => ByCode.GetValueOrDefault(code);

    /// <summary>Every known layer kind.</summary>
    public static IReadOnlyList<LayerFormat> Known => All;
}
