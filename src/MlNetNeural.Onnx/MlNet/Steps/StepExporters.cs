using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace MlNetNeural.Onnx.MlNet.Steps;

/// <summary>
/// The one table of ML.NET transformer kinds the ONNX export translates (one exporter file each) or refuses with a
/// reason. A new kind is one new exporter file and one entry here. A kind in neither table is refused with the list
/// of the exported kinds. <c>OneHotEncoding</c> is exported as the MapValueToKey and KeyToVector it is made of
/// (<see cref="PipelineStep.Flatten"/>).
/// </summary>
internal static class StepExporters
{
    private static readonly Dictionary<Type, IStepExporter> Exporters = new()
    {
        [typeof(ColumnConcatenatingTransformer)] = new ConcatenateExporter(),
        [typeof(MissingValueReplacingTransformer)] = new ReplaceMissingValuesExporter(),
        [typeof(MissingValueIndicatorTransformer)] = new IndicateMissingValuesExporter(),
        [typeof(ValueToKeyMappingTransformer)] = new MapValueToKeyExporter(),
        [typeof(KeyToVectorMappingTransformer)] = new KeyToVectorExporter(),
        [typeof(TypeConvertingTransformer)] = new ConvertTypeExporter(),
        [typeof(NormalizingTransformer)] = new NormalizerExporter(),
    };

    /// <summary>Kinds refused with a specific reason, by type name (some are not public types).</summary>
    private static readonly Dictionary<string, IStepExporter> Refused = new(StringComparer.Ordinal)
    {
        [typeof(KeyToBinaryVectorMappingTransformer).FullName!] = new RefusedStepExporter(
            "OneHotEncoding with outputKind Binary (or MapKeyToBinaryVector) has no ONNX translation here, nor in ML.NET's own converter; use outputKind Indicator (the default) or Bag."),
        [typeof(OneHotHashEncodingTransformer).FullName!] = new RefusedStepExporter(
            "OneHotHashEncoding hashes values with ML.NET's MurmurHash3, which is not translated; use OneHotEncoding (a dictionary of the training values) for a column to export."),
        [typeof(HashingTransformer).FullName!] = new RefusedStepExporter(
            "MapValueToKey by hashing (Conversion.Hash) uses ML.NET's MurmurHash3, which is not translated; use MapValueToKey for a column to export."),
        ["Microsoft.ML.Transforms.Text.TextFeaturizingEstimator+Transformer"] = new RefusedStepExporter(
            "FeaturizeText (text normalization, tokenization, word and character n-grams, L2 normalization) is not translated."),
    };

    /// <summary>The exported kinds, for the message refusing any other.</summary>
    public const string ExportedKinds =
        "Concatenate, ReplaceMissingValues, IndicateMissingValues, MapValueToKey of text or Single columns, OneHotEncoding (output kinds Indicator, Bag and Key), " +
        "MapKeyToVector, ConvertType to Single, and the affine normalizers (" + NormalizerExporter.AffineNormalizers + ")";

    /// <summary>The translation of <paramref name="column"/> as <paramref name="step"/> writes it.</summary>
    /// <exception cref="ArgumentException">The step or the column cannot be exported; the message says which and why.</exception>
    public static ColumnTranslation Translate(PipelineStep step, string column)
    {
        var type = step.Transformer.GetType();
        var exporter = Exporters.GetValueOrDefault(type) ?? Refused.GetValueOrDefault(type.FullName ?? type.Name)
            ?? throw ExportRefusal.Step(step,
                $"is on the way to the MLP's features (column '{column}') and is not supported: the ONNX export translates {ExportedKinds}. {ExportRefusal.OtherStepsAdvice}");
        return exporter.Translate(step, column);
    }
}
